import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import { ACTIVE_ID, TEST_SEED, call, closeTestEmulators, errorName, startTestEmulator } from './client.js';

let emulator: PayPalEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: TEST_SEED, now: () => Date.parse('2025-01-02T03:04:05Z') });
});

afterEach(closeTestEmulators);

describe('PayPal emulator: show plan', () => {
  it('answers the full plan', async () => {
    const response = await call(emulator, 'GET', `/v1/billing/plans/${ACTIVE_ID}`);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      id: ACTIVE_ID,
      product_id: 'PROD-TESTPRODUCT00001',
      name: 'Active',
      status: 'ACTIVE',
      usage_type: 'LICENSED',
      billing_cycles: [
        {
          frequency: { interval_unit: 'MONTH', interval_count: 1 },
          tenure_type: 'TRIAL',
          sequence: 1,
          total_cycles: 1,
        },
        {
          frequency: { interval_unit: 'MONTH', interval_count: 1 },
          tenure_type: 'REGULAR',
          sequence: 2,
          total_cycles: 0,
          pricing_scheme: {
            fixed_price: { currency_code: 'USD', value: '10' },
            version: 1,
            create_time: '2025-01-02T03:04:05Z',
            update_time: '2025-01-02T03:04:05Z',
          },
        },
      ],
      payment_preferences: {
        auto_bill_outstanding: true,
        setup_fee_failure_action: 'CANCEL',
        payment_failure_threshold: 0,
      },
      taxes: { percentage: '5', inclusive: true },
      quantity_supported: false,
      create_time: '2025-01-02T03:04:05Z',
      update_time: '2025-01-02T03:04:05Z',
      links: expect.any(Array) as unknown,
    });
  });

  it('answers 404 RESOURCE_NOT_FOUND / INVALID_RESOURCE_ID for an unknown id', async () => {
    const response = await call(emulator, 'GET', '/v1/billing/plans/P-NOSUCHPLAN000000000000000');

    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({
      name: 'RESOURCE_NOT_FOUND',
      message: 'The specified resource does not exist.',
      details: [
        {
          issue: 'INVALID_RESOURCE_ID',
          description: 'Specified resource ID does not exist. Please check the resource ID and try again.',
          location: 'path',
          value: 'P-NOSUCHPLAN000000000000000',
        },
      ],
    });
  });

  it('answers 404 without details to a path outside the API', async () => {
    const response = await call(emulator, 'GET', '/v1/catalogs/nothing');

    expect([response.status, errorName(response.json)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
    expect(response.json).not.toHaveProperty('details');
  });

  it('answers 405 to DELETE, which PayPal plans do not have', async () => {
    const response = await call(emulator, 'DELETE', `/v1/billing/plans/${ACTIVE_ID}`);

    expect([response.status, response.headers.allow]).toEqual([405, 'GET, PATCH']);
    expect(emulator.plans()).toHaveLength(TEST_SEED.length);
  });

  it('reflects a plan changed through setPlan, as a dashboard edit', async () => {
    const [active] = emulator.plans();

    emulator.setPlan({ ...active!, name: 'Edited in the dashboard' });
    const response = await call(emulator, 'GET', `/v1/billing/plans/${ACTIVE_ID}`);

    expect((response.json as { name: string }).name).toBe('Edited in the dashboard');
  });

  it('hands out snapshots that cannot change stored plans', async () => {
    const [active] = emulator.plans();

    active!.name = 'mutated';

    expect(emulator.plans()[0]?.name).toBe('Active');
  });
});
