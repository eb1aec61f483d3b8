// The engine's resilience against the BlueSnap emulator over real sockets: throttling, lost responses,
// permanent failures, broken bodies and bad credentials, through the real CLI. Every CLI call also
// checks that no credential and no stack trace reached the output (see the harness).

import { afterEach, describe, expect, it } from 'vitest';
import type { PlanItem } from '../../src/core/model.js';
import type { RequestLogEntry } from '../../src/sandbox/kit/index.js';
import {
  plansYaml,
  projectYaml,
  seedPlan,
  startHarness,
  type CliResult,
  type Harness,
  gold,
} from '../support/harness.js';

const PLANS = '/services/2/recurring/plans';
const LIST = `GET ${PLANS}`;

let h: Harness;
afterEach(async () => h?.close());

const silver = { ...gold, name: 'Silver', recurringChargeAmount: 9 };

/** Items of the single connection in `plan --format json` output. */
function planItems(result: CliResult): PlanItem[] {
  return (JSON.parse(result.stdout) as { plan: { connections: Array<{ items: PlanItem[] }> } }).plan
    .connections[0]!.items;
}

/** Method, path, injected fault and status sent, for every request the emulator received. */
function trace(entries: readonly RequestLogEntry[]): string[] {
  return entries.map((e) => `${e.method} ${e.path} ${e.fault ?? '-'} ${e.status ?? '-'}`);
}

describe('throttled and failing reads', () => {
  it.each([
    { label: 'without Retry-After', headers: undefined },
    { label: 'with Retry-After: 0', headers: { 'Retry-After': '0' } },
  ])('reads the list through two 503s and a 429 $label, and plans correctly', async ({ headers }) => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      times: 2,
      fault: { kind: 'status', status: 503 },
    });
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      fault: { kind: 'status', status: 429, ...(headers ? { headers } : {}) },
    });

    const result = await h.cli(['plan', '--format', 'json', '--detailed-exitcode']);

    expect(result.code).toBe(2);
    expect(trace(h.emulator.log)).toEqual([
      `${LIST} status 503`,
      `${LIST} status 503`,
      `${LIST} status 429`,
      `${LIST} - 200`,
    ]);
    expect(planItems(result).map((i) => [i.key, i.action, i.id, i.changes.map((c) => c.path)])).toEqual([
      ['gold', 'update', '100', ['gracePeriodDays']],
    ]);
  });

  it('retries a read that timed out', async () => {
    h = await startHarness({
      // Short enough to give up on the hung read soon; long enough that the retry, a plain loopback
      // exchange, never times out too on a busy machine (200 ms left it a thin margin).
      project: projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 1000'),
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold }),
    });
    h.emulator.faults.inject({ method: 'GET', path: PLANS, fault: { kind: 'hang' } });

    const result = await h.cli(['plan', '--detailed-exitcode']);

    expect(result.code).toBe(0);
    expect(trace(h.emulator.log)).toEqual([`${LIST} hang -`, `${LIST} - 200`]);
  });

  it.each(['non-json', 'truncate'] as const)(
    'retries a list answered with a %s response once, then plans correctly',
    async (kind) => {
      h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
      h.emulator.faults.inject({ method: 'GET', path: PLANS, fault: { kind } });

      const result = await h.cli(['plan', '--detailed-exitcode']);

      expect(result.code).toBe(0);
      expect(h.requests()).toEqual([LIST, LIST]);
    },
  );

  it.each([
    { kind: 'non-json' as const, reason: /expected JSON, got "<html>/ },
    { kind: 'truncate' as const, reason: /: connection reset by host 127\.0\.0\.1:\d+ \(/ },
  ])(
    'ends a persistent $kind list response in a clear error naming bluesnap and the endpoint',
    async ({ kind, reason }) => {
      h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
      h.emulator.faults.inject({ method: 'GET', path: PLANS, times: Infinity, fault: { kind } });

      const result = await h.cli(['plan']);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('bluesnap: GET /recurring/plans failed:');
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).toContain('after 5 attempts');
      expect(result.stderr).not.toContain('internal error');
    },
  );

  it('refuses a list whose plan lacks planId, naming provider, endpoint and field', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    const { planId: _omitted, ...withoutId } = seedPlan(100, gold);
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      fault: { kind: 'status', status: 200, body: { lastPage: true, plans: [withoutId] } },
    });

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'bluesnap: invalid response from GET /recurring/plans: plans[0].planId is missing',
    );
    expect(h.requests()).toEqual([LIST]);
  });
});

