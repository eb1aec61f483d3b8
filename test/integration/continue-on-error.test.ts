// What apply does after an operation fails: by default it starts nothing new (what is in flight
// finishes) and reports the rest as skipped; with --continue-on-error it applies every operation that
// does not depend on the failed one. A connection's retirements depend on its creates: retiring while
// a successor failed to appear could leave customers with no plan to buy.

import { afterEach, describe, expect, it } from 'vitest';
import { plansYaml, projectYaml, seedPlan, startHarness, type Harness, gold } from '../support/harness.js';

const PLANS = '/services/2/recurring/plans';

let h: Harness;
afterEach(async () => h?.close());

const silver = { ...gold, name: 'Silver', recurringChargeAmount: 9 };
const bronze = { ...gold, name: 'Bronze', recurringChargeAmount: 5 };

/** One request at a time, so "after the first failure" names a definite set of operations. */
const serialProject = (extra = '') =>
  projectYaml(['    prune: true', extra].join('\n')).replace(
    'timeout_ms: 2000',
    'timeout_ms: 2000\n      concurrency: 1',
  );

const failPut = (harness: Harness, id: number) =>
  harness.emulator.faults.inject({
    method: 'PUT',
    path: `${PLANS}/${id}`,
    times: Infinity,
    fault: { kind: 'status', status: 500 },
  });

const failCreate = (harness: Harness) =>
  harness.emulator.faults.inject({
    method: 'POST',
    path: PLANS,
    times: Infinity,
    fault: { kind: 'status', status: 500 },
  });

describe('after a failed operation', () => {
  // gold: update (fails); silver, bronze: creates after it.
  const updateThenCreates = () =>
    startHarness({
      project: serialProject(),
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 }, silver, bronze }),
    });

  it('starts nothing new by default, reports the rest as skipped with the reason, and exits 1', async () => {
    h = await updateThenCreates();
    failPut(h, 100);

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/^failed bs\/gold \(update\)$/m);
    expect(apply.stdout).toMatch(
      /^skipped bs\/silver \(create\)\n {9}not started: an earlier operation failed \(--continue-on-error applies independent changes\)$/m,
    );
    expect(apply.stdout).toMatch(/^skipped bs\/bronze \(create\)$/m);
    expect(apply.stdout).toContain('Apply: 0 done, 1 failed, 2 skipped.');
    expect(apply.stdout).toContain('Apply stopped at the first failure');
    expect(h.writes().filter((w) => w.startsWith('POST '))).toEqual([]);
    expect(h.emulator.plans().map((p) => p.name)).toEqual(['Gold']);
  });

  it('applies the independent creates with --continue-on-error', async () => {
    h = await updateThenCreates();
    failPut(h, 100);

    const apply = await h.cli(['apply', '--auto-approve', '--continue-on-error']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('Apply: 2 done, 1 failed, 0 skipped.');
    expect(apply.stdout).not.toContain('Apply stopped at the first failure');
    expect(h.emulator.plans().map((p) => p.name)).toEqual(['Gold', 'Silver', 'Bronze']);
  });

  it('converges on the next apply without repeating the skipped or done work', async () => {
    h = await updateThenCreates();
    failPut(h, 100);
    await h.cli(['apply', '--auto-approve']);
    h.emulator.faults.clear();
    h.emulator.clearLog();

    const retry = await h.cli(['apply', '--auto-approve']);
    const writes = h.writes();
    const final = await h.cli(['plan', '--detailed-exitcode']);

    expect(retry.code).toBe(0);
    expect(writes.filter((w) => w.startsWith('POST '))).toHaveLength(2);
    expect(writes.filter((w) => w.startsWith('PUT '))).toEqual([`PUT ${PLANS}/100`]);
    expect(h.emulator.plans().map((p) => p.name)).toEqual(['Gold', 'Silver', 'Bronze']);
    expect(final.code).toBe(0);
  });

  it('holds back a pruned retirement when a create in the same connection failed, even with --continue-on-error', async () => {
    // `old` is no longer declared (prune retires it); `silver` is its successor and fails to appear.
    h = await startHarness({
      project: serialProject(),
      seed: [seedPlan(100, gold), seedPlan(101, { ...gold, name: 'Old' })],
      plans: plansYaml({ gold, silver }),
    });
    failCreate(h);

    const apply = await h.cli(['apply', '--auto-approve', '--continue-on-error']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/^failed bs\/silver \(create\)$/m);
    expect(apply.stdout).toMatch(
      /^skipped bs\/unmanaged:101 \(retire\)\n {9}not started: a create in this connection failed, and retiring now could leave no plan in its place$/m,
    );
    expect(h.writes().filter((w) => w.startsWith('PUT '))).toEqual([]);
    expect(h.emulator.plans().map((p) => [p.name, p.status])).toEqual([
      ['Gold', 'ACTIVE'],
      ['Old', 'ACTIVE'],
    ]);
  });

  it('retires with --continue-on-error when only an unrelated update failed', async () => {
    h = await startHarness({
      project: serialProject(),
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 }), seedPlan(101, { ...gold, name: 'Old' })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    failPut(h, 100);

    const apply = await h.cli(['apply', '--auto-approve', '--continue-on-error']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('Apply: 1 done, 1 failed, 0 skipped.');
    expect(h.emulator.plans().map((p) => [p.name, p.status])).toEqual([
      ['Gold', 'ACTIVE'],
      ['Old', 'INACTIVE'],
    ]);
  });
});
