// BlueSnap listings through the real CLI over real sockets: the cursor is followed page by page with
// `gettotal`, and a listing that is inconsistent (a plan on two pages, a `totalResults` that disagrees
// with the plans served) is refused before anything is planned or written. Every plan lives and is
// declared: a listing misread would plan creates for the plans it missed.

import { afterEach, describe, expect, it } from 'vitest';
import { gold, plansYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';

/** Two pages of BlueSnap's largest size (500), the last one short. */
const LIVE = 501;
const PLANS = '/services/2/recurring/plans';

let h: Harness;
afterEach(async () => h?.close());

const specs = Array.from({ length: LIVE }, (_, i) => ({ ...gold, name: `Plan ${i + 1}` }));
const seed = specs.map((spec, i) => seedPlan(1000 + i, spec));
const plans = plansYaml(Object.fromEntries(specs.map((spec, i) => [`plan-${i + 1}`, spec])));

const lists = () => h.emulator.log.filter((entry) => entry.method === 'GET' && entry.path === PLANS);

describe('BlueSnap listings', () => {
  it('reads each page once, asking for the total, plans nothing, and apply writes nothing', async () => {
    h = await startHarness({ seed, plans });

    const plan = await h.cli(['plan', '--detailed-exitcode']);
    const asked = lists();
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const served = asked.flatMap(
      (entry) => (entry.response?.body as { plans: Array<{ planId: number }> }).plans,
    );
    expect(served.map((p) => p.planId).sort()).toEqual(seed.map((p) => p.planId).sort());
    expect(asked.every((entry) => entry.query.gettotal === 'true')).toBe(true);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.writes()).toEqual([]);
  });

  it.each([
    ['a plan listed on two pages', { inclusiveAfter: true }, 'repeats '],
    [
      'a totalResults below the plans served',
      { totalResultsOffset: -1 },
      `totalResults is ${LIVE - 1}, but the listing held ${LIVE} distinct planIds`,
    ],
  ])('refuses to plan or apply with %s, writing nothing', async (_label, listFaults, detail) => {
    h = await startHarness({ seed, plans, emulator: { listFaults } });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    for (const run of [plan, apply]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Error: bluesnap: invalid response from GET /recurring/plans: ');
      expect(run.stderr).toContain(detail);
      expect(run.stderr).toContain('nothing was planned or written from it');
    }
    expect(h.writes()).toEqual([]);
    expect(h.emulator.plans()).toHaveLength(LIVE);
  });
});
