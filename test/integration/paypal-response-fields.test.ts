// PayPal answers checked exactly as PayPal's OpenAPI document (Subscriptions v1, spec 1.6) writes them,
// over real sockets. Decimal strings may omit the digit before the point (`money.value` and
// `percentage`: `^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$`; tier quantities the same, unsigned), and are
// read as their canonical form, so ".5" equals the YAML's 0.5. A field the document leaves optional may
// be missing; a field it requires (or one plansync cannot work without, named in src/providers/paypal/
// wire.ts) is refused, naming it.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { expectExchangesFollowSpec } from '../providers/paypal/spec-check.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/v1/billing/plans';
const ID = 'P-PLANSYNCFIELDS000000001';
const OTHER = 'P-PLANSYNCFIELDS000000002';

type Plan = Record<string, unknown>;
const usd = (value: string) => ({ currency_code: 'USD', value });

let h: ProviderHarness<PayPalEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A priced plan with a setup fee and taxes, so that every decimal field is present. */
function pro(price: string, fee: string, tax: string | number): Plan {
  const spec = paypalPlanSpec('Pro', price);
  const preferences = spec.payment_preferences as Plan;
  return {
    ...spec,
    payment_preferences: { ...preferences, setup_fee: usd(fee) },
    taxes: { percentage: tax, inclusive: false },
  };
}

/** A VOLUME-priced plan whose tiers start at `start` and end the first tier at `end`. */
function tiered(name: string, start: string, end: string, amount: string): Plan {
  return {
    ...paypalPlanSpec(name),
    quantity_supported: true,
    billing_cycles: [
      {
        tenure_type: 'REGULAR',
        sequence: 1,
        frequency: { interval_unit: 'MONTH', interval_count: 1 },
        total_cycles: 0,
        pricing_scheme: {
          pricing_model: 'VOLUME',
          tiers: [
            { starting_quantity: start, ending_quantity: end, amount: usd(amount) },
            { starting_quantity: '11', amount: usd('2') },
          ],
        },
      },
    ],
  };
}

const live = (plan: Plan, id = ID): PayPalPlanInput => ({ ...plan, id, status: 'ACTIVE' }) as PayPalPlanInput;

async function start(seeds: PayPalPlanInput[], plans: Record<string, Plan>) {
  h = await startProviderHarness(paypalFixture, { seed: seeds, plans: plansFileYaml('pp', plans) });
  return h;
}

