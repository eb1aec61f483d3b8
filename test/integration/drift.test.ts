// `plansync drift` over real sockets: each drifted field with its class (a difference apply
// sets to the YAML value, a field the API cannot change, a value the provider manages), plans missing at the provider
// and live plans no YAML declares, with exit 2 on drift and 0 without.

import { afterEach, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/core/drift.js';
import { constantContactCase } from '../providers/constantcontact/conformance.js';
import { plansYaml, seedPlan, startHarness, gold } from '../support/harness.js';
import { plansFileYaml, startProviderHarness } from '../support/provider-harness.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('plansync drift', () => {
  it('classes each drifted BlueSnap field, and lists missing and undeclared plans, exit 2', async () => {
    const h = await startHarness({
      seed: [
        seedPlan(100, { ...gold, gracePeriodDays: 5 }),
        seedPlan(101, { ...gold, name: 'Team', recurringChargeAmount: 49 }),
        seedPlan(102, { ...gold, name: 'Legacy' }),
      ],
      plans: plansYaml({
        gold: { ...gold, gracePeriodDays: 7 },
        team: { ...gold, name: 'Team', recurringChargeAmount: 59 },
        silver: { ...gold, name: 'Silver', recurringChargeAmount: 9 },
      }),
    });
    close = h.close;

    const json = await h.cli(['drift', '--format', 'json']);
    const human = await h.cli(['drift']);
    const report = JSON.parse(json.stdout) as DriftReport & { drift: boolean };

    expect(json.code).toBe(2);
    expect(report.drift).toBe(true);
    expect(report.fields.map((f) => [f.key, f.path, f.live, f.yaml, f.class])).toEqual([
      ['gold', 'gracePeriodDays', 5, 7, 'revert'],
      ['team', 'recurringChargeAmount', '49', '59', 'cannot-change'],
    ]);
    expect(report.missing).toEqual(['bs/silver']);
    expect(report.unmanaged).toEqual(['bs: 102']);
    expect(human.code).toBe(2);
    expect(human.stdout).toContain(
      'Drift: 2 field(s) on 2 plan(s) differ from the YAML; 1 declared plan(s) missing, 1 live plan(s) not declared.',
    );
    expect(human.stdout).toContain(
      'bs/gold (plan 100)\n  gracePeriodDays: live has 5, the YAML declares 7\n    apply would set it to 7',
    );
    // It states the difference; who changed which side, plansync cannot know.
    expect(human.stdout).not.toMatch(/dashboard|sets it back/);
    expect(human.stdout).toMatch(
      /team \(plan 101\)\n {2}recurringChargeAmount: live has 49\.00 USD, the YAML declares 59\.00 USD\n {4}the API cannot change it: blocked: set `lifecycle.replace: true`/,
    );
    expect(h.writes()).toEqual([]);
  });

  it('says a Constant Contact billing day is provider-managed, and writes nothing', async () => {
    const c = constantContactCase;
    const one = c.existing(1);
    const h = await startProviderHarness(c.fixture, {
      seed: [one.seed],
      plans: plansFileYaml(c.fixture.connection, { one: { ...one.spec, billing_day_of_month: 12 } }),
    });
    close = h.close;

    const result = await h.cli(['drift', '--format', 'json']);
    const report = JSON.parse(result.stdout) as DriftReport;

    expect(result.code).toBe(2);
    expect(report.fields.map((f) => [f.path, f.live, f.yaml, f.class])).toEqual([
      ['billing_day_of_month', 5, 12, 'provider-managed'],
    ]);
    expect(report.fields[0]?.action).toMatch(/^left as is: Constant Contact sets the billing day only when/);
    expect(h.writes()).toEqual([]);
  });

  it('exits 0 and says so when the live plans match', async () => {
    const h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
    close = h.close;

    const result = await h.cli(['drift']);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No drift: the live plans match the YAML.\n');
  });
});
