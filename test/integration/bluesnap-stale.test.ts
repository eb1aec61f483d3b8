// BlueSnap's per-object stale check, in its GET-merge-PUT: a plan changed after the whole-plan check
// passed gets nothing written, and a plan someone already set INACTIVE is not written again. The
// whole-plan check's list is answered with the state the plan saw, so only the per-object check can
// notice the change.

import { afterEach, describe, expect, it } from 'vitest';
import { plansYaml, projectYaml, seedPlan, startHarness, type Harness, gold } from '../support/harness.js';
import { replayToWholePlanCheck, savePlanSeeing } from '../support/stale.js';

const PLANS = '/services/2/recurring/plans';

let h: Harness;
afterEach(async () => h?.close());

const old = { ...gold, name: 'Old' };

const puts = () => h.writes().filter((w) => w.startsWith('PUT '));

describe('BlueSnap: per-object stale check', () => {
  it('writes nothing to a plan changed since the plan', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seedPlan(100, { ...gold, trialPeriodDays: 14 }));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(
      'bluesnap plan 100 changed since the plan was made; nothing was written to it',
    );
    expect(puts()).toEqual([]);
  });

  it('refuses to retire a plan changed since the plan', async () => {
    h = await startHarness({
      project: projectYaml('    prune: true'),
      seed: [seedPlan(100, gold), seedPlan(101, old)],
      plans: plansYaml({ gold }),
    });
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seedPlan(101, { ...old, recurringChargeAmount: 19.99 }));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('bluesnap plan 101 changed since the plan was made');
    expect(puts()).toEqual([]);
  });

  it('says a plan set INACTIVE since the plan is already INACTIVE, and sends no PUT', async () => {
    h = await startHarness({
      project: projectYaml('    prune: true'),
      seed: [seedPlan(100, gold), seedPlan(101, old)],
      plans: plansYaml({ gold }),
    });
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seedPlan(101, { ...old, status: 'INACTIVE' }));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('plan 101 already INACTIVE');
    expect(puts()).toEqual([]);
  });
});
