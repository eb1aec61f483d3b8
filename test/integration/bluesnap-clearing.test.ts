// Removing an optional field BlueSnap cannot clear (the charge cap, the grace period), end to end: apply
// either really removes it or refuses with the reason, and never reports done while the value stays.

import { afterEach, describe, expect, it } from 'vitest';
import { plansYaml, seedPlan, startHarness, type Harness, gold } from '../support/harness.js';

const PLANS = '/services/2/recurring/plans';
let h: Harness;
afterEach(async () => h?.close());

/** Both readings of what a PUT does to a field it leaves out (src/sandbox/bluesnap/update-rules.ts). */
const READINGS = [
  ['a PUT keeps what it leaves out', { putOmission: 'keep' }],
  ['a PUT clears what it leaves out', { putOmission: 'clear' }],
] as const;

describe.each(READINGS)('BlueSnap, %s: removing the charge cap', (_reading, emulator) => {
  const capped = seedPlan(100, { ...gold, maxNumberOfCharges: 12, gracePeriodDays: 5 });

  it('is blocked with the field, the reason and the way out, and nothing is written', async () => {
    h = await startHarness({
      emulator,
      seed: [capped],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 5 } }),
    });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('`maxNumberOfCharges` cannot be removed from an existing BlueSnap plan');
    expect(plan.stdout).toContain('lifecycle.replace: true');
    expect(apply.code).toBe(3);
    expect(h.writes()).toEqual([]);
    expect(h.emulator.plans()).toEqual([capped]);
  });

  it('is a new plan without the cap when the plan opts into replacement, and a second plan is empty', async () => {
    h = await startHarness({
      emulator,
      seed: [capped],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 5, lifecycle: { replace: true } } }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const writes = h.writes();
    h.emulator.clearLog();
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(writes).toEqual([`POST ${PLANS}`, `PUT ${PLANS}/100`]);
    const [old, successor] = h.emulator.plans();
    expect(old).toMatchObject({ planId: 100, status: 'INACTIVE', maxNumberOfCharges: 12 });
    expect(successor).toMatchObject({ status: 'ACTIVE', gracePeriodDays: 5 });
    expect(successor).not.toHaveProperty('maxNumberOfCharges');
    expect(again.code, again.stdout).toBe(0);
    expect(h.writes()).toEqual([]);
  });

  it('changes the cap in place, resending the grace period the YAML keeps', async () => {
    h = await startHarness({
      emulator,
      seed: [capped],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 5, maxNumberOfCharges: 6 } }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code).toBe(0);
    expect(h.emulator.plans()[0]).toMatchObject({ maxNumberOfCharges: 6, gracePeriodDays: 5 });
    expect(again.code).toBe(0);
  });
});
