import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import {
  loadErrors,
  loadIssues,
  paypalProjectWithPlans,
  paypalProviders,
  removeProjects,
  rulesFor,
} from './helpers.js';

afterAll(removeProjects);

/**
 * A plans file with one plan `pro` whose billing cycles are `cycles` (one line each, so cycle n is on
 * line 7 + n when `fields` is empty; each line of `fields` moves them down by one).
 */
function plan(cycles: string[], fields = '', preferences = '{}'): string {
  return `connection: paypal-sandbox
plans:
  pro:
    product_id: PROD-XXCD1234QWER65782
    name: Pro
${fields}    billing_cycles:
${cycles.join('')}    payment_preferences: ${preferences}
`;
}

// In these one-line cycles, `tenure_type`'s value is at column 24 and `sequence`'s at 41 (TRIAL) or 43 (REGULAR).
const trial = (sequence: number, extra = '') =>
  `      - { tenure_type: TRIAL, sequence: ${sequence}, frequency: { interval_unit: WEEK }${extra} }\n`;
const paidTrial = (sequence: number) =>
  trial(sequence, ', pricing_scheme: { fixed_price: { value: "1", currency_code: USD } }');
const regular = (
  sequence: number,
  extra = ', pricing_scheme: { fixed_price: { value: "10", currency_code: USD } }',
) =>
  `      - { tenure_type: REGULAR, sequence: ${sequence}, frequency: { interval_unit: MONTH }, total_cycles: 0${extra} }\n`;

/** A tiered regular cycle in block style: its first tier is on line 13 + the lines of `fields`. */
function tiered(tiers: string, model = 'VOLUME'): string {
  return `      - tenure_type: REGULAR
        sequence: 1
        frequency: { interval_unit: MONTH }
        pricing_scheme:
          pricing_model: ${model}
          tiers:
${tiers}`;
}

// In these one-line tiers, `starting_quantity`'s value is at column 36.
const tier = (start: string, end: string | undefined, value = '"20"') =>
  `            - { starting_quantity: ${start}, ${end === undefined ? '' : `ending_quantity: ${end}, `}amount: { value: ${value}, currency_code: USD } }\n`;

const QUANTITY = '    quantity_supported: true\n';

async function errorsOf(yaml: string): Promise<string[]> {
  return loadErrors(await paypalProjectWithPlans(yaml), paypalProviders);
}

