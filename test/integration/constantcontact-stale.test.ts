// Constant Contact's per-object stale check over real sockets: an account changed after the
// whole-plan check passed gets no PUT; an unchanged one costs exactly one GET more, within the
// 4 requests/s quota. The whole-plan check reads the same per-account endpoint, so the first GET of
// an account is answered with what the plan saw while the emulator already holds the change.

import { afterEach, describe, expect, it } from 'vitest';
import type { ConstantContactEmulator, SeedAccount } from '../../src/sandbox/constantcontact/index.js';
import { constantContactFixture } from '../providers/constantcontact/fixture.js';
import { PACING_MARGIN } from '../../src/http/pacer.js';
import { virtualClock, type VirtualClock } from '../support/virtual-clock.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';

const ACME = 'acme00gold01';
const GLOBEX = 'globex0gold1';
const planPath = (id: string) => `/v3/partner/accounts/${id}/plan`;

let h: ProviderHarness<ConstantContactEmulator>;
afterEach(async () => h?.close());

const account = (id: string, fields: Partial<SeedAccount> = {}): SeedAccount => ({
  encoded_account_id: id,
  plan_type: 'GOLD',
  billing_status: 'Open',
  billing_day_of_month: 1,
  subscriber_count: 800,
  ...fields,
});

async function start(
  accounts: SeedAccount[],
  plans: Record<string, Record<string, unknown>>,
  options: { emulator?: Record<string, unknown>; project?: string; clock?: VirtualClock } = {},
): Promise<void> {
  const { clock } = options;
  h = await startProviderHarness(constantContactFixture, {
    seed: accounts,
    plans: plansFileYaml('cc', plans),
    ...(options.emulator ? { emulator: { ...options.emulator, ...(clock ? { now: clock.now } : {}) } } : {}),
    ...(options.project ? { project: options.project } : {}),
    ...(clock ? { clock } : {}),
  });
}

/** Saves a plan, and returns the plan body of `id` it was made from. */
async function savePlan(id: string): Promise<unknown> {
  const plan = await h.cli(['plan', '--out', 'plan.json']);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const read = h.emulator.log.find((e) => e.method === 'GET' && e.path === planPath(id));
  h.emulator.clearLog();
  return read?.response?.body;
}

/** The whole-plan check's GET of `id` answers what the plan saw; the next GET sees the emulator. */
function replayToWholePlanCheck(id: string, body: unknown): void {
  h.emulator.faults.inject({
    method: 'GET',
    path: planPath(id),
    fault: { kind: 'status', status: 200, body },
  });
}

const puts = () => h.emulator.writes().filter((w) => w.method === 'PUT');
const gets = (id: string) => h.requests().filter((r) => r === `GET ${planPath(id)}`);

describe('Constant Contact: per-object stale check', () => {
  it('sends no PUT to an account changed since the plan, and still updates the independent one', async () => {
    await start([account(ACME), account(GLOBEX)], {
      acme: { encoded_account_id: ACME, plan_type: 'SILVER' },
      globex: { encoded_account_id: GLOBEX, plan_type: 'SILVER' },
    });
    const seen = await savePlan(ACME);
    h.emulator.setAccount(account(ACME, { plan_type: 'BRONZE' }));
    replayToWholePlanCheck(ACME, seen);

    const apply = await h.cli(['apply', 'plan.json', '--continue-on-error']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/failed +cc\/acme \(update\)/);
    expect(apply.stdout).toContain(
      `constantcontact account ${ACME} changed since the plan was made; nothing was written to it`,
    );
    expect(puts().map((w) => w.path)).toEqual([planPath(GLOBEX)]);
    expect(h.emulator.account(ACME)?.plan_type).toBe('BRONZE');
    expect(h.emulator.account(GLOBEX)?.plan_type).toBe('SILVER');
  });

  it('sends no PUT to an account that answers 404 since the plan', async () => {
    await start([account(ACME)], { acme: { encoded_account_id: ACME, plan_type: 'SILVER' } });
    const seen = await savePlan(ACME);
    replayToWholePlanCheck(ACME, seen);
    h.emulator.faults.inject({
      method: 'GET',
      path: planPath(ACME),
      fault: { kind: 'status', status: 404, body: { error_key: 'partner.api.not.found' } },
    });

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(
      `constantcontact account ${ACME} no longer exists; nothing was written to it`,
    );
    expect(puts()).toEqual([]);
  });

  it('sends exactly one extra GET per changed account, none for unchanged ones', async () => {
    await start([account(ACME), account(GLOBEX)], {
      acme: { encoded_account_id: ACME, plan_type: 'SILVER' },
      globex: { encoded_account_id: GLOBEX, plan_type: 'GOLD' },
    });
    await savePlan(ACME);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(gets(ACME)).toHaveLength(2);
    expect(gets(GLOBEX)).toHaveLength(1);
    expect(puts().map((w) => [w.path, w.body])).toEqual([[planPath(ACME), { plan_type: 'SILVER' }]]);
    expect(h.requests()).toHaveLength(5); // token, two whole-plan GETs, the check's GET, the PUT
  });

  it('applies three accounts at 4 requests/s with the extra GETs, meeting no 429', async () => {
    const ids = ['pace00000001', 'pace00000002', 'pace00000003'];
    // Client and emulator on one virtual clock, one request at a time: the quota sees the pacer's
    // schedule exactly, however busy the machine.
    const clock = virtualClock();
    await start(
      ids.map((id) => account(id)),
      Object.fromEntries(ids.map((id) => [id, { encoded_account_id: id, plan_type: 'SILVER' }])),
      {
        emulator: { requestsPerSecond: 4 },
        project: fixtureProjectYaml(constantContactFixture).replace(
          'requests_per_second: 1000',
          'requests_per_second: 4\n      concurrency: 1',
        ),
        clock,
      },
    );
    await savePlan(ids[0] as string);
    const started = clock.now();

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.requests()).toHaveLength(1 + 3 + 3 + 3);
    expect(h.emulator.log.filter((entry) => entry.status === 429)).toEqual([]);
    // Ten requests: the first at once, each next one interval after the one before.
    expect(clock.now() - started).toBe(9 * 250 * (1 + PACING_MARGIN));
    expect(ids.map((id) => h.emulator.account(id)?.plan_type)).toEqual(['SILVER', 'SILVER', 'SILVER']);
  });
});
