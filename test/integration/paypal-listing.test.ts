// PayPal listings through the real CLI over real sockets: every page is read once and checked, and a
// listing that is inconsistent (a page served twice, a `total_items` that disagrees with the plans
// served) is refused before anything is planned or written. Every plan lives and is declared: a
// listing misread would plan creates for the plans it missed.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

/** Three pages of PayPal's largest size (20), the last one short. */
const LIVE = 45;
const PLANS = '/v1/billing/plans';

let h: ProviderHarness<PayPalEmulator>;
afterEach(async () => h?.close());

const specs = Array.from({ length: LIVE }, (_, i) => paypalPlanSpec(`Plan ${i + 1}`));
const seed = specs.map(
  (spec, i) =>
    ({ ...spec, id: `P-LISTING${String(i + 1).padStart(17, '0')}`, status: 'ACTIVE' }) as PayPalPlanInput,
);
const plans = plansFileYaml('pp', Object.fromEntries(specs.map((spec, i) => [`plan-${i + 1}`, spec])));

const start = (emulator: Record<string, unknown> = {}) =>
  startProviderHarness(paypalFixture, { seed, plans, emulator });

const lists = (emulator: PayPalEmulator) =>
  emulator.log.filter((entry) => entry.method === 'GET' && entry.path === PLANS);

describe('PayPal listings', () => {
  it('reads every page once, with totals, plans nothing, and apply writes nothing', async () => {
    h = await start();

    const plan = await h.cli(['plan', '--detailed-exitcode']);
    const asked = lists(h.emulator);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const pages = (asked[0]?.response?.body as { total_pages: number }).total_pages;
    expect(asked.map((entry) => Number(entry.query.page)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: pages }, (_, i) => i + 1),
    );
    expect(asked.every((entry) => entry.query.total_required === 'true')).toBe(true);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.writes()).toEqual([]);
  });

  it.each([
    ['a page served twice', { repeatPage: 2 }, 'repeats P-LISTING'],
    [
      'a total_items above the plans served',
      { totalItemsOffset: 1 },
      `total_items is ${LIVE + 1}, but the listing held ${LIVE} distinct ids`,
    ],
  ])('refuses to plan or apply with %s, writing nothing', async (_label, listFaults, detail) => {
    h = await start({ listFaults });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    for (const run of [plan, apply]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Error: paypal: invalid response from GET ${PLANS}: `);
      expect(run.stderr).toContain(detail);
      expect(run.stderr).toContain('nothing was planned or written from it');
      expect(run.stderr).toContain('(connection pp)');
    }
    expect(h.writes()).toEqual([]);
    expect(h.emulator.plans()).toHaveLength(LIVE);
  });
});
