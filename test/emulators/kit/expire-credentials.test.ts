// The `expire-credentials` fault: every token the emulator issued stops working just before the
// faulted request is authenticated, so that request meets the provider's own 401 and a client must
// fetch a new token. Emulators with static credentials (a password, an API key) refuse the fault.

import { afterEach, describe, expect, it } from 'vitest';
import {
  Router,
  type ProviderDefinition,
  type RunningEmulator,
  startEmulator,
} from '../../../src/sandbox/kit/index.js';
import { startBlueSnapEmulator } from '../../../src/sandbox/bluesnap/index.js';
import { startConstantContactEmulator } from '../../../src/sandbox/constantcontact/index.js';
import { startJpmMpsEmulator } from '../../../src/sandbox/jpmmps/index.js';
import { startPayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import { testDefinition } from '../support/definition.js';
import { send } from '../support/send.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

function tokenProvider(withExpiry: boolean): ProviderDefinition {
  const issued = new Set<string>();
  let next = 0;
  const router = new Router()
    .on('POST', '/token', () => {
      const token = `tok-${++next}`;
      issued.add(token);
      return { status: 200, body: { token } };
    })
    .on('GET', '/things/:id', (req) => ({ status: 200, body: { id: req.params.id } }));
  return testDefinition(router, {
    authorize: (req) => req.path === '/token' || issued.has(String(req.headers.authorization)),
    unauthorized: () => ({ status: 401, body: { error: 'invalid_token' } }),
    ...(withExpiry ? { expireCredentials: () => issued.clear() } : {}),
  });
}

async function start(withExpiry = true): Promise<RunningEmulator> {
  const emulator = await startEmulator(tokenProvider(withExpiry));
  running.push(emulator);
  return emulator;
}

async function token(emulator: RunningEmulator): Promise<string> {
  const response = await send(`${emulator.origin}/token`, { method: 'POST', headers: {} });
  return (response.json as { token: string }).token;
}

const getThing = (emulator: RunningEmulator, authorization: string) =>
  send(`${emulator.origin}/things/1`, { method: 'GET', headers: { authorization } });

describe('expire-credentials fault', () => {
  it('revokes the issued tokens just before the request is authenticated: it meets the 401', async () => {
    const emulator = await start();
    const old = await token(emulator);
    emulator.faults.inject({ method: 'GET', fault: { kind: 'expire-credentials' } });

    const faulted = await getThing(emulator, old);
    const again = await getThing(emulator, old);

    expect([faulted.status, again.status]).toEqual([401, 401]);
    expect(faulted.json).toEqual({ error: 'invalid_token' });
    expect(emulator.log[1]).toMatchObject({ fault: 'expire-credentials', authorized: false, handled: false });
  });

  it('lets a token issued after the expiry through', async () => {
    const emulator = await start();
    emulator.faults.inject({ method: 'GET', fault: { kind: 'expire-credentials' } });
    await getThing(emulator, await token(emulator));

    const fresh = await getThing(emulator, await token(emulator));

    expect([fresh.status, fresh.json]).toEqual([200, { id: '1' }]);
  });

  it('is refused when armed on an emulator whose credentials are static', async () => {
    const emulator = await start(false);

    const inject = () => emulator.faults.inject({ fault: { kind: 'expire-credentials' } });

    expect(emulator.faults.supports('expire-credentials')).toBe(false);
    expect(inject).toThrow(/cannot apply expire-credentials: its credentials are static/);
  });
});

describe('expire-credentials in the provider emulators', () => {
  it('is supported where tokens are issued (PayPal, Constant Contact) and refused where they are not', async () => {
    const emulators = await Promise.all([
      startPayPalEmulator({ credentials: { clientId: 'c', clientSecret: 's' } }),
      startConstantContactEmulator({ credentials: { apiKey: 'k', clientId: 'c', clientSecret: 's' } }),
      startBlueSnapEmulator({ credentials: { username: 'u', password: 'p' } }),
      startJpmMpsEmulator({ credentials: { apiKey: 'k' } }),
    ]);
    running.push(...emulators);

    const supported = emulators.map((emulator) => emulator.faults.supports('expire-credentials'));

    expect(supported).toEqual([true, true, false, false]);
  });

  it('makes the next PayPal API call answer 401 until a new token is fetched', async () => {
    const emulator = await startPayPalEmulator({ credentials: { clientId: 'c', clientSecret: 's' } });
    running.push(emulator);
    const fetchToken = async () => {
      const response = await send(`${emulator.origin}/v1/oauth2/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('c:s').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      return (response.json as { access_token: string }).access_token;
    };
    const list = (value: string) =>
      send(`${emulator.origin}/v1/billing/plans`, {
        method: 'GET',
        headers: { authorization: `Bearer ${value}` },
      });
    const old = await fetchToken();
    emulator.faults.inject({ method: 'GET', fault: { kind: 'expire-credentials' } });

    const statuses = [(await list(old)).status, (await list(await fetchToken())).status];

    expect(statuses).toEqual([401, 200]);
  });

  it('makes the next Constant Contact API call answer 401 until a new JWT is fetched', async () => {
    const emulator = await startConstantContactEmulator({
      credentials: { apiKey: 'k', clientId: 'c', clientSecret: 's' },
      accounts: [{ encoded_account_id: 'acct1', plan_type: 'SILVER' }],
      requestsPerSecond: Infinity,
      requestsPerDay: Infinity,
    });
    running.push(emulator);
    const fetchToken = async () => {
      const response = await send(
        `${emulator.tokenUrl}?grant_type=client_credentials&scope=v3api/general.partner`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from('c:s').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
        },
      );
      return (response.json as { access_token: string }).access_token;
    };
    const read = (jwt: string) =>
      send(`${emulator.baseUrl}/partner/accounts/acct1/plan`, {
        method: 'GET',
        headers: { authorization: `Bearer ${jwt}`, 'x-api-key': 'k' },
      });
    const old = await fetchToken();
    emulator.faults.inject({ method: 'GET', fault: { kind: 'expire-credentials' } });

    const statuses = [(await read(old)).status, (await read(await fetchToken())).status];

    expect(statuses).toEqual([401, 200]);
  });
});