describe('PayPal billing cycles', () => {
  it('accepts a free trial, a paid trial and the regular cycle', async () => {
    const root = await paypalProjectWithPlans(plan([trial(1), paidTrial(2), regular(3)]));

    const project = await loadProject(root, paypalProviders);

    expect(project.plansFiles[0]?.plans[0]?.spec.billing_cycles).toHaveLength(3);
  });

  it('accepts cycles listed out of order when their sequences are right', async () => {
    const root = await paypalProjectWithPlans(plan([regular(2), trial(1)]));

    const project = await loadProject(root, paypalProviders);

    expect(project.plansFiles[0]?.plans).toHaveLength(1);
  });

  it('allows at most two trials', async () => {
    const errors = await errorsOf(plan([trial(1), paidTrial(2), paidTrial(3), regular(4)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:9:24: plans.pro.billing_cycles[2].tenure_type: a plan has at most 2 TRIAL billing cycles; this is the 3rd (MORE_THAN_TWO_TRIAL_BILLING_CYCLE_NOT_SUPPORTED) (combine the trials or remove one)',
    ]);
  });

  it('needs a regular cycle', async () => {
    const errors = await errorsOf(plan([paidTrial(1)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:6:5: plans.pro.billing_cycles: no REGULAR billing cycle: a plan needs exactly one (MISSING_REGULAR_BILLING_CYCLE) (add a cycle with `tenure_type: REGULAR` after the trials)',
    ]);
  });

  it('allows only one regular cycle', async () => {
    const errors = await errorsOf(plan([regular(1), regular(2)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:8:24: plans.pro.billing_cycles[1].tenure_type: a second REGULAR billing cycle (the first is billing_cycles[0]): a plan has exactly one (MULTIPLE_REGULAR_BILLING_CYCLES_NOT_SUPPORTED) (make the earlier cycles TRIALs, or remove this one)',
    ]);
  });

  it('refuses a sequence used twice', async () => {
    const errors = await errorsOf(plan([trial(1), regular(1)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:8:43: plans.pro.billing_cycles[1].sequence: sequence 1 is also used by billing_cycles[0] (INVALID_BILLING_CYCLE_SEQUENCE)',
    ]);
  });

  it('refuses sequences that do not start at 1', async () => {
    const errors = await errorsOf(plan([trial(2), regular(3)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:7:41: plans.pro.billing_cycles[0].sequence: sequence 2 leaves a gap: sequences start at 1 and are consecutive, and 1 is missing (INVALID_BILLING_CYCLE_SEQUENCE) (number the cycles 1, 2, 3 in the order they run)',
    ]);
  });

  it('refuses a gap between sequences', async () => {
    const errors = await errorsOf(plan([trial(1), regular(3)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:8:43: plans.pro.billing_cycles[1].sequence: sequence 3 leaves a gap: sequences start at 1 and are consecutive, and 2 is missing (INVALID_BILLING_CYCLE_SEQUENCE) (number the cycles 1, 2, 3 in the order they run)',
    ]);
  });

  it('refuses a trial that runs after the regular cycle', async () => {
    const errors = await errorsOf(plan([regular(1), trial(2)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:8:41: plans.pro.billing_cycles[1].sequence: this TRIAL cycle runs after the REGULAR cycle (sequence 1); trials come first (INVALID_BILLING_CYCLE_SEQUENCE) (give the trials the lower sequence numbers)',
    ]);
  });

  it('caps interval_count by interval_unit', async () => {
    const errors = await errorsOf(
      plan([regular(1).replace('{ interval_unit: MONTH }', '{ interval_unit: MONTH, interval_count: 13 }')]),
    );

    expect(errors).toEqual([
      'plans/paypal.yaml:7:97: plans.pro.billing_cycles[0].frequency.interval_count: interval_count 13 is more than PayPal allows with interval_unit MONTH: at most 12 (the largest interval_count is 365 for DAY, 52 for WEEK, 12 for MONTH and 1 for YEAR)',
    ]);
  });

  it('allows a yearly cycle only every year', async () => {
    const errors = await errorsOf(
      plan([regular(1).replace('{ interval_unit: MONTH }', '{ interval_unit: YEAR, interval_count: 2 }')]),
    );

    const [error] = errors;

    expect(error).toContain('interval_count 2 is more than PayPal allows with interval_unit YEAR: at most 1');
  });

  it('accepts 52 weeks and 365 days', async () => {
    const root = await paypalProjectWithPlans(
      plan([
        trial(1, ', frequency: { interval_unit: DAY, interval_count: 365 }').replace(
          'frequency: { interval_unit: WEEK }, ',
          '',
        ),
        regular(2).replace('{ interval_unit: MONTH }', '{ interval_unit: WEEK, interval_count: 52 }'),
      ]),
    );

    const project = await loadProject(root, paypalProviders);

    expect(project.plansFiles[0]?.plans).toHaveLength(1);
  });

  it('refuses a trial that never ends', async () => {
    const errors = await errorsOf(plan([trial(1, ', total_cycles: 0'), regular(2)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:7:94: plans.pro.billing_cycles[0].total_cycles: a TRIAL cycle must end: its total_cycles is 1 to 999, not 0 (INVALID_TRIAL_BILLING_TOTAL_CYCLES) (0 (bill until cancelled) is for the REGULAR cycle only)',
    ]);
  });

  it('allows one free trial only', async () => {
    const errors = await errorsOf(plan([trial(1), trial(2), regular(3)]));

    expect(errors).toEqual([
      'plans/paypal.yaml:8:9: plans.pro.billing_cycles[1]: a second free TRIAL cycle (no pricing_scheme; the first is billing_cycles[0]): a plan has at most one (MULTIPLE_FREE_TRIAL_BILLING_CYCLES_NOT_SUPPORTED) (give this trial a fixed_price, or make one free trial with more total_cycles)',
    ]);
  });

  it('needs a price on the regular cycle', async () => {
    const errors = await errorsOf(plan([regular(1, '')]));

    expect(errors).toEqual([
      'plans/paypal.yaml:7:9: plans.pro.billing_cycles[0].pricing_scheme: the REGULAR billing cycle has no pricing_scheme; only a TRIAL cycle can be free (add `pricing_scheme: { fixed_price: { value: …, currency_code: … } }`, or tiers)',
    ]);
  });
});

describe('PayPal pricing schemes', () => {
  it('needs fixed_price or tiers in a pricing_scheme', async () => {
    const errors = await errorsOf(plan([regular(1, ', pricing_scheme: {}')]));

    expect(errors).toEqual([
      'plans/paypal.yaml:7:100: plans.pro.billing_cycles[0].pricing_scheme: pricing_scheme needs `fixed_price`, or `pricing_model` with `tiers` (for a free trial, leave pricing_scheme out)',
    ]);
  });

  it('refuses a fixed price together with tiers', async () => {
    const cycle = tiered(tier('1', undefined)).replace(
      '          pricing_model: VOLUME\n',
      '          fixed_price: { value: "10", currency_code: USD }\n          pricing_model: VOLUME\n',
    );

    const errors = await errorsOf(plan([cycle], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:12:11: plans.pro.billing_cycles[0].pricing_scheme.fixed_price: pricing_scheme has both `fixed_price` and tiered pricing; use one (FIXED_PRICE_NOT_SUPPORTED) (remove fixed_price to price by tiers, or remove pricing_model and tiers)',
    ]);
  });

  it('needs tiers for a pricing model', async () => {
    const errors = await errorsOf(
      plan([regular(1, ', pricing_scheme: { pricing_model: TIERED }')], QUANTITY),
    );

    expect(errors).toEqual([
      'plans/paypal.yaml:8:133: plans.pro.billing_cycles[0].pricing_scheme.pricing_model: pricing_model TIERED needs `tiers` (MISSING_PRICING_SCHEME_TIERS) (add tiers, or replace pricing_model with fixed_price)',
    ]);
  });

  it('needs a pricing model for tiers', async () => {
    const cycle = tiered(tier('1', undefined)).replace('          pricing_model: VOLUME\n', '');

    const errors = await errorsOf(plan([cycle], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:12:11: plans.pro.billing_cycles[0].pricing_scheme.tiers: `tiers` need a pricing_model: VOLUME or TIERED (VOLUME prices every unit by the tier the whole quantity falls in; TIERED prices each unit by its own tier)',
    ]);
  });

  it('refuses tiered pricing on a trial', async () => {
    const cycle = tiered(tier('1', undefined)).replace('tenure_type: REGULAR', 'tenure_type: TRIAL');

    const errors = await errorsOf(plan([cycle, regular(2)], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:12:26: plans.pro.billing_cycles[0].pricing_scheme.pricing_model: a TRIAL cycle cannot be priced by tiers; it has a fixed_price or none (INVALID_PRICING_MODEL) (give the trial a fixed_price, or leave pricing_scheme out for a free trial)',
    ]);
  });

  it('needs quantity_supported for tiers, pointing at the plan when it is absent', async () => {
    const errors = await errorsOf(plan([tiered(tier('1', undefined))]));

    expect(errors).toEqual([
      "plans/paypal.yaml:3:3: plans.pro.quantity_supported: quantity_supported is not set (PayPal's default is false), but billing_cycles[0].pricing_scheme.tiers prices by quantity; tiered pricing needs `quantity_supported: true` (INVALID_QUANTITY_SUPPORTED)",
    ]);
  });

  it('needs quantity_supported true for tiers, pointing at a false one', async () => {
    const errors = await errorsOf(plan([tiered(tier('1', undefined))], '    quantity_supported: false\n'));

    expect(errors).toEqual([
      'plans/paypal.yaml:6:25: plans.pro.quantity_supported: quantity_supported is false, but billing_cycles[0].pricing_scheme.tiers prices by quantity; tiered pricing needs `quantity_supported: true` (INVALID_QUANTITY_SUPPORTED)',
    ]);
  });
});

describe('PayPal pricing tiers', () => {
  it('accepts contiguous tiers given as strings and numbers', async () => {
    const tiers = tier('"1"', '"10"') + tier('11', '100', '15.5') + tier('"101"', undefined, '"12.00"');
    const root = await paypalProjectWithPlans(plan([tiered(tiers, 'TIERED')], QUANTITY));

    const project = await loadProject(root, paypalProviders);

    expect(project.plansFiles[0]?.plans).toHaveLength(1);
  });

  it('needs each tier to end after it starts', async () => {
    const errors = await errorsOf(plan([tiered(tier('1', '10') + tier('11', '5'))], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:15:57: plans.pro.billing_cycles[0].pricing_scheme.tiers[1].ending_quantity: ending_quantity 5 is not greater than starting_quantity 11 (INVALID_PRICING_TIER_QUANTITY)',
    ]);
  });

  it('refuses overlapping tiers', async () => {
    const errors = await errorsOf(plan([tiered(tier('1', '1000') + tier('500', undefined))], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:15:36: plans.pro.billing_cycles[0].pricing_scheme.tiers[1].starting_quantity: starting_quantity 500 overlaps the tier before, which ends at 1000 (OVERLAPPING_PRICING_SCHEME_TIERS) (start this tier at 1001)',
    ]);
  });

  it('refuses a gap between tiers', async () => {
    const errors = await errorsOf(plan([tiered(tier('1', '1000') + tier('1500', undefined))], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:15:36: plans.pro.billing_cycles[0].pricing_scheme.tiers[1].starting_quantity: starting_quantity 1500 leaves a gap after the tier before, which ends at 1000; tiers cover every quantity (INVALID_PRICING_TIER_QUANTITY) (start this tier at 1001)',
    ]);
  });

  it('compares quantities as decimals, not as text', async () => {
    const root = await paypalProjectWithPlans(
      plan([tiered(tier('1', '"9"') + tier('"10.0"', '"99.50"') + tier('100.5', undefined))], QUANTITY),
    );

    const project = await loadProject(root, paypalProviders);

    expect(project.plansFiles[0]?.plans).toHaveLength(1);
  });

  it('needs the first tier to start at 1', async () => {
    const errors = await errorsOf(plan([tiered(tier('5', undefined))], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:14:36: plans.pro.billing_cycles[0].pricing_scheme.tiers[0].starting_quantity: the first tier starts at 5, so smaller quantities have no price; tiers cover every quantity (INVALID_PRICING_TIER_QUANTITY) (start the first tier at 1)',
    ]);
  });

  it('lets only the last tier leave ending_quantity out', async () => {
    const errors = await errorsOf(plan([tiered(tier('1', undefined) + tier('11', undefined))], QUANTITY));

    expect(errors).toEqual([
      'plans/paypal.yaml:14:15: plans.pro.billing_cycles[0].pricing_scheme.tiers[0].ending_quantity: tier 1 of 2 has no ending_quantity, so it overlaps the tiers after it; only the last tier may leave it out (OVERLAPPING_PRICING_SCHEME_TIERS)',
    ]);
  });

  it('refuses a free tier', async () => {
    const errors = await errorsOf(
      plan([tiered(tier('1', '10') + tier('11', undefined, '"0.00"'))], QUANTITY),
    );

    expect(errors).toEqual([
      'plans/paypal.yaml:15:57: plans.pro.billing_cycles[0].pricing_scheme.tiers[1].amount.value: a tier amount of 0: PayPal rejects free tiers (INVALID_PRICING_TIER_AMOUNT) (give every tier a price greater than 0)',
    ]);
  });
});

describe('PayPal money', () => {
  it('allows one currency per plan', async () => {
    const errors = await errorsOf(
      plan([paidTrial(1), regular(2)], '', '{ setup_fee: { value: "5", currency_code: EUR } }'),
    );

    expect(errors).toEqual([
      'plans/paypal.yaml:9:68: plans.pro.payment_preferences.setup_fee.currency_code: currency EUR differs from USD in billing_cycles[0].pricing_scheme.fixed_price; a plan has one currency (CURRENCY_MISMATCH) (use USD for every amount of this plan, or make another plan for EUR)',
    ]);
  });

  it('checks tier amounts against the plan currency too', async () => {
    const tiers = tier('1', '10') + tier('11', undefined).replace('USD', 'CAD');

    const [issue] = await loadIssues(
      await paypalProjectWithPlans(plan([tiered(tiers)], QUANTITY)),
      paypalProviders,
    );

    expect(issue).toMatchObject({
      path: 'plans.pro.billing_cycles[0].pricing_scheme.tiers[1].amount.currency_code',
      message:
        'currency CAD differs from USD in billing_cycles[0].pricing_scheme.tiers[0].amount; a plan has one currency (CURRENCY_MISMATCH)',
    });
  });

  it('rejects an unknown currency code', async () => {
    const errors = await errorsOf(plan([regular(1).replace('USD', 'EUT')]));

    expect(errors).toEqual([
      'plans/paypal.yaml:7:161: plans.pro.billing_cycles[0].pricing_scheme.fixed_price.currency_code: unknown currency `EUT` (did you mean `EUR`?)',
    ]);
  });

  it('rejects decimals in JPY', async () => {
    const errors = await errorsOf(
      plan([regular(1).replace('"10", currency_code: USD', '"980.5", currency_code: JPY')]),
    );

    expect(errors).toEqual([
      'plans/paypal.yaml:7:140: plans.pro.billing_cycles[0].pricing_scheme.fixed_price.value: `980.5` has decimals, but JPY amounts are whole numbers (no minor unit) (providers reject or round amounts finer than the currency allows)',
    ]);
  });

  it('rejects three decimals in a USD setup fee', async () => {
    const [issue] = await loadIssues(
      await paypalProjectWithPlans(
        plan([regular(1)], '', '{ setup_fee: { value: 1.999, currency_code: USD } }'),
      ),
      paypalProviders,
    );

    expect(issue?.path).toBe('plans.pro.payment_preferences.setup_fee.value');
  });
});

describe('rule registry', () => {
  it('has rules for paypal', () => {
    const rules = rulesFor('paypal');

    expect(rules?.plan).toBeTypeOf('function');
  });
});