describe('lost and failed writes', () => {
  it('retries a create whose response was lost with the same idempotency key, making one plan', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    h.emulator.faults.inject({ method: 'POST', path: PLANS, fault: { kind: 'reset-after' } });

    const apply = await h.cli(['apply', '--auto-approve']);
    const posts = h.emulator.writes().filter((e) => e.method === 'POST');

    expect(apply.code).toBe(0);
    expect(posts.map((e) => e.fault)).toEqual(['reset-after', null]);
    expect(new Set(posts.map((e) => e.headers['idempotency-key'])).size).toBe(1);
    expect(posts[0]?.headers['idempotency-key']).toMatch(/^plansync-[0-9a-f]{40}$/);
    expect(h.emulator.plans().map((p) => p.name)).toEqual(['Gold']);
  });

  it('plans no change after a create whose response was lost', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    h.emulator.faults.inject({ method: 'POST', path: PLANS, fault: { kind: 'reset-after' } });
    await h.cli(['apply', '--auto-approve']);
    h.emulator.clearLog();

    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(again.code).toBe(0);
    expect(h.requests()).toEqual([LIST]);
  });

  it('retries a create that timed out while BlueSnap committed it, making one plan', async () => {
    h = await startHarness({
      // The create's answer outlasts the timeout by far; the retry has a second to be answered.
      project: projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 1000'),
      plans: plansYaml({ gold }),
    });
    h.emulator.faults.inject({ method: 'POST', path: PLANS, fault: { kind: 'delay', ms: 10_000 } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(0);
    expect(trace(h.emulator.writes())).toEqual([`POST ${PLANS} delay 200`, `POST ${PLANS} - 200`]);
    expect(h.emulator.plans().map((p) => p.name)).toEqual(['Gold']);
  });

  it('retries a PUT whose connection dropped before it arrived', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    h.emulator.faults.inject({ method: 'PUT', path: `${PLANS}/100`, fault: { kind: 'reset-before' } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(0);
    expect(trace(h.emulator.log.filter((e) => e.method === 'PUT'))).toEqual([
      `PUT ${PLANS}/100 reset-before -`,
      `PUT ${PLANS}/100 - 200`,
    ]);
    expect(h.emulator.plans()[0]?.gracePeriodDays).toBe(7);
  });

  const updateAndCreate = () =>
    startHarness({
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 }, silver }),
    });

  it('reports a PUT that keeps failing as failed, naming bluesnap and its error, and completes the independent create', async () => {
    h = await updateAndCreate();
    h.emulator.faults.inject({
      method: 'PUT',
      path: `${PLANS}/100`,
      times: Infinity,
      fault: { kind: 'status', status: 500 },
    });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/^failed bs\/gold \(update\)$/m);
    expect(apply.stdout).toContain(
      'error: bluesnap: PUT /recurring/plans/100 failed: HTTP 500 SYSTEM_TECHNICAL_ERROR (500): An unexpected error occurred. Please try again. (after 5 attempts)',
    );
    expect(apply.stdout).toMatch(/^done {3}bs\/silver \(create\)$/m);
    expect(apply.stdout).toContain('Apply: 1 done, 1 failed, 0 skipped.');
    expect(h.emulator.plans().map((p) => [p.planId, p.name, p.gracePeriodDays])).toEqual([
      [100, 'Gold', 5],
      [1000000, 'Silver', undefined],
    ]);
  });

  it('does not retry a PUT refused with 400, and reports BlueSnap’s error name, code and description', async () => {
    h = await updateAndCreate();
    h.emulator.faults.inject({
      method: 'PUT',
      path: `${PLANS}/100`,
      fault: {
        kind: 'status',
        status: 400,
        body: {
          message: [
            {
              errorName: 'INVALID_GRACE_PERIOD',
              code: '24007',
              description: 'gracePeriodDays must be a positive integer.',
            },
          ],
        },
      },
    });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(
      'error: bluesnap: PUT /recurring/plans/100 failed: HTTP 400 INVALID_GRACE_PERIOD (24007): gracePeriodDays must be a positive integer.',
    );
    expect(h.requests().filter((r) => r.startsWith('PUT '))).toEqual([`PUT ${PLANS}/100`]);
  });

  it('converges once the failing PUT works again, without creating the done plan twice', async () => {
    h = await updateAndCreate();
    h.emulator.faults.inject({
      method: 'PUT',
      path: `${PLANS}/100`,
      times: Infinity,
      fault: { kind: 'status', status: 500 },
    });
    await h.cli(['apply', '--auto-approve']);
    h.emulator.faults.clear();

    const retry = await h.cli(['apply', '--auto-approve']);
    h.emulator.clearLog();
    const final = await h.cli(['plan', '--detailed-exitcode']);

    expect(retry.code).toBe(0);
    expect(h.emulator.plans().map((p) => [p.planId, p.name, p.gracePeriodDays])).toEqual([
      [100, 'Gold', 7],
      [1000000, 'Silver', undefined],
    ]);
    expect(final.code).toBe(0);
    expect(h.requests()).toEqual([LIST]);
  });
});

