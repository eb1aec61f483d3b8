// `--verbose` lines: what they show, and that credentials in headers, queries and bodies are masked by
// name; the secrets an exchange teaches the Redactor; the Redactor's encoded forms.

import { describe, expect, it } from 'vitest';
import { describeExchange, secretsIn } from '../../src/cli/http-log.js';
import { Redactor } from '../../src/cli/io.js';
import type { HttpExchange } from '../../src/http/client.js';

const connection = { name: 'pp', baseUrl: 'https://api.example.test/v1' };
const exchange = (fields: Partial<HttpExchange>): HttpExchange => ({
  operation: 'op',
  method: 'GET',
  url: 'https://api.example.test/v1/plans',
  attempt: 1,
  credentialRequest: false,
  requestHeaders: { accept: 'application/json' },
  status: 200,
  durationMs: 12,
  ...fields,
});

describe('describeExchange', () => {
  it('prints a request line and a response line with path, query, status, attempt and duration', () => {
    const lines = describeExchange(
      exchange({ url: 'https://api.example.test/v1/plans?page=2', attempt: 3, responseBody: '{"plans":[]}' }),
      connection,
    );

    expect(lines).toEqual([
      'http pp: → GET /v1/plans?page=2 (attempt 3) headers {accept: application/json}',
      'http pp: ← 200 GET /v1/plans?page=2 (attempt 3) in 12 ms',
    ]);
  });

  it('masks credential headers, keeping the scheme', () => {
    const [request] = describeExchange(
      exchange({
        requestHeaders: {
          authorization: 'Bearer A21AAtoken-value-1234567890',
          'x-api-key': 'key-value-123456',
          cookie: 'session=abcdef123456',
          'proxy-authorization': 'Basic dXNlcjpwYXNz',
          'idempotency-key': 'plansync-abc',
        },
      }),
      connection,
    );

    expect(request).toBe(
      'http pp: → GET /v1/plans (attempt 1) headers {authorization: Bearer ***, x-api-key: ***, cookie: ***, proxy-authorization: Basic ***, idempotency-key: plansync-abc}',
    );
  });

  it('shows the bodies of a write, with secret-named fields masked at any depth', () => {
    const [request, response] = describeExchange(
      exchange({
        method: 'POST',
        requestHeaders: { 'content-type': 'application/json' },
        requestBody: JSON.stringify({ name: 'Gold', auth: { password: 'pw-123456', api_key: 'k-123456' } }),
        status: 201,
        responseBody: JSON.stringify({ id: 7, client_secret: 'cs-123456', token_type: 'Bearer' }),
      }),
      connection,
    );

    expect(request).toContain('body {"name":"Gold","auth":{"password":"***","api_key":"***"}}');
    expect(response).toBe(
      'http pp: ← 201 POST /v1/plans (attempt 1) in 12 ms body {"id":7,"client_secret":"***","token_type":"Bearer"}',
    );
  });

  it('masks every value of a token request form but grant_type and scope, and the access token', () => {
    const [request, response] = describeExchange(
      exchange({
        method: 'POST',
        url: 'https://auth.example.test/oauth2/token?grant_type=client_credentials&client_secret=cs-123456',
        credentialRequest: true,
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody: 'grant_type=client_credentials&scope=a+b&client_id=cid-123456&code=c-123456',
        responseBody: JSON.stringify({
          access_token: 'tok-123456',
          refresh_token: 'r-123456',
          expires_in: 3600,
        }),
      }),
      connection,
    );

    expect(request).toContain(
      'POST https://auth.example.test/oauth2/token?grant_type=client_credentials&client_secret=***',
    );
    expect(request).toContain('body grant_type=client_credentials&scope=a+b&client_id=***&code=***');
    expect(response).toContain('body {"access_token":"***","refresh_token":"***","expires_in":3600}');
  });

  it('never shows a token response that is neither JSON nor a form', () => {
    const [, response] = describeExchange(
      exchange({
        method: 'POST',
        credentialRequest: true,
        status: 500,
        responseBody: '<html>tok-123456</html>',
      }),
      connection,
    );

    expect(response).toContain('body (23 characters, not shown)');
  });

  it('shows an error body of a read, and a network failure instead of a status', () => {
    const [, failed] = describeExchange(
      exchange({ status: 503, responseBody: '{"message":"busy"}' }),
      connection,
    );
    const [, reset] = describeExchange(
      exchange({ status: undefined, error: 'connection reset', responseBody: undefined }),
      connection,
    );

    expect(failed).toContain('← 503 GET /v1/plans (attempt 1) in 12 ms body {"message":"busy"}');
    expect(reset).toBe('http pp: ← connection reset GET /v1/plans (attempt 1) in 12 ms');
  });

  it('cuts a long body', () => {
    const [, response] = describeExchange(
      exchange({ method: 'PUT', responseBody: JSON.stringify({ text: 'x'.repeat(5000) }) }),
      connection,
    );

    expect(response).toMatch(/… \(5011 characters\)$/);
  });
});

describe('secretsIn', () => {
  it('collects header credentials, Basic pairs and handed-out tokens, not token types', () => {
    const secrets = secretsIn(
      exchange({
        method: 'POST',
        credentialRequest: true,
        requestHeaders: { authorization: 'Basic dXNlcjpwYXNzd29yZA==', 'x-api-key': 'key-value-123456' },
        requestBody: 'grant_type=client_credentials&client_secret=form-secret-1',
        responseBody: JSON.stringify({
          access_token: 'eyJ.token.value',
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      }),
    );

    expect(secrets).toEqual(['dXNlcjpwYXNzd29yZA==', 'key-value-123456', 'form-secret-1', 'eyJ.token.value']);
  });

  it('finds a secret field whose name is spelt with escapes, and none in a page of plans', () => {
    const escaped = secretsIn(exchange({ responseBody: '{"\\u0074oken":"escaped-token-1"}' }));
    const page = secretsIn(exchange({ responseBody: JSON.stringify({ plans: [{ id: 'P-12345678' }] }) }));

    expect(escaped).toEqual(['escaped-token-1']);
    expect(page).toEqual([]);
  });
});

describe('Redactor', () => {
  it('masks a secret as written, percent-encoded and JSON-escaped', () => {
    const redactor = new Redactor();
    redactor.add(['p@ss/"word"+1']);

    const out = redactor.redact(`a p@ss/"word"+1 b p%40ss%2F%22word%22%2B1 c "p@ss/\\"word\\"+1"`);

    expect(out).toBe('a *** b *** c "***"');
  });
});
