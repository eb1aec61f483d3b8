// How provider errors name a request: provider, connection, method and path relative to the base
// URL. Never the host or a query value, which may be a cursor or a filter nobody should see in CI logs.

import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';

let http: HttpClient;
afterEach(async () => http?.close());

const client = (connection?: string) =>
  new HttpClient({
    provider: 'constantcontact',
    ...(connection === undefined ? {} : { connection }),
    baseUrl: 'https://api.example.test/v3',
    concurrency: 1,
    requestsPerSecond: 10,
    timeoutMs: 1000,
    retries: 0,
  });

describe('HttpClient.sourceOf', () => {
  it('names provider, connection, method and path', () => {
    http = client('cc-partner');

    expect(http.sourceOf({ method: 'PUT', path: '/partner/accounts/a%2Fb/plan' })).toEqual({
      provider: 'constantcontact',
      connection: 'cc-partner',
      endpoint: 'PUT /partner/accounts/a%2Fb/plan',
    });
  });

  it('leaves out a query string written into the path', () => {
    http = client('cc-partner');

    expect(http.sourceOf({ method: 'GET', path: '/partner/accounts?next=s3cret' }).endpoint).toBe(
      'GET /partner/accounts',
    );
  });

  it('names an absolute next-page URL on the API host by its path under the base URL', () => {
    http = client('cc-partner');

    const source = http.sourceOf({
      method: 'GET',
      path: 'https://api.example.test/v3/partner/accounts?next=s3cret',
    });

    expect(source.endpoint).toBe('GET /partner/accounts');
  });

  it('names a token endpoint on another host by its path alone', () => {
    http = client('cc-partner');

    const source = http.sourceOf({ method: 'POST', path: 'https://auth.example.test/oauth2/token?scope=x' });

    expect(source.endpoint).toBe('POST /oauth2/token');
  });

  it('omits the connection when the client serves none', () => {
    http = client();

    expect(http.sourceOf({ method: 'GET', path: '/x' })).toEqual({
      provider: 'constantcontact',
      endpoint: 'GET /x',
    });
  });
});
