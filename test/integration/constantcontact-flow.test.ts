// The CLI end to end against the Constant Contact partner emulator over real sockets, with every
// exchange checked against the shapes of Constant Contact's Swagger document (skipped where absent).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateAccounts,
  type ConstantContactEmulator,
  type SeedAccount,
} from '../../src/sandbox/constantcontact/index.js';
import { constantContactFixture } from '../providers/constantcontact/fixture.js';
import { PACING_MARGIN } from '../../src/http/pacer.js';
import { virtualClock, type VirtualClock } from '../support/virtual-clock.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';
import {
  ccSpecAvailable,
  checkCcExchange,
  CC_SPEC_MISSING_MESSAGE,
  type CcExchange,
} from '../support/swagger.js';

let h: ProviderHarness<ConstantContactEmulator>;
let exchanges: CcExchange[] = [];

afterEach(async () => {
  if (!h) return;
  exchanges.push(...(h.emulator.log as unknown as CcExchange[]));
  await h.close();
  if (!ccSpecAvailable()) {
    console.warn(CC_SPEC_MISSING_MESSAGE);
    return;
  }
  const violations = exchanges.flatMap((exchange) =>
    checkCcExchange(exchange).violations.map((v) => `${exchange.method} ${exchange.path}: ${v}`),
  );
  exchanges = [];
  expect(violations, "requests and responses must match the Swagger document's shapes").toEqual([]);
});

const account = (id: string, fields: Partial<SeedAccount> = {}): SeedAccount => ({
  encoded_account_id: id,
  plan_type: 'GOLD',
  billing_status: 'Open',
  billing_day_of_month: 1,
  subscriber_count: 800,
  ...fields,
});
const start = async (
  accounts: SeedAccount[],
  plans: Record<string, Record<string, unknown>>,
  emulator = {},
  project?: string,
  clock?: VirtualClock,
) => {
  h = await startProviderHarness(constantContactFixture, {
    seed: accounts,
    plans: plansFileYaml('cc', plans),
    emulator: clock ? { ...emulator, now: clock.now } : emulator,
    ...(project ? { project } : {}),
    ...(clock ? { clock } : {}),
  });
};
/** The provider's 4 requests/s, one request at a time, so the virtual clock's schedule is exact. */
const pacedProject = () =>
  fixtureProjectYaml(constantContactFixture).replace(
    'requests_per_second: 1000',
    'requests_per_second: 4\n      concurrency: 1',
  );
const INTERVAL_MS = 250 * (1 + PACING_MARGIN);
const puts = () => h.emulator.writes().filter((w) => w.method === 'PUT');

describe('Constant Contact: rules end to end', () => {
  it('moves a TRIAL account to GOLD with its billing day in one PUT', async () => {
    await start(
      [account('acme00trial1', { plan_type: 'TRIAL', billing_status: 'Trial', billing_day_of_month: null })],
      {
        acme: { encoded_account_id: 'acme00trial1', plan_type: 'GOLD', billing_day_of_month: 5 },
      },
    );

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.stdout).toContain('irreversible');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(puts().map((w) => w.body)).toEqual([{ plan_type: 'GOLD', billing_day_of_month: 5 }]);
    expect(h.emulator.account('acme00trial1')).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Open',
      billing_day_of_month: 5,
    });
  });

  it('reports billing-day drift as a warning and sends nothing', async () => {
    await start([account('globex0gold1')], {
      globex: { encoded_account_id: 'globex0gold1', plan_type: 'GOLD', billing_day_of_month: 20 },
    });

    const plan = await h.cli(['plan', '--detailed-exitcode']);

    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('drift on `billing_day_of_month`');
    expect(puts()).toEqual([]);
  });

  // Constant Contact ignores a billing day on any change that does not leave TRIAL (the seed document),
  // so plansync sends none: the day is drift, reported each time, and the plan converges.
  it('changes plan_type between paid types without the declared billing day, then a second plan is empty', async () => {
    await start([account('globex0gold1', { billing_day_of_month: 10 })], {
      globex: { encoded_account_id: 'globex0gold1', plan_type: 'SILVER', billing_day_of_month: 25 },
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(puts().map((w) => w.body)).toEqual([{ plan_type: 'SILVER' }]);
    expect(h.emulator.account('globex0gold1')).toMatchObject({
      plan_type: 'SILVER',
      billing_day_of_month: 10,
    });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('drift on `billing_day_of_month`');
    expect(puts()).toHaveLength(1);
  });

  it('leaves a Canceled account Canceled when the YAML does not declare billing_status', async () => {
    await start([account('umbrella0cx1', { plan_type: 'BRONZE', billing_status: 'Canceled' })], {
      umbrella: { encoded_account_id: 'umbrella0cx1', plan_type: 'BRONZE' },
    });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Nothing to apply');
    expect(puts()).toEqual([]);
    expect(h.emulator.account('umbrella0cx1')?.billing_status).toBe('Canceled');
  });

  it('reactivates a Canceled account only when the YAML asks for it', async () => {
    await start([account('umbrella0cx1', { plan_type: 'BRONZE', billing_status: 'Canceled' })], {
      umbrella: { encoded_account_id: 'umbrella0cx1', plan_type: 'SILVER' },
    });

    const blocked = await h.cli(['plan']);
    await h.writePlans(
      plansFileYaml('cc', {
        umbrella: { encoded_account_id: 'umbrella0cx1', plan_type: 'SILVER', billing_status: 'Open' },
      }),
    );
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(blocked.code).toBe(3);
    expect(apply.stdout).toContain('via reactivate (PUT plan)');
    expect(puts().map((w) => w.body)).toEqual([{ plan_type: 'SILVER' }]);
    expect(h.emulator.account('umbrella0cx1')?.billing_status).toBe('Open');
  });

  it('applies a group as one plan per account, each shown by name', async () => {
    const ids = ['grp000000001', 'grp000000002', 'grp000000003'];
    await start(
      ids.map((id) => account(id, { plan_type: 'SILVER' })),
      { gold: { encoded_account_ids: ids, plan_type: 'GOLD' } },
    );

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    for (const id of ids) expect(plan.stdout).toContain(`~ update gold/${id}`);
    expect(apply.code).toBe(0);
    expect(
      puts()
        .map((w) => w.path)
        .sort(),
    ).toEqual(ids.map((id) => `/v3/partner/accounts/${id}/plan`));
  });
});

