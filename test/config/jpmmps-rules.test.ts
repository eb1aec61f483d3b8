import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import { providers as registry } from '../../src/providers/registry.js';
import {
  jpmmpsProjectWithPlans,
  jpmmpsProjectYaml,
  jpmmpsProviders,
  loadErrors,
  loadIssues,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

const NO_PLANS = 'connection: jpm-test\nplans: {}\n';

/** One plan `pro`, one field a line from line 4 on, in this order; `fields` replace or add to them. */
function plan(fields: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    name: 'Pro',
    description: 'Pro, monthly',
    recurrentAmount: '29.99',
    currencyIsoCode: 'USD',
    billingOccurrence: '1',
    billingUnit: 'month',
    billingCycles: '12',
    ...fields,
  };
  const lines = Object.entries(all).flatMap(([key, value]) =>
    value === undefined ? [] : [`    ${key}: ${value}`],
  );
  return `connection: jpm-test\nplans:\n  pro:\n${lines.join('\n')}\n`;
}

async function errorsOf(plans: string, project?: string): Promise<string[]> {
  return loadErrors(await jpmmpsProjectWithPlans(plans, project), jpmmpsProviders);
}

describe('J.P. Morgan MPS trial', () => {
  it('accepts a trial with its period and unit', async () => {
    const root = await jpmmpsProjectWithPlans(plan({ trialDurationPeriod: '14', trialDurationUnit: 'day' }));

    const [loaded] = (await loadProject(root, jpmmpsProviders)).plansFiles[0]?.plans ?? [];

    expect(loaded?.spec).toMatchObject({ trialDurationPeriod: 14, trialDurationUnit: 'day' });
  });

  it('names the missing unit of a trial period, at the plan', async () => {
    const errors = await errorsOf(plan({ trialDurationPeriod: '14' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:3:3: plans.pro.trialDurationUnit: missing key `trialDurationUnit`: it goes with `trialDurationPeriod`, which is set; the API refuses one without the other (add `trialDurationUnit: day` (or month, year), or remove trialDurationPeriod for no trial)',
    ]);
  });

  it('names the missing period of a trial unit, at the plan', async () => {
    const errors = await errorsOf(plan({ trialDurationUnit: 'month' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:3:3: plans.pro.trialDurationPeriod: missing key `trialDurationPeriod`: it goes with `trialDurationUnit`, which is set; the API refuses one without the other (add `trialDurationPeriod: 14` (1 to 28), or remove trialDurationUnit for no trial)',
    ]);
  });

  it('reports a misspelt partner once, as a typo', async () => {
    const errors = await errorsOf(plan({ trialDurationPeriod: '14', trialDurationUnt: 'day' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:12:5: plans.pro.trialDurationUnt: unknown key `trialDurationUnt` (did you mean `trialDurationUnit`?)',
    ]);
  });
});

describe('J.P. Morgan MPS amount and currency', () => {
  it('rejects an unknown currency code', async () => {
    const errors = await errorsOf(plan({ currencyIsoCode: 'EUT' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:7:22: plans.pro.currencyIsoCode: unknown currency `EUT` (did you mean `EUR`?)',
    ]);
  });

  it('rejects three decimals in USD', async () => {
    const errors = await errorsOf(plan({ recurrentAmount: '29.999' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:6:22: plans.pro.recurrentAmount: `29.999` has 3 decimal places, but USD amounts have at most 2 (providers reject or round amounts finer than the currency allows)',
    ]);
  });

  it('rejects any decimals in JPY', async () => {
    const errors = await errorsOf(plan({ recurrentAmount: '"980.5"', currencyIsoCode: 'JPY' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:6:22: plans.pro.recurrentAmount: `980.5` has decimals, but JPY amounts are whole numbers (no minor unit) (providers reject or round amounts finer than the currency allows)',
    ]);
  });

  it('caps a three-decimal currency at the API’s 2 decimals', async () => {
    const errors = await errorsOf(plan({ recurrentAmount: '3.125', currencyIsoCode: 'KWD' }));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:6:22: plans.pro.recurrentAmount: `3.125` has 3 decimal places, but J.P. Morgan MPS amounts have at most 2 (Double 18.2) (round to 2 decimals; the API cannot bill finer amounts, even in a currency that has them)',
    ]);
  });

  it('accepts trailing zeros beyond 2 decimals, since the amount is the same', async () => {
    const root = await jpmmpsProjectWithPlans(plan({ recurrentAmount: '"3.120"', currencyIsoCode: 'KWD' }));

    const [loaded] = (await loadProject(root, jpmmpsProviders)).plansFiles[0]?.plans ?? [];

    expect(loaded?.spec.recurrentAmount).toBe('3.120');
  });

  it('reports an unknown currency and too many decimals both', async () => {
    const issues = await loadIssues(
      await jpmmpsProjectWithPlans(plan({ recurrentAmount: '1.005', currencyIsoCode: 'XYZ' })),
      jpmmpsProviders,
    );

    expect(issues.map((issue) => issue.path)).toEqual([
      'plans.pro.recurrentAmount',
      'plans.pro.currencyIsoCode',
    ]);
  });
});

describe('J.P. Morgan MPS connection options', () => {
  it('accepts prune_delete: true', async () => {
    const root = await jpmmpsProjectWithPlans(
      NO_PLANS,
      jpmmpsProjectYaml('    options:\n      prune_delete: true\n'),
    );

    const project = await loadProject(root, jpmmpsProviders);

    expect(project.connections[0]?.options).toEqual({ prune_delete: true });
  });

  it('wants prune_delete to be true or false', async () => {
    const errors = await errorsOf(NO_PLANS, jpmmpsProjectYaml('    options:\n      prune_delete: yes\n'));

    expect(errors).toEqual([
      'plansync.yaml:9:21: connections.jpm-test.options.prune_delete: expected true or false, got `yes` (pruning deletes J.P. Morgan MPS plans only with `prune_delete: true`; the default is false)',
    ]);
  });

  it('says to write a quoted boolean without quotes', async () => {
    const errors = await errorsOf(NO_PLANS, jpmmpsProjectYaml('    options:\n      prune_delete: "true"\n'));

    expect(errors).toEqual([
      'plansync.yaml:9:21: connections.jpm-test.options.prune_delete: expected true or false, got `true` (write true or false without quotes)',
    ]);
  });

  it('suggests prune_delete for a misspelt option', async () => {
    const errors = await errorsOf(NO_PLANS, jpmmpsProjectYaml('    options:\n      prune_delet: true\n'));

    expect(errors).toEqual([
      'plansync.yaml:9:7: connections.jpm-test.options.prune_delet: unknown option `prune_delet` for provider jpmmps (did you mean `prune_delete`?)',
    ]);
  });

  it('lists the one option it takes when nothing is close', async () => {
    const errors = await errorsOf(NO_PLANS, jpmmpsProjectYaml('    options:\n      region: eu\n'));

    expect(errors).toEqual([
      'plansync.yaml:9:7: connections.jpm-test.options.region: unknown option `region` for provider jpmmps (jpmmps takes: prune_delete)',
    ]);
  });
});

describe('provider module', () => {
  it('has plan rules, an options parser and the prune_delete option for jpmmps', () => {
    const provider = registry.get('jpmmps');

    expect(provider?.rules.plan).toBeTypeOf('function');
    expect(provider?.options.parse).toBeTypeOf('function');
    expect(Object.keys(provider?.options.keys ?? {})).toEqual(['prune_delete']);
  });
});
