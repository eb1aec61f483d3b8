import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/sandbox.js';
import {
  CC_DEMO_ACCOUNT_IDS,
  CONSTANTCONTACT_DEMO_SEED,
  constantContactEmulator,
  generateAccounts,
} from '../../../src/sandbox/constantcontact/index.js';
import { ACCOUNTS, basicAuth, call, closeTestEmulators, planPath, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

describe('Constant Contact emulator: seeding', () => {
  it('generates deterministic, unique 12-character ids and a mix of plans', () => {
    const first = generateAccounts(2000, { seed: 42 });
    expect(generateAccounts(2000, { seed: 42 })).toEqual(first);
    expect(generateAccounts(10, { seed: 43 })).not.toEqual(first.slice(0, 10));
    const ids = new Set(first.map((account) => account.encoded_account_id));
    expect(ids.size).toBe(2000);
    expect([...ids].every((id) => /^[a-z0-9]{12}$/.test(id))).toBe(true);
    const kinds = new Set(first.map((account) => `${account.plan_type}/${account.billing_status}`));
    for (const kind of ['TRIAL/Trial', 'GOLD/Open', 'SILVER/Open', 'BRONZE/Canceled'])
      expect(kinds.has(kind)).toBe(true);
    expect(
      first
        .filter((account) => account.plan_type === 'TRIAL')
        .every((account) => account.billing_day_of_month === null),
    ).toBe(true);
  });

  it('honours a custom mix', () => {
    const accounts = generateAccounts(50, { mix: { 'GOLD/Open': 1 } });
    expect(
      accounts.every((account) => account.plan_type === 'GOLD' && account.billing_status === 'Open'),
    ).toBe(true);
  });

  it('starts with 5,000 accounts on well under a second of CPU and lists them all', async () => {
    const accounts = generateAccounts(5000);
    // CPU time, not wall time: a busy machine stretches the wall clock, not the work (about 25 ms).
    const cpu = process.cpuUsage();
    const emulator = await startTestEmulator({ accounts });
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
    expect(emulator.accounts()).toHaveLength(5000);

    let pages = 0;
    let href: string | undefined = `${ACCOUNTS}?limit=50`;
    while (href !== undefined) {
      const json = (await call(emulator, 'GET', href)).json as { _links?: { next?: { href: string } } };
      href = json._links?.next?.href;
      pages += 1;
    }
    expect(pages).toBe(100);
  });

  it('provisions accounts as TRIAL and refuses a login name in use', async () => {
    const emulator = await startTestEmulator();
    const body = {
      contact_email: 'owner@example.com',
      country_code: 'US',
      state_code: 'MA',
      login_name: 'hank_smith',
      password: 'correct-horse',
      organization_name: 'Hanks Fresh Fruit',
    };
    const created = await call(emulator, 'POST', ACCOUNTS, { body });
    expect(created.status).toBe(201);
    const { encoded_account_id: id } = created.json as { encoded_account_id: string; provision_uuid: string };
    expect(id).toMatch(/^[a-z0-9]{12}$/);
    expect(created.json).toHaveProperty('provision_uuid');
    expect((await call(emulator, 'GET', planPath(id))).json).toMatchObject({
      plan_type: 'TRIAL',
      billing_status: 'Trial',
      billing_day_of_month: null,
    });
    expect(
      (await call(emulator, 'POST', ACCOUNTS, { body: { ...body, login_name: 'HANK_SMITH' } })).status,
    ).toBe(409);
  });

  it('reports every missing required provisioning field', async () => {
    const emulator = await startTestEmulator();
    const response = await call(emulator, 'POST', ACCOUNTS, { body: { login_name: 'abc' } });
    expect(response.status).toBe(400);
    expect((response.json as unknown[]).length).toBeGreaterThanOrEqual(4);
  });

  it('the demo seed has the six fixed accounts', async () => {
    const emulator = await startTestEmulator({ accounts: CONSTANTCONTACT_DEMO_SEED });
    const byId = new Map(emulator.accounts().map((account) => [account.encoded_account_id, account]));
    expect(byId.get(CC_DEMO_ACCOUNT_IDS.acmeTrial)).toMatchObject({
      plan_type: 'TRIAL',
      billing_status: 'Trial',
      billing_day_of_month: null,
    });
    expect(byId.get(CC_DEMO_ACCOUNT_IDS.globexGold)).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Open',
      billing_day_of_month: 1,
    });
    expect(byId.get(CC_DEMO_ACCOUNT_IDS.initechSilver)).toMatchObject({
      plan_type: 'SILVER',
      billing_day_of_month: 15,
    });
    expect(byId.get(CC_DEMO_ACCOUNT_IDS.umbrellaCanceled)).toMatchObject({
      plan_type: 'BRONZE',
      billing_status: 'Canceled',
    });
    expect(byId.get(CC_DEMO_ACCOUNT_IDS.hooliTrial)).toMatchObject({
      plan_type: 'TRIAL',
      billing_status: 'Trial',
    });
    expect(byId.get(CC_DEMO_ACCOUNT_IDS.starkGold)).toMatchObject({
      plan_type: 'GOLD',
      billing_day_of_month: 10,
    });
  });

  it('runs in the sandbox with the demo credentials and a token URL', async () => {
    const sandbox = await startSandbox();
    try {
      const entry = sandbox.emulators.find((item) => item.provider === 'constantcontact');
      expect(entry?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
      expect(entry?.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/partner-token$/);
      expect(entry?.credentials).toEqual(constantContactEmulator.demoCredentials);
      const { api_key, client_id, client_secret } = constantContactEmulator.demoCredentials;
      const token = await fetch(
        `${entry?.tokenUrl ?? ''}?grant_type=client_credentials&scope=v3api/general.partner`,
        {
          method: 'POST',
          headers: {
            authorization: basicAuth(client_id, client_secret),
            'content-type': 'application/x-www-form-urlencoded',
          },
        },
      );
      const { access_token } = (await token.json()) as { access_token: string };
      const list = await fetch(`${entry?.baseUrl ?? ''}/partner/accounts`, {
        headers: { authorization: `Bearer ${access_token}`, 'x-api-key': api_key },
      });
      const body = (await list.json()) as { site_owner_list: Array<{ encoded_account_id: string }> };
      expect(body.site_owner_list.map((item) => item.encoded_account_id)).toEqual(
        Object.values(CC_DEMO_ACCOUNT_IDS),
      );
    } finally {
      await sandbox.close();
    }
  });
});
