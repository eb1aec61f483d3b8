// Invalid PayPal responses over real sockets: a list, get or create answer with a missing field, a
// wrong type or a body that is not an object ends in an error naming paypal, the endpoint and the
// field path. Exit 1, no stack trace (the harness checks), no plan printed, nothing written.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/v1/billing/plans';
const ID = 'P-PLANSYNCRESPONSE0000001';
const PRO = paypalPlanSpec('Pro');

let h: ProviderHarness<PayPalEmulator>;
afterEach(async () => h?.close());

async function start(
  plans: Record<string, Record<string, unknown>>,
  emulator: Record<string, unknown> = {},
): Promise<void> {
  h = await startProviderHarness(paypalFixture, {
    seed: [{ ...PRO, id: ID, status: 'ACTIVE' } as PayPalPlanInput],
    plans: plansFileYaml('pp', plans),
    emulator,
  });
}

function answer(method: string, path: string, body: unknown): void {
  h.emulator.faults.inject({ method, path, times: Infinity, fault: { kind: 'status', status: 200, body } });
}

/** The seeded plan as PayPal lists it in full, with `change` applied. */
const full = (change: (plan: Record<string, unknown>) => void = () => {}): Record<string, unknown> => {
  const plan = structuredClone({ ...PRO, id: ID, status: 'ACTIVE' }) as Record<string, unknown>;
  change(plan);
  return plan;
};
const cycle0 = (plan: Record<string, unknown>) =>
  (plan.billing_cycles as Array<Record<string, unknown>>)[0] as Record<string, unknown>;

const writes = () => h.emulator.writes().filter((w) => !w.path.startsWith('/v1/oauth2'));

describe('PayPal: invalid list responses', () => {
  it.each([
    {
      label: 'a plan without id',
      body: { plans: [full((p) => delete p.id)] },
      error: 'plans[0].id is missing',
    },
    {
      label: 'a full plan without product_id',
      body: { plans: [full((p) => delete p.product_id)] },
      error: 'plans[0].product_id is missing',
    },
    {
      label: 'a sequence as a string',
      body: { plans: [full((p) => (cycle0(p).sequence = '1'))] },
      error: 'plans[0].billing_cycles[0].sequence is not an integer (got "1")',
    },
    {
      label: 'total_cycles as a string',
      body: { plans: [full((p) => (cycle0(p).total_cycles = '0'))] },
      error: 'plans[0].billing_cycles[0].total_cycles is not an integer (got "0")',
    },
    {
      label: 'a price as an object',
      body: {
        plans: [
          full((p) => (cycle0(p).pricing_scheme = { fixed_price: { currency_code: 'USD', value: {} } })),
        ],
      },
      error:
        'plans[0].billing_cycles[0].pricing_scheme.fixed_price.value is not a decimal string such as "19.99" or ".5", at most 32 characters (got an object)',
    },
    {
      label: 'total_pages as a string',
      body: { plans: [full()], total_pages: '1' },
      error: 'total_pages is not an integer (got "1")',
    },
    {
      label: 'plans as an object',
      body: { plans: { 0: full() } },
      error: 'plans is not an array (got an object)',
    },
    {
      label: 'billing_cycles as an object',
      body: { plans: [full((p) => (p.billing_cycles = { 1: cycle0(p) }))] },
      error: 'plans[0].billing_cycles is not an array (got an object)',
    },
    {
      label: 'a link that is not an object',
      body: { plans: [full()], links: [null] },
      error: 'links[0] is not an object (got null)',
    },
    { label: 'an array body', body: [full()], error: 'body is not an object (got an array)' },
    { label: 'a number body', body: 42, error: 'body is not an object (got 42)' },
    { label: 'a null body', body: 'null', error: 'body is not an object (got null)' },
  ])('refuses $label, naming the field, and prints no plan', async ({ body, error }) => {
    await start({ pro: { id: ID, ...PRO } });
    answer('GET', PLANS, body);

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: paypal: invalid response from GET ${PLANS}: ${error}`);
    expect(result.stdout).not.toContain('Plan:');
    expect(writes()).toEqual([]);
  });
});

describe('PayPal: invalid get responses', () => {
  it('refuses a plan read one by one (minimal list) that lacks its name', async () => {
    await start({ pro: { id: ID, ...PRO } }, { listRepresentation: 'minimal' });
    answer(
      'GET',
      `${PLANS}/${ID}`,
      full((p) => delete p.name),
    );

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Error: paypal: invalid response from GET ${PLANS}/${ID}: plan.name is missing`,
    );
    expect(result.stdout).not.toContain('Plan:');
  });

  it('fails an update whose check GET answers frequency as an array, writing nothing to it', async () => {
    await start({ pro: { id: ID, ...PRO, name: 'Pro 2026' } });
    await h.cli(['plan', '--out', 'plan.json']);
    answer(
      'GET',
      `${PLANS}/${ID}`,
      full((p) => (cycle0(p).frequency = [])),
    );

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `error: paypal: invalid response from GET ${PLANS}/${ID}: plan.billing_cycles[0].frequency is not an object (got an array)`,
    );
    expect(writes()).toEqual([]);
  });
});

describe('PayPal: invalid create responses', () => {
  it.each([
    {
      label: 'billing_cycles as an object',
      body: { ...full(), id: 'P-NEWPLAN00000000000000001', billing_cycles: {} },
      error: 'plan.billing_cycles is not an array (got an object)',
    },
    { label: 'no id', body: { status: 'ACTIVE' }, error: 'plan.id is missing' },
    { label: 'a JSON string body', body: '"created"', error: 'plan is not an object (got "created")' },
  ])('fails a create answered with $label, naming the field', async ({ body, error }) => {
    await start({ pro: { id: ID, ...PRO }, basic: paypalPlanSpec('Basic') });
    await h.cli(['plan', '--out', 'plan.json']);
    answer('POST', PLANS, body);

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`error: paypal: invalid response from POST ${PLANS}: ${error}`);
    expect(writes()).toEqual([]);
  });
});
