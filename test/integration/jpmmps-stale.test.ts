// J.P. Morgan MPS's per-object stale check over real sockets: a plan changed after the whole-plan
// check passed gets no PATCH or DELETE; a plan deleted meanwhile is not deleted again; an unchanged
// plan costs exactly one GET before its write. To reach the per-object check, the whole-plan check's
// list is answered with the state the plan saw while the emulator already holds the change.

import { afterEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, JpmMpsPlanInput } from '../../src/sandbox/jpmmps/index.js';
import { jpmFixture, jpmPlanId, jpmSpec } from '../providers/jpmmps/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { replayToWholePlanCheck, savePlanSeeing } from '../support/stale.js';

const PLANS = '/api/v1/plans';
const ONE = jpmPlanId(1);
const TWO = jpmPlanId(2);
const PRUNING = fixtureProjectYaml(jpmFixture, '    prune: true\n    options:\n      prune_delete: true');

let h: ProviderHarness<JpmMpsEmulator>;
afterEach(async () => h?.close());

const seed = (id: string, spec: Record<string, unknown>) =>
  ({ ...spec, id, prepaid: true }) as JpmMpsPlanInput;

async function start(
  plans: Record<string, Record<string, unknown>>,
  project?: string,
  emulator: Record<string, unknown> = {},
): Promise<void> {
  h = await startProviderHarness(jpmFixture, {
    seed: [seed(ONE, jpmSpec('Premium')), seed(TWO, jpmSpec('Basic'))],
    plans: plansFileYaml('jpm', plans),
    emulator,
    ...(project === undefined ? {} : { project }),
  });
}

const writes = () => h.emulator.writes().map((w) => `${w.method} ${w.path}`);
const plan = (id: string) => h.emulator.plans().find((p) => p.id === id);

describe('J.P. Morgan MPS: per-object stale check', () => {
  it('sends no PATCH to a plan changed since the plan, and still patches the independent one', async () => {
    await start({
      premium: { id: ONE, ...jpmSpec('Premium', { description: 'new words' }) },
      basic: { id: TWO, ...jpmSpec('Basic', { description: 'new words' }) },
    });
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seed(ONE, jpmSpec('Premium', { recurrentAmount: 24.99 })));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json', '--continue-on-error']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/failed +jpm\/premium \(update\)/);
    expect(apply.stdout).toContain(
      `jpmmps plan ${ONE} changed since the plan was made; nothing was written to it`,
    );
    expect(writes()).toEqual([`PATCH ${PLANS}/${TWO}`]);
    expect(plan(ONE)?.description).toBe('Premium plan');
    expect(plan(TWO)?.description).toBe('new words');
  });

  it('sends no PATCH to a plan deleted since the plan', async () => {
    await start({
      premium: { id: ONE, ...jpmSpec('Premium', { description: 'new words' }) },
      basic: { id: TWO, ...jpmSpec('Basic') },
    });
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan({ ...seed(ONE, jpmSpec('Premium')), deletedAt: '2026-01-02T03:04:05.00Z' });
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(`jpmmps plan ${ONE} no longer exists; nothing was written to it`);
    expect(writes()).toEqual([]);
  });

  it('sends exactly one extra GET per written plan when nothing changed', async () => {
    await start({
      premium: { id: ONE, ...jpmSpec('Premium', { description: 'new words' }) },
      basic: { id: TWO, ...jpmSpec('Basic') },
    });
    await savePlanSeeing(h, PLANS);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.requests()).toEqual([`GET ${PLANS}`, `GET ${PLANS}/${ONE}`, `PATCH ${PLANS}/${ONE}`]);
  });

  it('checks a deletion with one GET first, and refuses it when the plan changed', async () => {
    await start({ premium: { id: ONE, ...jpmSpec('Premium') } }, PRUNING);
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seed(TWO, jpmSpec('Basic', { billingCycles: 12 })));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(
      `jpmmps plan ${TWO} changed since the plan was made; nothing was written to it`,
    );
    expect(h.requests()).toEqual([`GET ${PLANS}`, `GET ${PLANS}/${TWO}`]);
    expect(plan(TWO)?.deletedAt).toBeNull();
  });

  it.each(['show', '404'] as const)(
    'says a plan deleted since the plan is already deleted (GET of a deleted plan: %s), and sends no DELETE',
    async (deletedGet) => {
      await start({ premium: { id: ONE, ...jpmSpec('Premium') } }, PRUNING, { deletedGet });
      const seen = await savePlanSeeing(h, PLANS);
      h.emulator.setPlan({ ...seed(TWO, jpmSpec('Basic')), deletedAt: '2026-01-02T03:04:05.00Z' });
      replayToWholePlanCheck(h, PLANS, seen);

      const apply = await h.cli(['apply', 'plan.json']);

      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      expect(apply.stdout).toContain(`plan ${TWO} already deleted; nothing sent`);
      expect(writes()).toEqual([]);
    },
  );

  it('deletes an unchanged plan after one GET, and reads it back once (DELETE answers 204)', async () => {
    await start({ premium: { id: ONE, ...jpmSpec('Premium') } }, PRUNING);
    await savePlanSeeing(h, PLANS);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.requests()).toEqual([
      `GET ${PLANS}`,
      `GET ${PLANS}/${TWO}`,
      `DELETE ${PLANS}/${TWO}`,
      `GET ${PLANS}/${TWO}`,
    ]);
  });
});
