import { afterEach, describe, expect, it } from 'vitest';
import { PLAN_ID_PATTERN, REQUEST_ID_TTL_MS } from '../../../src/sandbox/paypal/index.js';
import { PRODUCT_ID, call, closeTestEmulators, issues, planBody, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

const PLANS = '/v1/billing/plans';
const NOW = Date.parse('2025-03-01T10:20:30.456Z');

interface PlanJson {
  id: string;
  status: string;
  links: Array<{ href: string; rel: string; method: string }>;
  [member: string]: unknown;
}

describe('PayPal emulator: create plan', () => {
  it('answers 201 with the minimal representation by default', async () => {
    const emulator = await startTestEmulator({ now: () => NOW });

    const response = await call(emulator, 'POST', PLANS, { body: planBody() });
    const plan = response.json as PlanJson;

    expect(response.status).toBe(201);
    expect(Object.keys(plan).sort()).toEqual(
      ['create_time', 'description', 'id', 'links', 'name', 'product_id', 'status', 'usage_type'].sort(),
    );
    expect(plan.id).toMatch(PLAN_ID_PATTERN);
    expect(plan.create_time).toBe('2025-03-01T10:20:30Z');
  });

  it('answers the full plan, with defaults filled in, for Prefer: return=representation', async () => {
    const emulator = await startTestEmulator({ now: () => NOW });
    const body = planBody({ payment_preferences: {}, taxes: { percentage: '7.5' } });

    const response = await call(emulator, 'POST', PLANS, { body, full: true });
    const plan = response.json as PlanJson;

    expect(plan).toMatchObject({
      product_id: PRODUCT_ID,
      name: 'Basic',
      status: 'ACTIVE',
      quantity_supported: false,
      payment_preferences: {
        auto_bill_outstanding: true,
        setup_fee_failure_action: 'CANCEL',
        payment_failure_threshold: 0,
      },
      taxes: { percentage: '7.5', inclusive: true },
      create_time: '2025-03-01T10:20:30Z',
      update_time: '2025-03-01T10:20:30Z',
    });
    expect((plan.billing_cycles as Array<{ pricing_scheme: unknown }>)[1]?.pricing_scheme).toEqual({
      fixed_price: { currency_code: 'USD', value: '10' },
      version: 1,
      create_time: '2025-03-01T10:20:30Z',
      update_time: '2025-03-01T10:20:30Z',
    });
  });

  it('fills interval_count and total_cycles with their default 1', async () => {
    const emulator = await startTestEmulator();
    const cycle = {
      frequency: { interval_unit: 'WEEK' },
      tenure_type: 'REGULAR',
      sequence: 1,
      pricing_scheme: { fixed_price: { currency_code: 'EUR', value: '3.50' } },
    };

    const response = await call(emulator, 'POST', PLANS, {
      body: planBody({ billing_cycles: [cycle] }),
      full: true,
    });

    expect((response.json as { billing_cycles: unknown[] }).billing_cycles[0]).toMatchObject({
      frequency: { interval_unit: 'WEEK', interval_count: 1 },
      total_cycles: 1,
      pricing_scheme: { fixed_price: { currency_code: 'EUR', value: '3.50' } },
    });
  });

  it('creates a CREATED plan when asked', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, { body: planBody({ status: 'CREATED' }) });

    expect((response.json as PlanJson).status).toBe('CREATED');
    expect(emulator.plans()[0]?.status).toBe('CREATED');
  });

  it('shows absolute links on the emulator origin by status', async () => {
    const emulator = await startTestEmulator();

    const active = (await call(emulator, 'POST', PLANS, { body: planBody() })).json as PlanJson;
    const created = (await call(emulator, 'POST', PLANS, { body: planBody({ status: 'CREATED' }) }))
      .json as PlanJson;

    const self = `${emulator.origin}/v1/billing/plans/${active.id}`;
    expect(active.links).toEqual([
      { href: self, rel: 'self', method: 'GET' },
      { href: self, rel: 'edit', method: 'PATCH' },
      { href: `${self}/deactivate`, rel: 'deactivate', method: 'POST' },
      { href: `${self}/update-pricing-schemes`, rel: 'edit', method: 'POST' },
    ]);
    expect(created.links.map((link) => link.rel)).toEqual(['self', 'edit', 'activate', 'edit']);
  });

  it('ignores unknown and read-only members', async () => {
    const emulator = await startTestEmulator();
    const body = planBody({
      id: 'P-MINE',
      create_time: '2000-01-01T00:00:00Z',
      merchant_preferences: { x: 1 },
    });

    const response = await call(emulator, 'POST', PLANS, { body, full: true });
    const plan = response.json as PlanJson;

    expect(response.status).toBe(201);
    expect(plan.id).not.toBe('P-MINE');
    expect(plan.create_time).not.toBe('2000-01-01T00:00:00Z');
    expect(plan).not.toHaveProperty('merchant_preferences');
  });

  it('answers 404 INVALID_RESOURCE_ID for a product that does not exist', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, {
      body: planBody({ product_id: 'PROD-NOSUCHPRODUCT0001' }),
    });

    expect([response.status, issues(response.json)]).toEqual([404, ['INVALID_RESOURCE_ID']]);
    expect(emulator.plans()).toEqual([]);
  });

  it('accepts plans for a product added later', async () => {
    const emulator = await startTestEmulator();

    emulator.addProduct('PROD-ADDEDLATER000000001');
    const response = await call(emulator, 'POST', PLANS, {
      body: planBody({ product_id: 'PROD-ADDEDLATER000000001' }),
    });

    expect(response.status).toBe(201);
  });

  it('answers 415 to a body not declared as JSON', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, {
      body: JSON.stringify(planBody()),
      headers: { 'content-type': 'text/plain' },
    });

    expect(response.status).toBe(415);
  });
});

