import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_PATH, generateAccounts } from '../../../src/sandbox/constantcontact/index.js';
import {
  ACCOUNTS,
  FORM,
  TEST_CREDENTIALS,
  TOKEN_QUERY,
  basicAuth,
  call,
  closeTestEmulators,
  fetchToken,
  planPath,
  startTestEmulator,
} from './client.js';

afterEach(closeTestEmulators);

describe('Constant Contact emulator: request log', () => {
  it('holds no credential or issued token anywhere', async () => {
    const accounts = generateAccounts(3);
    const emulator = await startTestEmulator({ accounts });
    const token = await fetchToken(emulator);
    const id = accounts[0]?.encoded_account_id ?? '';
    await call(emulator, 'GET', ACCOUNTS, { authorization: `Bearer ${token}` });
    await call(emulator, 'PUT', planPath(id), { authorization: token, body: { plan_type: 'GOLD' } });
    // A client that leaks its token into a query string still does not leak it into the log.
    await call(emulator, 'GET', `${ACCOUNTS}?offset=${token}`, { authorization: token });
    await call(emulator, 'POST', `${TOKEN_PATH}${TOKEN_QUERY}`, {
      authorization: basicAuth(),
      apiKey: null,
      headers: FORM,
    });

    const logged = JSON.stringify(emulator.log);
    for (const secret of [
      token,
      TEST_CREDENTIALS.apiKey,
      TEST_CREDENTIALS.clientSecret,
      basicAuth().slice(6),
    ]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).toContain('[REDACTED]');
    const tokenEntry = emulator.log.find((entry) => entry.path === TOKEN_PATH);
    expect(tokenEntry?.response?.body).toMatchObject({ access_token: '[REDACTED]', expires_in: 3600 });
  });

  it('counts only handled account changes as writes, never token requests', async () => {
    const accounts = generateAccounts(2, { mix: { 'TRIAL/Trial': 1 } });
    const emulator = await startTestEmulator({ accounts });
    await fetchToken(emulator);
    await call(emulator, 'GET', ACCOUNTS);
    expect(emulator.writes()).toEqual([]);
    await call(emulator, 'PUT', planPath(accounts[0]?.encoded_account_id ?? ''), {
      body: { plan_type: 'SILVER' },
    });
    expect(emulator.writes().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      `PUT ${planPath(accounts[0]?.encoded_account_id ?? '')}`,
    ]);
  });

  it('injects kit faults with gateway-style bodies', async () => {
    const emulator = await startTestEmulator({ accounts: generateAccounts(1) });
    emulator.faults.inject({ method: 'GET', path: ACCOUNTS, fault: { kind: 'status', status: 503 } });
    const response = await call(emulator, 'GET', ACCOUNTS);
    expect(response.status).toBe(503);
    expect(response.json).toEqual({ message: 'Service Unavailable' });
    expect((await call(emulator, 'GET', ACCOUNTS)).status).toBe(200);
  });
});