describe('Constant Contact: quotas and the partner JWT', () => {
  it('paces reads to 4 requests/s so the emulator quota answers no 429', async () => {
    const accounts = generateAccounts(10, { seed: 7 });
    const plans = Object.fromEntries(
      accounts.map((a) => [
        `a-${a.encoded_account_id}`,
        { encoded_account_id: a.encoded_account_id, plan_type: a.plan_type ?? 'TRIAL' },
      ]),
    );
    // Client and emulator on one virtual clock: the spacing the quota sees is the pacer's schedule,
    // not whatever a busy machine made of it.
    const clock = virtualClock();
    await start(accounts, plans, { requestsPerSecond: 4 }, pacedProject(), clock);
    const started = clock.now();

    const result = await h.cli(['plan']);

    expect(result.code, result.stderr).not.toBe(1);
    expect(result.stderr).toContain('Reading cc: 11 requests');
    expect(h.emulator.log.filter((entry) => entry.status === 429)).toEqual([]);
    expect(h.requests()).toHaveLength(11);
    // 11 requests: the first at once, each next one interval after the one before.
    expect(clock.now() - started).toBe(10 * INTERVAL_MS);
  });

  it('refuses a run that alone would exceed the daily budget, before any request', async () => {
    const accounts = generateAccounts(5, { seed: 3 });
    const plans = Object.fromEntries(
      accounts.map((a) => [
        `a-${a.encoded_account_id}`,
        { encoded_account_id: a.encoded_account_id, plan_type: 'GOLD' },
      ]),
    );
    await start(
      accounts,
      plans,
      {},
      fixtureProjectYaml(constantContactFixture, '      daily_budget: 4').replace(
        '    options:',
        '    options:',
      ),
    );
    await writeFile(
      join(h.dir, 'plansync.yaml'),
      fixtureProjectYaml(constantContactFixture).replace(
        '      timeout_ms: 2000',
        '      timeout_ms: 2000\n      daily_budget: 4',
      ),
    );

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('needs 6 requests, more than limits.daily_budget (4)');
    expect(h.requests()).toEqual([]);
  });

  it('renews a short-lived JWT before it expires during a paced run, meeting no 401', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `ttl0000000${String(i).padStart(2, '0')}`);
    // The client paces at 4/s to spread the run over the token's life (on a virtual clock the emulator
    // shares, so token expiry is decided on the schedule, not on the machine's speed); the quota itself
    // is the pacing test's business, so the emulator does not enforce it here.
    await start(
      ids.map((id) => account(id, { plan_type: 'SILVER' })),
      { team: { encoded_account_ids: ids, plan_type: 'GOLD' } },
      { tokenTtlSeconds: 2, requestsPerSecond: Infinity },
      pacedProject(),
      virtualClock(),
    );

    // --force: moving all 12 accounts trips the change-share gate, which is not what this test is about.
    const apply = await h.cli(['apply', '--auto-approve', '--force']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('12 done, 0 failed');
    expect(h.emulator.log.filter((e) => e.status === 401)).toEqual([]);
    expect(h.requests().filter((r) => r.startsWith('POST /partner-token')).length).toBeGreaterThanOrEqual(3);
    expect(puts()).toHaveLength(12);
  });

  it('survives the JWT expiring mid-run: no failed operation, no repeated write', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `jwt00000000${i}`);
    await start(
      ids.map((id) => account(id, { plan_type: 'SILVER' })),
      { team: { encoded_account_ids: ids, plan_type: 'GOLD' } },
    );
    const expire = setInterval(() => {
      if (h.emulator.log.filter((e) => e.method === 'PUT').length >= 3) {
        h.emulator.expireTokens();
        clearInterval(expire);
      }
    }, 1);

    const apply = await h.cli(['apply', '--auto-approve']);
    clearInterval(expire);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('8 done, 0 failed');
    const perAccount = new Map<string, number>();
    for (const put of puts().filter((w) => w.status === 200))
      perAccount.set(put.path, (perAccount.get(put.path) ?? 0) + 1);
    expect([...perAccount.values()]).toEqual(Array(8).fill(1));
    expect(h.requests().filter((r) => r.startsWith('POST /partner-token')).length).toBeGreaterThanOrEqual(2);
  });
});
