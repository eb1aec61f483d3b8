import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_PATH } from '../../../src/sandbox/constantcontact/index.js';
import {
  ACCOUNTS,
  FORM,
  TEST_CREDENTIALS,
  TOKEN_QUERY,
  basicAuth,
  call,
  closeTestEmulators,
  fetchToken,
  startTestEmulator,
  testClock,
} from './client.js';

afterEach(closeTestEmulators);

const UNAUTHORIZED = { error_key: 'unauthorized', error_message: 'Unauthorized' };

function tokenCall(
  query = TOKEN_QUERY,
  options: { authorization?: string; headers?: Record<string, string> } = {},
) {
  return {
    path: `${TOKEN_PATH}${query}`,
    options: {
      authorization: options.authorization ?? basicAuth(),
      apiKey: null,
      headers: options.headers ?? FORM,
    },
  };
}

describe('Constant Contact emulator: partner token endpoint', () => {
  it('issues a JWT-shaped Bearer token that lives an hour', async () => {
    const emulator = await startTestEmulator();
    const { path, options } = tokenCall();

    const response = await call(emulator, 'POST', path, options);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      access_token: expect.stringMatching(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/) as unknown,
      expires_in: 3600,
      token_type: 'Bearer',
    });
    const claims = JSON.parse(
      Buffer.from(
        (response.json as { access_token: string }).access_token.split('.')[1] ?? '',
        'base64url',
      ).toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ token_use: 'access', scope: 'v3api/general.partner' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    expect(response.json).not.toHaveProperty('refresh_token');
  });

  it('answers 415 without the form content type', async () => {
    const emulator = await startTestEmulator();
    const { path, options } = tokenCall(TOKEN_QUERY, { headers: {} });

    expect((await call(emulator, 'POST', path, options)).status).toBe(415);
    const wrongCredentials = tokenCall(TOKEN_QUERY, { headers: {}, authorization: basicAuth('x', 'y') });
    expect((await call(emulator, 'POST', wrongCredentials.path, wrongCredentials.options)).status).toBe(415);
  });

  it('answers 401 invalid_client for wrong partner credentials', async () => {
    const emulator = await startTestEmulator();
    for (const authorization of [
      basicAuth(TEST_CREDENTIALS.clientId, 'wrong'),
      basicAuth('other', TEST_CREDENTIALS.clientSecret),
    ]) {
      const { path, options } = tokenCall(TOKEN_QUERY, { authorization });
      const response = await call(emulator, 'POST', path, options);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ error: 'invalid_client' });
    }
  });

  it('answers 400 unsupported_grant_type for another grant, or one sent in the body', async () => {
    const emulator = await startTestEmulator();
    const other = tokenCall('?grant_type=authorization_code&scope=v3api/general.partner');
    expect(await call(emulator, 'POST', other.path, other.options)).toMatchObject({
      status: 400,
      json: { error: 'unsupported_grant_type' },
    });
    const inBody = tokenCall('');
    const response = await call(emulator, 'POST', inBody.path, {
      ...inBody.options,
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(400);
  });

  it('refuses another scope with invalid_scope', async () => {
    const emulator = await startTestEmulator();
    const { path, options } = tokenCall('?grant_type=client_credentials&scope=contact_data');
    expect(await call(emulator, 'POST', path, options)).toMatchObject({
      status: 400,
      json: { error: 'invalid_scope' },
    });
  });

  it('rejects a token once its lifetime has passed on the emulator clock', async () => {
    const clock = testClock();
    const emulator = await startTestEmulator({ now: clock.now, tokenTtlSeconds: 60 });
    const token = await fetchToken(emulator);
    const authorization = `Bearer ${token}`;

    clock.advance(59_999);
    expect((await call(emulator, 'GET', ACCOUNTS, { authorization })).status).toBe(200);
    clock.advance(1);
    const expired = await call(emulator, 'GET', ACCOUNTS, { authorization });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual(UNAUTHORIZED);
  });

  it('expireTokens() invalidates every issued token; a new one works', async () => {
    const emulator = await startTestEmulator();
    const token = await fetchToken(emulator);
    emulator.expireTokens();

    expect((await call(emulator, 'GET', ACCOUNTS, { authorization: `Bearer ${token}` })).status).toBe(401);
    const fresh = await fetchToken(emulator);
    expect((await call(emulator, 'GET', ACCOUNTS, { authorization: `Bearer ${fresh}` })).status).toBe(200);
  });
});

describe('Constant Contact emulator: /v3 needs x-api-key and the JWT', () => {
  it('accepts Bearer <jwt> and a bare <jwt>', async () => {
    const emulator = await startTestEmulator();
    const token = await fetchToken(emulator);

    expect((await call(emulator, 'GET', ACCOUNTS, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await call(emulator, 'GET', ACCOUNTS, { authorization: token })).status).toBe(200);
  });

  it.each([
    ['no x-api-key', { apiKey: null }],
    ['a wrong x-api-key', { apiKey: 'not-the-key' }],
    ['no Authorization', { authorization: null }],
    ['an unknown JWT', { authorization: 'Bearer eyJhbGciOi.eyJzdWIi.c2ln' }],
    ['Basic partner credentials', { authorization: basicAuth() }],
  ])('answers 401 with %s', async (_label, options) => {
    const emulator = await startTestEmulator();
    const response = await call(emulator, 'GET', ACCOUNTS, options);

    expect(response.status).toBe(401);
    expect(response.json).toEqual(UNAUTHORIZED);
    expect(emulator.writes()).toEqual([]);
  });

  it('does not accept the token endpoint on another method', async () => {
    const emulator = await startTestEmulator();
    const response = await call(emulator, 'GET', `${TOKEN_PATH}${TOKEN_QUERY}`, {
      authorization: basicAuth(),
      apiKey: null,
    });
    expect(response.status).toBe(405);
  });
});
