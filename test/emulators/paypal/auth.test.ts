import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_APP_ID, SUBSCRIPTIONS_SCOPE } from '../../../src/sandbox/paypal/index.js';
import {
  TEST_CREDENTIALS,
  basicAuth,
  call,
  closeTestEmulators,
  errorName,
  fetchToken,
  startTestEmulator,
} from './client.js';

afterEach(closeTestEmulators);

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function tokenRequest(authorization: string | null, body = 'grant_type=client_credentials') {
  return { authorization, body, headers: FORM };
}

describe('PayPal emulator: OAuth2 token endpoint', () => {
  it('issues a Bearer token with PayPal’s response members', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/v1/oauth2/token', tokenRequest(basicAuth()));

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      scope: expect.stringContaining(SUBSCRIPTIONS_SCOPE) as unknown,
      access_token: expect.stringMatching(/^A21AA[\w-]{40,}$/) as unknown,
      token_type: 'Bearer',
      app_id: EMULATOR_APP_ID,
      expires_in: 32400,
      nonce: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) as unknown,
    });
  });

  it('issues a different random token each time', async () => {
    const emulator = await startTestEmulator();

    const first = await fetchToken(emulator);
    const second = await fetchToken(emulator);

    expect(first).not.toBe(second);
  });

  it('reports the configured lifetime in expires_in', async () => {
    const emulator = await startTestEmulator({ tokenTtlSeconds: 60 });

    const response = await call(emulator, 'POST', '/v1/oauth2/token', tokenRequest(basicAuth()));

    expect((response.json as { expires_in: number }).expires_in).toBe(60);
  });

  it.each([
    ['a wrong secret', basicAuth(TEST_CREDENTIALS.clientId, 'wrong')],
    ['a wrong client id', basicAuth('someone-else', TEST_CREDENTIALS.clientSecret)],
    ['no Authorization header', null],
    ['a Bearer header', 'Bearer abc'],
  ])('answers 401 invalid_client to %s', async (_case, authorization) => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/v1/oauth2/token', tokenRequest(authorization));

    expect([response.status, response.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Client Authentication failed' },
    ]);
  });

  it('answers 400 unsupported_grant_type without grant_type', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/v1/oauth2/token', tokenRequest(basicAuth(), ''));

    expect([response.status, (response.json as { error: string }).error]).toEqual([
      400,
      'unsupported_grant_type',
    ]);
  });

  it('answers 400 to another grant type', async () => {
    const emulator = await startTestEmulator();

    const response = await call(
      emulator,
      'POST',
      '/v1/oauth2/token',
      tokenRequest(basicAuth(), 'grant_type=password'),
    );

    expect(response.status).toBe(400);
  });
});

describe('PayPal emulator: Bearer authentication', () => {
  it('accepts a token it issued', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'GET', '/v1/billing/plans');

    expect(response.status).toBe(200);
  });

  it.each([
    ['no Authorization header', null],
    ['a token it never issued', 'Bearer A21AAnot-a-real-token'],
    ['Basic client credentials', basicAuth()],
  ])('answers 401 AUTHENTICATION_FAILURE to %s', async (_case, authorization) => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'GET', '/v1/billing/plans', { authorization });

    expect([response.status, errorName(response.json)]).toEqual([401, 'AUTHENTICATION_FAILURE']);
  });

  it('refuses a token once its lifetime has passed on the emulator’s clock', async () => {
    let now = Date.parse('2025-03-01T00:00:00Z');
    const emulator = await startTestEmulator({ now: () => now, tokenTtlSeconds: 3600 });
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    now += 3599_000;
    const before = await call(emulator, 'GET', '/v1/billing/plans', { authorization });

    now += 1000;
    const after = await call(emulator, 'GET', '/v1/billing/plans', { authorization });

    expect([before.status, after.status]).toEqual([200, 401]);
  });

  it('refuses every token issued before expireTokens(), and accepts new ones', async () => {
    const emulator = await startTestEmulator();
    const old = `Bearer ${await fetchToken(emulator)}`;

    emulator.expireTokens();
    const refused = await call(emulator, 'GET', '/v1/billing/plans', { authorization: old });
    const renewed = await call(emulator, 'GET', '/v1/billing/plans', {
      authorization: `Bearer ${await fetchToken(emulator)}`,
    });

    expect([refused.status, renewed.status]).toEqual([401, 200]);
  });

  it('does not run the handler for an unauthenticated write', async () => {
    const emulator = await startTestEmulator();

    await call(emulator, 'POST', '/v1/billing/plans', { authorization: null, body: {} });

    expect(emulator.writes()).toEqual([]);
  });
});
