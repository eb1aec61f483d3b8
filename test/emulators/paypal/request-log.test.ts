import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import {
  ACTIVE_ID,
  TEST_CREDENTIALS,
  TEST_SEED,
  basicAuth,
  call,
  closeTestEmulators,
  fetchToken,
  planBody,
  startTestEmulator,
} from './client.js';

let emulator: PayPalEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: TEST_SEED });
});

afterEach(closeTestEmulators);

describe('PayPal emulator: request log', () => {
  it('never contains the client credentials or an issued access token', async () => {
    const token = await fetchToken(emulator);
    await call(emulator, 'GET', '/v1/billing/plans', { authorization: `Bearer ${token}` });
    await call(emulator, 'POST', '/v1/billing/plans', { authorization: `Bearer ${token}`, body: planBody() });
    await call(emulator, 'POST', '/v1/oauth2/token', {
      authorization: basicAuth(TEST_CREDENTIALS.clientId, 'wrong'),
      body: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    const serialised = JSON.stringify(emulator.log);

    expect(serialised).not.toContain(TEST_CREDENTIALS.clientId);
    expect(serialised).not.toContain(TEST_CREDENTIALS.clientSecret);
    expect(serialised).not.toContain(basicAuth().slice('Basic '.length));
    expect(serialised).not.toContain(token);
    expect(serialised.toLowerCase()).not.toContain('authorization');
  });

  it('masks an access token wherever a client echoes it', async () => {
    const token = await fetchToken(emulator);

    await call(emulator, 'GET', `/v1/billing/plans?product_id=${token.slice(0, 40)}&note=${token}`, {
      authorization: `Bearer ${token}`,
    });

    expect(JSON.stringify(emulator.log)).not.toContain(token);
  });

  it('records the token response with the token masked', async () => {
    await fetchToken(emulator);

    const [entry] = emulator.log;

    expect(entry?.response).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { access_token: '[REDACTED]', token_type: 'Bearer' },
    });
  });

  it('records request and response of a create, with the debug id and Prefer headers', async () => {
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    emulator.clearLog();

    await call(emulator, 'POST', '/v1/billing/plans', {
      authorization,
      body: planBody(),
      full: true,
      headers: { 'paypal-request-id': 'req-1' },
    });

    const [entry] = emulator.log;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1/billing/plans',
      body: planBody(),
      headers: { prefer: 'return=representation', 'paypal-request-id': 'req-1' },
      status: 201,
      authorized: true,
      handled: true,
      response: {
        status: 201,
        headers: { 'content-type': 'application/json', 'paypal-debug-id': expect.any(String) as unknown },
        body: expect.objectContaining({ name: 'Basic', status: 'ACTIVE' }) as unknown,
      },
    });
  });

  it('records a 204 answer with no body', async () => {
    await call(emulator, 'POST', `/v1/billing/plans/${ACTIVE_ID}/deactivate`);

    const entry = emulator.log.at(-1);

    expect(entry?.response?.status).toBe(204);
    expect(entry?.response?.body).toBeUndefined();
  });

  it('lists as writes only state-changing requests that reached the handler, never a token request', async () => {
    await call(emulator, 'GET', `/v1/billing/plans/${ACTIVE_ID}`);
    await call(emulator, 'POST', `/v1/billing/plans/${ACTIVE_ID}/deactivate`, { authorization: null });
    await call(emulator, 'PATCH', `/v1/billing/plans/${ACTIVE_ID}`, {
      body: [{ op: 'replace', path: '/name', value: 'x' }],
    });

    expect(emulator.writes().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      `PATCH /v1/billing/plans/${ACTIVE_ID}`,
    ]);
  });
});