describe('PayPal: decimals with no digit before the point', () => {
  it('reads ".5"-style amounts, fees, taxes and tier quantities as the YAML 0.5: nothing to do', async () => {
    const harness = await start(
      [live(pro('.5', '.25', '.5')), live(tiered('Tiers', '.5', '10.5', '.75'), OTHER)],
      {
        pro: { id: ID, ...pro('0.50', '0.25', 0.5) },
        tiers: { id: OTHER, ...tiered('Tiers', '0.5', '10.50', '0.75') },
      },
    );

    const result = await harness.cli(['plan', '--detailed-exitcode']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('2 live plans read');
    expectExchangesFollowSpec(harness.emulator);
  });

  it('accepts a signed one ("-.7") in a plan the YAML does not declare', async () => {
    const harness = await start([live(pro('19.99', '5', '10')), live(pro('1', '-.7', '-.7'), OTHER)], {
      pro: { id: ID, ...pro('19.99', '5', '10') },
    });

    const result = await harness.cli(['plan', '--detailed-exitcode']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('1 live plan not declared in YAML');
    expectExchangesFollowSpec(harness.emulator);
  });

  it('shows a change from a ".5"-style live price in canonical form', async () => {
    const harness = await start([live(pro('.5', '.25', '.5'))], {
      pro: { id: ID, ...pro('0.55', '0.25', 0.5) },
    });

    const result = await harness.cli(['plan']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('0.50 USD → 0.55 USD (+10%)');
  });
});

/** Answers every list request with `plans`, whatever the emulator holds. */
function answerList(harness: ProviderHarness<PayPalEmulator>, body: unknown): void {
  harness.emulator.faults.inject({
    method: 'GET',
    path: PLANS,
    times: Infinity,
    fault: { kind: 'status', status: 200, body },
  });
}

/** The declared plan as PayPal would list it in full, with `change` applied. */
function listed(change: (plan: Plan) => void): Plan {
  const plan = structuredClone(live(pro('19.99', '5', '10'))) as unknown as Plan;
  change(plan);
  return plan;
}
const cycle = (plan: Plan) => (plan.billing_cycles as Plan[])[0] as Plan;
const scheme = (plan: Plan) => cycle(plan).pricing_scheme as Plan;
const preferences = (plan: Plan) => plan.payment_preferences as Plan;
const tier = (plan: Plan) => (scheme(plan).tiers as Plan[])[0] as Plan;
/** Turns the listed plan's cycle into the tiered one, to reach the tier fields. */
const withTiers = (plan: Plan) => {
  plan.quantity_supported = true;
  plan.billing_cycles = structuredClone(tiered('Pro', '1', '10', '1').billing_cycles);
};

describe('PayPal: decimals the document does not allow', () => {
  it.each([
    { label: 'a JSON number', value: 19.99 },
    { label: 'a plus sign', value: '+19.99' },
    { label: 'a trailing point', value: '19.' },
    { label: 'an exponent', value: '1e3' },
    { label: 'more than 32 characters', value: `1.${'0'.repeat(31)}` },
  ])('refuses a price written with $label, naming the field and the value', async ({ value }) => {
    const harness = await start([], { pro: { id: ID, ...pro('19.99', '5', '10') } });
    const price = { currency_code: 'USD', value };
    answerList(harness, { plans: [listed((p) => (scheme(p).fixed_price = price))] });

    const result = await harness.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `invalid response from GET ${PLANS}: plans[0].billing_cycles[0].pricing_scheme.fixed_price.value is not a decimal string`,
    );
    expect(result.stderr).toContain(`(got ${JSON.stringify(value)})`);
  });

  it.each([
    {
      label: 'a negative tier quantity',
      set: (p: Plan) => {
        withTiers(p);
        tier(p).starting_quantity = '-1';
      },
      field: 'tiers[0].starting_quantity',
    },
    {
      label: 'a tax percentage as a number',
      set: (p: Plan) => ((p.taxes as Plan).percentage = 10),
      field: 'taxes.percentage',
    },
  ])('refuses $label, naming the field', async ({ set, field }) => {
    const harness = await start([], { pro: { id: ID, ...pro('19.99', '5', '10') } });
    answerList(harness, { plans: [listed(set)] });

    const result = await harness.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `plans\\[0\\]\\.(billing_cycles\\[0\\]\\.pricing_scheme\\.)?${field.replace(/[.[\]]/g, '\\$&')} is not`,
      ),
    );
  });
});

