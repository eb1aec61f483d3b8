import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import { loadErrors, loadIssues, projectWithPlans, providers, removeProjects, rulesFor } from './helpers.js';

afterAll(removeProjects);

function plan(fields: Record<string, string>): string {
  const all = {
    name: 'Basic',
    recurringChargeAmount: '9.99',
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    ...fields,
  };
  const lines = Object.entries(all).map(([key, value]) => `    ${key}: ${value}`);
  return `connection: bluesnap-sandbox\nplans:\n  basic:\n${lines.join('\n')}\n`;
}

describe('BlueSnap amounts and currency', () => {
  it('rejects three decimals in USD', async () => {
    const root = await projectWithPlans(plan({ recurringChargeAmount: '9.999' }));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:5:28: plans.basic.recurringChargeAmount: `9.999` has 3 decimal places, but USD amounts have at most 2 (providers reject or round amounts finer than the currency allows)',
    ]);
  });

  it('rejects any decimals in JPY', async () => {
    const root = await projectWithPlans(plan({ recurringChargeAmount: '980.5', currency: 'JPY' }));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:5:28: plans.basic.recurringChargeAmount: `980.5` has decimals, but JPY amounts are whole numbers (no minor unit) (providers reject or round amounts finer than the currency allows)',
    ]);
  });

  it('accepts "19.00" in USD', async () => {
    const root = await projectWithPlans(plan({ recurringChargeAmount: '"19.00"' }));

    const project = await loadProject(root, providers);

    expect(project.plansFiles[0]?.plans[0]?.spec.recurringChargeAmount).toBe('19.00');
  });

  it('accepts trailing zeros beyond the minor units, since the amount is the same', async () => {
    const root = await projectWithPlans(plan({ recurringChargeAmount: '"1980.000"', currency: 'JPY' }));

    const project = await loadProject(root, providers);

    expect(project.plansFiles[0]?.plans).toHaveLength(1);
  });

  it('accepts three decimals in KWD', async () => {
    const root = await projectWithPlans(plan({ recurringChargeAmount: '3.125', currency: 'KWD' }));

    const project = await loadProject(root, providers);

    expect(project.plansFiles[0]?.plans).toHaveLength(1);
  });

  it('applies the decimal rule to the initial charge too', async () => {
    const root = await projectWithPlans(plan({ initialChargeAmount: '"0.001"' }));

    const [issue] = await loadIssues(root);

    expect(issue?.path).toBe('plans.basic.initialChargeAmount');
  });

  it('rejects an unknown currency code', async () => {
    const root = await projectWithPlans(plan({ currency: 'XYZ' }));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:6:15: plans.basic.currency: unknown currency `XYZ` (use an active ISO 4217 code such as USD or EUR)',
    ]);
  });

  it('rejects a withdrawn currency code', async () => {
    const root = await projectWithPlans(plan({ currency: 'HRK' }));

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe('unknown currency `HRK`');
  });
});

describe('BlueSnap one-off plans', () => {
  it('rejects a trial on a ONCE plan', async () => {
    const root = await projectWithPlans(plan({ chargeFrequency: 'ONCE', trialPeriodDays: '14' }));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:8:22: plans.basic.trialPeriodDays: `trialPeriodDays` cannot be used with chargeFrequency ONCE (BlueSnap rejects this combination (INVALID_BILLING_PLAN_CONFIGURATION); remove the field or choose a recurring frequency)',
    ]);
  });

  it('rejects a charge limit on a ONCE plan', async () => {
    const root = await projectWithPlans(plan({ chargeFrequency: 'ONCE', maxNumberOfCharges: '3' }));

    const [issue] = await loadIssues(root);

    expect(issue?.path).toBe('plans.basic.maxNumberOfCharges');
  });

  it('allows a trial and a charge limit on a recurring plan', async () => {
    const root = await projectWithPlans(plan({ trialPeriodDays: '14', maxNumberOfCharges: '12' }));

    const project = await loadProject(root, providers);

    expect(project.plansFiles[0]?.plans[0]?.spec).toMatchObject({
      trialPeriodDays: 14,
      maxNumberOfCharges: 12,
    });
  });
});

describe('rule registry', () => {
  it('has rules for bluesnap', () => {
    const rules = rulesFor('bluesnap');

    expect(rules?.plan).toBeTypeOf('function');
  });

  it('has none for a provider that did not register any', () => {
    const rules = rulesFor('constructor');

    expect(rules).toBeUndefined();
  });
});
