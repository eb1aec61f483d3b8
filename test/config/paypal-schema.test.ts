import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import {
  loadErrors,
  loadIssues,
  paypalProjectWithPlans,
  paypalProviders,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

/** Trial, then a volume-priced regular cycle; every optional field PayPal has, in both amount forms. */
const VALID = `connection: paypal-sandbox
plans:
  pro-monthly:
    id: P-5ML4271244454362WXNWU5NQ
    product_id: PROD-XXCD1234QWER65782
    name: Pro Monthly
    description: Pro plan, billed monthly by seat
    status: ACTIVE
    quantity_supported: true
    billing_cycles:
      - tenure_type: TRIAL
        sequence: 1
        frequency:
          interval_unit: WEEK
          interval_count: 2
        total_cycles: 1
      - tenure_type: REGULAR
        sequence: 2
        frequency:
          interval_unit: MONTH
        total_cycles: 0
        pricing_scheme:
          pricing_model: VOLUME
          tiers:
            - starting_quantity: "1"
              ending_quantity: "10"
              amount: { value: "20.00", currency_code: USD }
            - starting_quantity: 11
              amount: { value: 15.5, currency_code: USD }
    payment_preferences:
      auto_bill_outstanding: true
      setup_fee: { value: "5", currency_code: USD }
      setup_fee_failure_action: CONTINUE
      payment_failure_threshold: 3
    taxes: { percentage: "19.99", inclusive: false }
    lifecycle: { prevent_destroy: true }
`;

describe('PayPal plans file: a valid plan', () => {
  it('loads a trial and a tiered regular cycle with the amounts exactly as written', async () => {
    const root = await paypalProjectWithPlans(VALID);

    const [plan] = (await loadProject(root, paypalProviders)).plansFiles[0]?.plans ?? [];

    expect(plan).toMatchObject({
      key: 'pro-monthly',
      id: 'P-5ML4271244454362WXNWU5NQ',
      lifecycle: { replace: false, preventDestroy: true },
      location: { file: 'plans/paypal.yaml', line: 3, column: 3 },
    });
    expect(plan?.spec.billing_cycles).toEqual([
      {
        tenure_type: 'TRIAL',
        sequence: 1,
        frequency: { interval_unit: 'WEEK', interval_count: 2 },
        total_cycles: 1,
      },
      {
        tenure_type: 'REGULAR',
        sequence: 2,
        frequency: { interval_unit: 'MONTH' },
        total_cycles: 0,
        pricing_scheme: {
          pricing_model: 'VOLUME',
          tiers: [
            {
              starting_quantity: '1',
              ending_quantity: '10',
              amount: { value: '20.00', currency_code: 'USD' },
            },
            { starting_quantity: 11, amount: { value: 15.5, currency_code: 'USD' } },
          ],
        },
      },
    ]);
  });

  it('keeps the pinned id out of the spec', async () => {
    const root = await paypalProjectWithPlans(VALID);

    const [plan] = (await loadProject(root, paypalProviders)).plansFiles[0]?.plans ?? [];

    expect(plan?.spec).not.toHaveProperty('id');
  });

  it('accepts a plan with only the required fields', async () => {
    const root = await paypalProjectWithPlans(`connection: paypal-sandbox
plans:
  basic:
    product_id: PROD-XXCD1234QWER65782
    name: Basic
    billing_cycles:
      - tenure_type: REGULAR
        sequence: 1
        frequency: { interval_unit: MONTH }
        pricing_scheme: { fixed_price: { value: 9.99, currency_code: USD } }
    payment_preferences: {}
`);

    const project = await loadProject(root, paypalProviders);

    expect(project.plansFiles[0]?.plans.map((plan) => plan.key)).toEqual(['basic']);
  });
});

describe('PayPal plans file: schema shape', () => {
  it('suggests the key meant by a misspelt key inside a billing cycle', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('interval_unit: MONTH', 'interval_unt: MONTH'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:20:11: plans.pro-monthly.billing_cycles[1].frequency.interval_unt: unknown key `interval_unt` (did you mean `interval_unit`?)',
    ]);
  });

  it('suggests the tenure type meant by a misspelt one', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('tenure_type: REGULAR', 'tenure_type: REGULR'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:17:22: plans.pro-monthly.billing_cycles[1].tenure_type: expected one of REGULAR, TRIAL, got `REGULR` (did you mean `REGULAR`?)',
    ]);
  });

  it('suggests the key meant by a misspelt tier key', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('ending_quantity:', 'end_quantity:'));

    const [issue] = await loadIssues(root, paypalProviders);

    expect(issue).toMatchObject({
      path: 'plans.pro-monthly.billing_cycles[1].pricing_scheme.tiers[0].end_quantity',
      hint: 'did you mean `ending_quantity`?',
    });
  });

  it('says what a plan id looks like, and fixes its case', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('id: P-5ML', 'id: p-5ml'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:4:9: plans.pro-monthly.id: expected a PayPal plan id: `P-` and uppercase letters or digits (e.g. P-5ML4271244454362WXNWU5NQ), got `p-5ml4271244454362WXNWU5NQ` (did you mean `P-5ML4271244454362WXNWU5NQ`?)',
    ]);
  });

  it('requires payment_preferences, as PayPal does', async () => {
    const root = await paypalProjectWithPlans(VALID.replace(/ {4}payment_preferences:\n( {6}.*\n)+/, ''));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:3:3: plans.pro-monthly.payment_preferences: missing required key `payment_preferences`',
    ]);
  });

  it('wants money as value and currency_code', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('{ value: "5", currency_code: USD }', '5'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:32:18: plans.pro-monthly.payment_preferences.setup_fee: expected a mapping, got `5` (a whole number)',
    ]);
  });

  it('explains a malformed decimal string in a money value', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('"20.00"', '"20,00"'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:27:32: plans.pro-monthly.billing_cycles[1].pricing_scheme.tiers[0].amount.value: expected a decimal string of at most 32 characters, like "29.99", got `20,00`',
    ]);
  });

  it('refuses a negative amount', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('value: 15.5', 'value: -15.5'));

    const [issue] = await loadIssues(root, paypalProviders);

    expect(issue).toMatchObject({
      path: 'plans.pro-monthly.billing_cycles[1].pricing_scheme.tiers[1].amount.value',
      message: 'expected a number of at least 0, got `-15.5`',
    });
  });

  it('fixes the case of a currency code', async () => {
    const root = await paypalProjectWithPlans(
      VALID.replace('"5", currency_code: USD', '"5", currency_code: usd'),
    );

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:32:47: plans.pro-monthly.payment_preferences.setup_fee.currency_code: expected an uppercase ISO 4217 currency code (e.g. USD), got `usd` (did you mean `USD`?)',
    ]);
  });

  it('keeps a tax percentage within 0 to 100', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('percentage: "19.99"', 'percentage: 119.99'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:35:26: plans.pro-monthly.taxes.percentage: expected a number from 0 to 100, got `119.99`',
    ]);
  });

  it('keeps interval_count within PayPal range', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('interval_count: 2', 'interval_count: 0'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:15:27: plans.pro-monthly.billing_cycles[0].frequency.interval_count: expected a whole number from 1 to 365, got `0`',
    ]);
  });

  it('allows INACTIVE, for a plan that already exists', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('status: ACTIVE', 'status: INACTIVE'));

    const [plan] = (await loadProject(root, paypalProviders)).plansFiles[0]?.plans ?? [];

    expect(plan?.spec.status).toBe('INACTIVE');
  });

  it('says what a status may be', async () => {
    const root = await paypalProjectWithPlans(VALID.replace('status: ACTIVE', 'status: DRAFT'));

    const errors = await loadErrors(root, paypalProviders);

    expect(errors).toEqual([
      'plans/paypal.yaml:8:13: plans.pro-monthly.status: expected one of CREATED, ACTIVE, INACTIVE, got `DRAFT`',
    ]);
  });
});

describe('PayPal plans file: array bounds', () => {
  it('says how many billing cycles are needed when the list is empty', async () => {
    const root = await paypalProjectWithPlans(
      'connection: paypal-sandbox\nplans:\n  p:\n    product_id: PROD-XXCD1234QWER65782\n    name: P\n    billing_cycles: []\n    payment_preferences: {}\n',
    );

    const [issue] = await loadIssues(root, paypalProviders);

    expect(issue?.path).toBe('plans.p.billing_cycles');
    expect(issue?.message).toBe('expected at least 1 item, got none');
  });
});