describe('PayPal: fields the document leaves optional', () => {
  it.each([
    { field: 'description', drop: (p: Plan) => delete p.description },
    { field: 'quantity_supported', drop: (p: Plan) => delete p.quantity_supported },
    { field: 'payment_preferences', drop: (p: Plan) => delete p.payment_preferences },
    { field: 'payment_preferences.setup_fee', drop: (p: Plan) => delete preferences(p).setup_fee },
    {
      field: 'payment_preferences.auto_bill_outstanding',
      drop: (p: Plan) => delete preferences(p).auto_bill_outstanding,
    },
    { field: 'taxes', drop: (p: Plan) => delete p.taxes },
    { field: 'taxes.inclusive', drop: (p: Plan) => delete (p.taxes as Plan).inclusive },
    { field: 'billing_cycles[0].total_cycles', drop: (p: Plan) => delete cycle(p).total_cycles },
    {
      field: 'billing_cycles[0].frequency.interval_count',
      drop: (p: Plan) => delete (cycle(p).frequency as Plan).interval_count,
    },
    { field: 'billing_cycles[0].pricing_scheme', drop: (p: Plan) => delete cycle(p).pricing_scheme },
    {
      field: 'tiers[0].ending_quantity',
      drop: (p: Plan) => {
        withTiers(p);
        delete tier(p).ending_quantity;
      },
    },
    {
      field: 'create_time, update_time and links',
      drop: (p: Plan) => {
        delete p.create_time;
        delete p.update_time;
        delete p.links;
      },
    },
  ])('accepts a listed plan without $field', async ({ drop }) => {
    const harness = await start([], { pro: { id: ID, ...pro('19.99', '5', '10') } });
    answerList(harness, { plans: [listed(drop)] });

    const result = await harness.cli(['plan']);

    // Read and planned: what the plan then says (an update, or blocked) depends on the field.
    expect(result.stderr).not.toContain('invalid response');
    expect(result.stdout, result.stderr).toContain('1 live plan read');
  });

  it('accepts a list without total_pages, links or even plans', async () => {
    const harness = await start([], { pro: pro('19.99', '5', '10') });
    answerList(harness, {});

    const result = await harness.cli(['plan']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('0 live plans read');
  });
});

describe('PayPal: fields the document requires, and those plansync cannot work without', () => {
  it.each([
    { field: 'billing_cycles[0].sequence', drop: (p: Plan) => delete cycle(p).sequence },
    { field: 'billing_cycles[0].tenure_type', drop: (p: Plan) => delete cycle(p).tenure_type },
    { field: 'billing_cycles[0].frequency', drop: (p: Plan) => delete cycle(p).frequency },
    {
      field: 'billing_cycles[0].frequency.interval_unit',
      drop: (p: Plan) => delete (cycle(p).frequency as Plan).interval_unit,
    },
    {
      field: 'billing_cycles[0].pricing_scheme.fixed_price.value',
      drop: (p: Plan) => delete (scheme(p).fixed_price as Plan).value,
    },
    {
      field: 'billing_cycles[0].pricing_scheme.fixed_price.currency_code',
      drop: (p: Plan) => delete (scheme(p).fixed_price as Plan).currency_code,
    },
    {
      field: 'billing_cycles[0].pricing_scheme.tiers[0].starting_quantity',
      drop: (p: Plan) => {
        withTiers(p);
        delete tier(p).starting_quantity;
      },
    },
    {
      field: 'billing_cycles[0].pricing_scheme.tiers[0].amount',
      drop: (p: Plan) => {
        withTiers(p);
        delete tier(p).amount;
      },
    },
    { field: 'taxes.percentage', drop: (p: Plan) => delete (p.taxes as Plan).percentage },
    {
      field: 'payment_preferences.setup_fee.currency_code',
      drop: (p: Plan) => delete (preferences(p).setup_fee as Plan).currency_code,
    },
    // plansync's own exceptions (wire.ts says why): identity, natural key, status.
    { field: 'id', drop: (p: Plan) => delete p.id },
    { field: 'product_id', drop: (p: Plan) => delete p.product_id },
    { field: 'name', drop: (p: Plan) => delete p.name },
    { field: 'status', drop: (p: Plan) => delete p.status },
  ])('refuses a listed plan without $field, naming it', async ({ field, drop }) => {
    const harness = await start([], { pro: { id: ID, ...pro('19.99', '5', '10') } });
    answerList(harness, { plans: [listed(drop)] });

    const result = await harness.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`invalid response from GET ${PLANS}: plans[0].${field} is missing`);
    expect(result.stdout).not.toContain('Plan:');
  });

  it.each([
    {
      field: 'billing_cycles[0].frequency.interval_unit',
      set: (p: Plan) => ((cycle(p).frequency as Plan).interval_unit = 'MONTHS'),
    },
    {
      field: 'billing_cycles[0].pricing_scheme.pricing_model',
      set: (p: Plan) => {
        withTiers(p);
        scheme(p).pricing_model = 'GRADUATED';
      },
    },
    {
      field: 'payment_preferences.setup_fee_failure_action',
      set: (p: Plan) => (preferences(p).setup_fee_failure_action = 'RETRY'),
    },
    {
      field: 'payment_preferences.setup_fee.currency_code',
      set: (p: Plan) => ((preferences(p).setup_fee as Plan).currency_code = 'US'),
    },
  ])('refuses a listed plan whose $field is outside the document, naming it', async ({ field, set }) => {
    const harness = await start([], { pro: { id: ID, ...pro('19.99', '5', '10') } });
    answerList(harness, { plans: [listed(set)] });

    const result = await harness.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`invalid response from GET ${PLANS}: plans[0].${field} is not`);
  });

  it('refuses a list link without href, naming it', async () => {
    const harness = await start([], { pro: { id: ID, ...pro('19.99', '5', '10') } });
    answerList(harness, { plans: [listed(() => {})], links: [{ rel: 'self' }] });

    const result = await harness.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`invalid response from GET ${PLANS}: links[0].href is missing`);
  });

  it('refuses a plan read by id without billing_cycles: a plan has at least one', async () => {
    const harness = await start([live(pro('19.99', '5', '10'))], {
      pro: { id: ID, ...pro('19.99', '5', '10') },
    });
    answerList(harness, { plans: [{ id: ID, status: 'ACTIVE' }] });
    harness.emulator.faults.inject({
      method: 'GET',
      path: `${PLANS}/${ID}`,
      times: Infinity,
      fault: { kind: 'status', status: 200, body: listed((p) => delete p.billing_cycles) },
    });

    const result = await harness.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `invalid response from GET ${PLANS}/${ID}: plan.billing_cycles is missing`,
    );
  });
});
