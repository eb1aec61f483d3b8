import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalPlanInput } from '../../../src/sandbox/paypal/index.js';
import {
  ACTIVE_ID,
  CREATED_ID,
  INACTIVE_ID,
  OTHER_PRODUCT_ID,
  PRODUCT_ID,
  TEST_SEED,
  TIERED_ID,
  call,
  closeTestEmulators,
  issuesAt,
  startTestEmulator,
} from './client.js';

afterEach(closeTestEmulators);

interface ListJson {
  plans: Array<{ id: string; [member: string]: unknown }>;
  total_items?: number;
  total_pages?: number;
  links: Array<{ href: string; rel: string; method: string }>;
}

const list = async (emulator: Awaited<ReturnType<typeof startTestEmulator>>, query = '', full = false) => {
  const response = await call(emulator, 'GET', `/v1/billing/plans${query}`, { full });
  return { status: response.status, body: response.json as ListJson, json: response.json };
};

/** `count` copies of the active test plan with ids P-LIST…01, P-LIST…02, … */
function manyPlans(count: number): PayPalPlanInput[] {
  const template = TEST_SEED[0]!;
  return Array.from({ length: count }, (_, index) => ({
    ...template,
    id: `P-LIST${String(index + 1).padStart(20, '0')}`,
    name: `Plan ${index + 1}`,
  }));
}

describe('PayPal emulator: list plans', () => {
  it('lists minimal items, oldest first, ten by default', async () => {
    const emulator = await startTestEmulator({ seed: manyPlans(12) });

    const { status, body } = await list(emulator);

    expect(status).toBe(200);
    expect(body.plans.map((plan) => plan.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Plan ${i + 1}`),
    );
    expect(body.plans[0]).toEqual({
      id: 'P-LIST00000000000000000001',
      product_id: PRODUCT_ID,
      name: 'Plan 1',
      status: 'ACTIVE',
      usage_type: 'LICENSED',
      create_time: expect.any(String) as unknown,
      links: [
        {
          href: `${emulator.origin}/v1/billing/plans/P-LIST00000000000000000001`,
          rel: 'self',
          method: 'GET',
        },
      ],
    });
    expect(body).not.toHaveProperty('total_items');
  });

  it('pages with page and page_size, and adds totals when asked', async () => {
    const emulator = await startTestEmulator({ seed: manyPlans(45) });

    const { body } = await list(emulator, '?page_size=20&page=3&total_required=true');

    expect(body.plans.map((plan) => plan.name)).toEqual([
      'Plan 41',
      'Plan 42',
      'Plan 43',
      'Plan 44',
      'Plan 45',
    ]);
    expect([body.total_items, body.total_pages]).toEqual([45, 3]);
  });

  it('links self, first, prev, next and last as they apply', async () => {
    const emulator = await startTestEmulator({ seed: manyPlans(25) });
    const base = `${emulator.origin}/v1/billing/plans?page_size=10`;

    const middle = await list(emulator, '?page_size=10&page=2');
    const first = await list(emulator, '?page_size=10');

    expect(middle.body.links).toEqual([
      { href: `${base}&page=2`, rel: 'self', method: 'GET' },
      { href: `${base}&page=1`, rel: 'first', method: 'GET' },
      { href: `${base}&page=1`, rel: 'prev', method: 'GET' },
      { href: `${base}&page=3`, rel: 'next', method: 'GET' },
      { href: `${base}&page=3`, rel: 'last', method: 'GET' },
    ]);
    expect(first.body.links.map((link) => link.rel)).toEqual(['self', 'first', 'next', 'last']);
  });

  it('answers an empty page past the end', async () => {
    const emulator = await startTestEmulator({ seed: manyPlans(3) });

    const { status, body } = await list(emulator, '?page=5');

    expect([status, body.plans, body.links.some((link) => link.rel === 'next')]).toEqual([200, [], false]);
  });

  it('filters by product_id, keeping the filter in the links', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const { body } = await list(emulator, `?product_id=${OTHER_PRODUCT_ID}&page_size=1`);

    expect(body.plans.map((plan) => plan.id)).toEqual([CREATED_ID]);
    expect(body.links.find((link) => link.rel === 'next')?.href).toContain(`product_id=${OTHER_PRODUCT_ID}`);
  });

  it('filters by plan_ids', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const { body } = await list(emulator, `?plan_ids=${TIERED_ID},${ACTIVE_ID},P-UNKNOWN`);

    expect(body.plans.map((plan) => plan.id)).toEqual([ACTIVE_ID, TIERED_ID]);
  });

  it('answers an empty list for an unknown product', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const { status, body } = await list(emulator, '?product_id=PROD-NOSUCHPRODUCT0001&total_required=true');

    expect([status, body.plans, body.total_items, body.total_pages]).toEqual([200, [], 0, 0]);
  });

  it('returns full plans for Prefer: return=representation', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const { body } = await list(emulator, `?plan_ids=${INACTIVE_ID}`, true);

    expect(body.plans[0]).toMatchObject({
      id: INACTIVE_ID,
      billing_cycles: [{ tenure_type: 'REGULAR', pricing_scheme: { fixed_price: { value: '8' } } }],
      payment_preferences: { auto_bill_outstanding: true },
    });
    expect((body.plans[0]?.links as unknown[]).length).toBe(4);
  });

  it('returns minimal items even for return=representation when so configured', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED, listRepresentation: 'minimal' });

    const { body } = await list(emulator, '', true);

    expect(body.plans.every((plan) => plan.billing_cycles === undefined)).toBe(true);
  });

  it.each([
    ['page_size=0', 'page_size'],
    ['page_size=21', 'page_size'],
    ['page_size=ten', 'page_size'],
    ['page=0', 'page'],
    ['page=100001', 'page'],
    ['total_required=yes', 'total_required'],
    ['product_id=PROD', 'product_id'],
    [`plan_ids=${Array.from({ length: 11 }, (_, i) => `P-${i}`).join(',')}`, 'plan_ids'],
  ])('answers 400 INVALID_PARAMETER_VALUE to %s', async (query, field) => {
    const emulator = await startTestEmulator();

    const { status, json } = await list(emulator, `?${query}`);

    expect([status, issuesAt(json)]).toEqual([400, [`INVALID_PARAMETER_VALUE ${field}`]]);
    expect((json as { details: Array<{ location: string }> }).details[0]?.location).toBe('query');
  });
});