describe('a replacement whose retire step fails', () => {
  const replaced = () =>
    startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, recurringChargeAmount: 34.99, lifecycle: { replace: true } } }),
    });
  const failRetire = (harness: Harness) =>
    harness.emulator.faults.inject({
      method: 'PUT',
      path: `${PLANS}/100`,
      times: Infinity,
      fault: { kind: 'status', status: 500 },
    });

  it('exits 1 after creating the new plan, leaving the old one active', async () => {
    h = await replaced();
    failRetire(h);

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(
      /^failed bs\/gold \(replace\)\n {9}created plan 1000000\n {9}error: bluesnap: PUT \/recurring\/plans\/100 failed: HTTP 500/m,
    );
    expect(h.emulator.plans().map((p) => [p.planId, p.status, p.recurringChargeAmount])).toEqual([
      [100, 'ACTIVE', 29.99],
      [1000000, 'ACTIVE', 34.99],
    ]);
  });

  it('next plans an update of the new plan that retires the old active twin, not a second create', async () => {
    h = await replaced();
    failRetire(h);
    await h.cli(['apply', '--auto-approve']);
    h.emulator.faults.clear();

    const plan = await h.cli(['plan', '--format', 'json']);

    expect(plan.code).toBe(0);
    expect(planItems(plan).map((i) => [i.key, i.action, i.id, i.retires, i.changes])).toEqual([
      ['gold', 'update', '1000000', ['100'], []],
    ]);
  });

  it('converges on the next apply: the old plan INACTIVE, no third plan, then no changes', async () => {
    h = await replaced();
    failRetire(h);
    await h.cli(['apply', '--auto-approve']);
    h.emulator.faults.clear();
    h.emulator.clearLog();

    const apply = await h.cli(['apply', '--auto-approve']);
    const writes = h.writes();
    const final = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code).toBe(0);
    expect(writes).toEqual([`PUT ${PLANS}/100`]);
    expect(h.emulator.plans().map((p) => [p.planId, p.status, p.recurringChargeAmount])).toEqual([
      [100, 'INACTIVE', 29.99],
      [1000000, 'ACTIVE', 34.99],
    ]);
    expect(final.code).toBe(0);
  });
});

describe('credentials', () => {
  const wrongPassword = 'wrong-pass-Zk28Qv';

  it('fails a read refused with 401 once, naming bluesnap, the endpoint and the status, without echoing the credential', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });

    const result = await h.cli(['plan'], { env: { ...h.env, BS_PASS: wrongPassword } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bluesnap: GET /recurring/plans failed: HTTP 401');
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrongPassword);
    expect(h.emulator.log.map((e) => [e.path, e.authorized, e.status])).toEqual([[PLANS, false, 401]]);
  });

  it('tells the user that bluesnap rejected the credentials when it answers 401', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });

    const result = await h.cli(['plan'], { env: { ...h.env, BS_PASS: wrongPassword } });

    expect(result.stderr).toMatch(/credential|authenticat|unauthori[sz]ed/i);
  });

  it('names the missing credential variable and sends nothing', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
    const { BS_PASS: _unset, ...env } = h.env;

    const result = await h.cli(['plan'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BS_PASS');
    expect(result.stderr).toContain('not set or empty');
    expect(h.requests()).toEqual([]);
  });
});
