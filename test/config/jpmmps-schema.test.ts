import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import {
  jpmmpsProjectWithPlans,
  jpmmpsProviders,
  loadErrors,
  loadIssues,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

/** The documentation's example plan (providers/jpmmps.md §3), pinned, with every optional field. */
const VALID = `connection: jpm-test
plans:
  premium:
    id: SubscriptionPlan-12033695-99d8-4dc6-bf51-db64ef27620b
    name: Premium
    description: Premium sub for only 90.99 EUR!
    recurrentAmount: 90.99
    currencyIsoCode: EUR
    trialDurationPeriod: 1
    trialDurationUnit: day
    billingOccurrence: 1
    billingUnit: month
    billingCycles: 4
    prepaid: true
    merchantMetadata: '{"orderTypeId": "1asd265jh4", "usageTracking": false}'
    lifecycle: { prevent_destroy: true }
`;

async function errorsOf(yaml: string): Promise<string[]> {
  return loadErrors(await jpmmpsProjectWithPlans(yaml), jpmmpsProviders);
}

describe('J.P. Morgan MPS plans file: a valid plan', () => {
  it('loads the documented example with the fields exactly as written', async () => {
    const root = await jpmmpsProjectWithPlans(VALID);

    const [plan] = (await loadProject(root, jpmmpsProviders)).plansFiles[0]?.plans ?? [];

    expect(plan).toMatchObject({
      key: 'premium',
      id: 'SubscriptionPlan-12033695-99d8-4dc6-bf51-db64ef27620b',
      lifecycle: { replace: false, preventDestroy: true },
      location: { file: 'plans/jpmmps.yaml', line: 3, column: 3 },
    });
    expect(plan?.spec).toEqual({
      name: 'Premium',
      description: 'Premium sub for only 90.99 EUR!',
      recurrentAmount: 90.99,
      currencyIsoCode: 'EUR',
      trialDurationPeriod: 1,
      trialDurationUnit: 'day',
      billingOccurrence: 1,
      billingUnit: 'month',
      billingCycles: 4,
      prepaid: true,
      merchantMetadata: '{"orderTypeId": "1asd265jh4", "usageTracking": false}',
    });
  });

  it('accepts a plan with only the required fields, unlimited cycles and a string amount', async () => {
    const root = await jpmmpsProjectWithPlans(`connection: jpm-test
plans:
  basic:
    name: Basic
    description: Basic, yearly
    recurrentAmount: "120.00"
    currencyIsoCode: JPY
    billingOccurrence: 1
    billingUnit: year
    billingCycles: -1
`);

    const [plan] = (await loadProject(root, jpmmpsProviders)).plansFiles[0]?.plans ?? [];

    expect(plan?.spec).toMatchObject({ recurrentAmount: '120.00', billingCycles: -1 });
  });
});

describe('J.P. Morgan MPS plans file: schema shape', () => {
  it('suggests the key meant by a misspelt key, and does not also call it missing', async () => {
    const errors = await errorsOf(VALID.replace('recurrentAmount:', 'recurentAmount:'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:7:5: plans.premium.recurentAmount: unknown key `recurentAmount` (did you mean `recurrentAmount`?)',
    ]);
  });

  it('requires both billing fields', async () => {
    const errors = await errorsOf(VALID.replace('    billingUnit: month\n', ''));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:3:3: plans.premium.billingUnit: missing required key `billingUnit`',
    ]);
  });

  it('says what a plan id looks like', async () => {
    const errors = await errorsOf(VALID.replace('-4dc6-', '-1dc6-'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:4:9: plans.premium.id: expected a plan id: `SubscriptionPlan-` and a lowercase UUID v4 (e.g. SubscriptionPlan-12033695-99d8-4dc6-bf51-db64ef27620b), got `SubscriptionPlan-12033695-99d8-1dc6-bf51-db64ef27620b`',
    ]);
  });

  it('refuses an amount of 0, as a number and as a string', async () => {
    const number = await errorsOf(VALID.replace('recurrentAmount: 90.99', 'recurrentAmount: 0'));
    const text = await errorsOf(VALID.replace('recurrentAmount: 90.99', 'recurrentAmount: "0.00"'));

    expect([...number, ...text]).toEqual([
      'plans/jpmmps.yaml:7:22: plans.premium.recurrentAmount: expected a number greater than 0, got `0`',
      'plans/jpmmps.yaml:7:22: plans.premium.recurrentAmount: expected a decimal string greater than 0, like "29.99", got `0.00`',
    ]);
  });

  it('fixes the case of a currency code', async () => {
    const errors = await errorsOf(VALID.replace('currencyIsoCode: EUR', 'currencyIsoCode: eur'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:8:22: plans.premium.currencyIsoCode: expected an uppercase ISO 4217 currency code (e.g. EUR), got `eur` (did you mean `EUR`?)',
    ]);
  });

  it('keeps the trial within 1 to 28 and the occurrence within 1 to 99', async () => {
    const errors = await errorsOf(
      VALID.replace('trialDurationPeriod: 1', 'trialDurationPeriod: 29').replace(
        'billingOccurrence: 1',
        'billingOccurrence: 100',
      ),
    );

    expect(errors).toEqual([
      'plans/jpmmps.yaml:9:26: plans.premium.trialDurationPeriod: expected a whole number from 1 to 28, got `29`',
      'plans/jpmmps.yaml:11:24: plans.premium.billingOccurrence: expected a whole number from 1 to 99, got `100`',
    ]);
  });

  it('keeps merchantMetadata within 255 characters', async () => {
    const errors = await errorsOf(
      VALID.replace(/merchantMetadata: .*/, `merchantMetadata: ${'x'.repeat(256)}`),
    );

    expect(errors).toEqual([
      'plans/jpmmps.yaml:15:23: plans.premium.merchantMetadata: expected text of at most 255 characters, got 256 characters',
    ]);
  });
});