describe('PayPal emulator: PayPal-Request-Id', () => {
  const withKey = (key: string, body = planBody()) => ({ body, headers: { 'paypal-request-id': key } });

  it('replays the original plan with 200 and creates nothing', async () => {
    const emulator = await startTestEmulator();
    const first = await call(emulator, 'POST', PLANS, withKey('create-basic-1'));

    const again = await call(emulator, 'POST', PLANS, { ...withKey('create-basic-1'), full: true });

    expect([first.status, again.status]).toEqual([201, 200]);
    expect((again.json as PlanJson).id).toBe((first.json as PlanJson).id);
    expect((again.json as PlanJson).billing_cycles).toBeDefined();
    expect(emulator.plans()).toHaveLength(1);
  });

  it('treats a reordered but equal body as the same request', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', PLANS, withKey('k-2'));
    const reordered = Object.fromEntries(Object.entries(planBody()).reverse());

    const again = await call(emulator, 'POST', PLANS, withKey('k-2', reordered));

    expect(again.status).toBe(200);
  });

  it('refuses the same key with a different body (422) and creates nothing', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', PLANS, withKey('k-3'));

    const other = await call(emulator, 'POST', PLANS, withKey('k-3', planBody({ name: 'Other' })));

    expect([other.status, issues(other.json)]).toEqual([422, ['PAYPAL_REQUEST_ID_PREVIOUSLY_USED']]);
    expect(emulator.plans()).toHaveLength(1);
  });

  it('forgets a key after 72 hours', async () => {
    let now = NOW;
    // A token that outlives the key, so only the key's expiry is tested.
    const emulator = await startTestEmulator({ now: () => now, tokenTtlSeconds: 4 * 24 * 3600 });
    await call(emulator, 'POST', PLANS, withKey('k-4'));

    now += REQUEST_ID_TTL_MS;
    const later = await call(emulator, 'POST', PLANS, withKey('k-4'));

    expect(later.status).toBe(201);
    expect(emulator.plans()).toHaveLength(2);
  });

  it('does not remember a refused request, so it can be corrected under the same key', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', PLANS, withKey('k-5', planBody({ name: '' })));

    const corrected = await call(emulator, 'POST', PLANS, withKey('k-5'));

    expect(corrected.status).toBe(201);
  });

  it('creates a new plan for every request without a key', async () => {
    const emulator = await startTestEmulator();

    await call(emulator, 'POST', PLANS, { body: planBody() });
    await call(emulator, 'POST', PLANS, { body: planBody() });

    expect(emulator.plans()).toHaveLength(2);
  });
});
