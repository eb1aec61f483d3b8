// The emulator against Constant Contact's own Swagger 2.0 document: every exchange of a representative
// partner session must validate (query, request body, response body), so the emulator cannot drift from
// the real API's shapes. Skips, saying why, on a bare clone without ../shared/specs.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CC_DEMO_ACCOUNT_IDS,
  CONSTANTCONTACT_DEMO_SEED,
  type ConstantContactEmulator,
  generateAccounts,
} from '../../../src/sandbox/constantcontact/index.js';
import { CC_SPEC_MISSING_MESSAGE, ccSpecAvailable, checkCcExchange } from '../../support/swagger.js';
import {
  ACCOUNTS,
  call,
  cancelPath,
  closeTestEmulators,
  fetchToken,
  planPath,
  startTestEmulator,
} from './client.js';

const available = ccSpecAvailable();
if (!available) console.warn(CC_SPEC_MISSING_MESSAGE);

let emulator: ConstantContactEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ accounts: [...CONSTANTCONTACT_DEMO_SEED, ...generateAccounts(30)] });
});
afterEach(closeTestEmulators);

async function validSession(): Promise<void> {
  await fetchToken(emulator);
  const first = await call(emulator, 'GET', `${ACCOUNTS}?limit=10`);
  const next = (first.json as { _links: { next: { href: string } } })._links.next.href;
  await call(emulator, 'GET', next);
  await call(emulator, 'GET', `${ACCOUNTS}?account_type=managed`);
  await call(emulator, 'POST', ACCOUNTS, {
    body: {
      contact_email: 'new@example.com',
      country_code: 'US',
      state_code: 'MA',
      login_name: 'new_client',
      password: 'long-enough',
      organization_name: 'New Client',
    },
  });
  for (const id of Object.values(CC_DEMO_ACCOUNT_IDS)) await call(emulator, 'GET', planPath(id));
  await call(emulator, 'PUT', planPath(CC_DEMO_ACCOUNT_IDS.acmeTrial), {
    body: { plan_type: 'GOLD', billing_day_of_month: 1 },
  });
  await call(emulator, 'PUT', planPath(CC_DEMO_ACCOUNT_IDS.globexGold), { body: { plan_type: 'SILVER' } });
  await call(emulator, 'PUT', planPath(CC_DEMO_ACCOUNT_IDS.umbrellaCanceled), {
    body: { plan_type: 'BRONZE' },
  });
  await call(emulator, 'PUT', cancelPath(CC_DEMO_ACCOUNT_IDS.starkGold), { body: { reason_id: 1 } });
  await call(emulator, 'PUT', cancelPath(CC_DEMO_ACCOUNT_IDS.hooliTrial));
  // Error answers: the document pins no schema to them, only the status must be documented.
  await call(emulator, 'GET', planPath('nosuchacct01'));
  await call(emulator, 'PUT', planPath(CC_DEMO_ACCOUNT_IDS.initechSilver), { body: { plan_type: 'TRIAL' } });
}

describe.skipIf(!available)('Constant Contact emulator vs the Swagger document', () => {
  it('a representative partner session has zero violations', async () => {
    await validSession();

    const checks = emulator.log.map((entry) => ({
      entry: `${entry.method} ${entry.path}`,
      ...checkCcExchange(entry),
    }));
    expect(checks.filter((check) => check.violations.length > 0)).toEqual([]);
    const operations = new Set(checks.map((check) => check.operationId).filter(Boolean));
    expect([...operations].sort()).toEqual([
      'cancelAccount',
      'getPartnerSiteOwners',
      'getPlan',
      'provision',
      'setPlan',
    ]);
  });

  it('reports the token endpoint as skipped', async () => {
    await fetchToken(emulator);
    const check = checkCcExchange(
      emulator.log[0] ?? { method: 'POST', path: '/', body: undefined, response: null },
    );
    expect(check.skipped).toContain('/partner-token');
    expect(check.violations).toEqual([]);
  });

  it('is not vacuous: it flags wrong shapes, and relaxes only the known null billing day', () => {
    const plan = {
      plan_type: 'TRIAL',
      current_tiers: [],
      billing_status: 'Trial',
      billing_day_of_month: null,
    };
    const getPlan = (body: unknown) =>
      checkCcExchange({
        method: 'GET',
        path: planPath('abc'),
        body: undefined,
        response: { status: 200, body },
      });

    expect(getPlan(plan).violations).toEqual([]);
    expect(getPlan({ ...plan, billing_day_of_month: '1' }).violations).not.toEqual([]);
    expect(getPlan({ ...plan, plan_type: null }).violations).not.toEqual([]);
    expect(getPlan({ ...plan, current_tiers: [{ tier: 1.5 }] }).violations).not.toEqual([]);
    // The guide's string billing day is outside the spec: plansync must send an integer.
    const put = checkCcExchange({
      method: 'PUT',
      path: planPath('abc'),
      body: { plan_type: 'GOLD', billing_day_of_month: '1' },
      response: null,
    });
    expect(put.violations).toEqual(['request /billing_day_of_month: must be integer']);
    const list = checkCcExchange({
      method: 'GET',
      path: ACCOUNTS,
      query: { account_type: 'some', limit: 'ten' },
      body: undefined,
      response: { status: 200, body: { _links: {} } },
    });
    expect(list.violations).toEqual([
      'query limit: must be an integer',
      expect.stringContaining('query account_type'),
      expect.stringContaining('site_owner_list'),
    ]);
  });
});