describe('J.P. Morgan MPS plans file: billingCycles', () => {
  it.each(['0', '121', '-2'])('refuses %s: 1 to 120 charges, or -1 for unlimited', async (cycles) => {
    const errors = await errorsOf(VALID.replace('billingCycles: 4', `billingCycles: ${cycles}`));

    expect(errors).toEqual([
      `plans/jpmmps.yaml:13:20: plans.premium.billingCycles: expected the number of charges: 1 to 120, or -1 for unlimited, got \`${cycles}\` (a whole number)`,
    ]);
  });

  it('says to write the number without quotes', async () => {
    const [issue] = await loadIssues(
      await jpmmpsProjectWithPlans(VALID.replace('billingCycles: 4', 'billingCycles: "4"')),
      jpmmpsProviders,
    );

    expect(issue?.hint).toBe('write the number without quotes');
  });
});

describe('J.P. Morgan MPS plans file: units', () => {
  it('fixes the case of a unit', async () => {
    const errors = await errorsOf(VALID.replace('billingUnit: month', 'billingUnit: Month'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:12:18: plans.premium.billingUnit: expected one of day, month, year, got `Month` (did you mean `month`?)',
    ]);
  });

  it('suggests the singular of a plural unit', async () => {
    const errors = await errorsOf(VALID.replace('billingUnit: month', 'billingUnit: months'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:12:18: plans.premium.billingUnit: expected one of day, month, year, got `months` (did you mean `month`?)',
    ]);
  });

  it('suggests the unit meant by an adverb', async () => {
    const [issue] = await loadIssues(
      await jpmmpsProjectWithPlans(VALID.replace('billingUnit: month', 'billingUnit: annually')),
      jpmmpsProviders,
    );

    expect(issue?.hint).toBe('did you mean `year`?');
  });

  it('says week is not a unit, and how to bill weekly', async () => {
    const errors = await errorsOf(VALID.replace('billingUnit: month', 'billingUnit: week'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:12:18: plans.premium.billingUnit: expected one of day, month, year, got `week` (week is not supported: use `day` × 7, e.g. `billingOccurrence: 7` with `billingUnit: day` for every week)',
    ]);
  });

  it('says so for a trial in weeks too, whatever the case and number', async () => {
    const errors = await errorsOf(VALID.replace('trialDurationUnit: day', 'trialDurationUnit: Weeks'));

    expect(errors).toEqual([
      'plans/jpmmps.yaml:10:24: plans.premium.trialDurationUnit: expected one of day, month, year, got `Weeks` (week is not supported: use `day` × 7, e.g. `trialDurationPeriod: 14` with `trialDurationUnit: day` for two weeks)',
    ]);
  });
});
