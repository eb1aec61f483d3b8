import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlan } from '../../../src/sandbox/paypal/index.js';
import {
  ACTIVE_ID,
  CREATED_ID,
  INACTIVE_ID,
  TEST_SEED,
  TIERED_ID,
  call,
  closeTestEmulators,
  issuesAt,
  startTestEmulator,
} from './client.js';

let emulator: PayPalEmulator;
let now = Date.parse('2025-01-01T00:00:00Z');

beforeEach(async () => {
  now = Date.parse('2025-01-01T00:00:00Z');
  emulator = await startTestEmulator({ seed: TEST_SEED, now: () => now });
});

afterEach(closeTestEmulators);

const replace = (path: string, value: unknown) => ({ op: 'replace', path, value });

async function patch(id: string, body: unknown) {
  const response = await call(emulator, 'PATCH', `/v1/billing/plans/${id}`, { body });
  return {
    status: response.status,
    text: response.text,
    found: issuesAt(response.json),
    json: response.json,
  };
}

const stored = (id: string): PayPalPlan | undefined => emulator.plans().find((plan) => plan.id === id);

describe('PayPal emulator: PATCH plan', () => {
  it('applies all seven replace paths and answers 204 with no body', async () => {
    now += 60_000;

    const result = await patch(ACTIVE_ID, [
      replace('/name', 'Renamed'),
      replace('/description', 'Now described'),
      replace('/payment_preferences/auto_bill_outstanding', false),
      replace('/payment_preferences/payment_failure_threshold', 7),
      replace('/payment_preferences/setup_fee', { currency_code: 'USD', value: '4.99' }),
      replace('/payment_preferences/setup_fee_failure_action', 'CONTINUE'),
      replace('/taxes/percentage', '19.5'),
    ]);

    expect([result.status, result.text]).toEqual([204, '']);
    expect(stored(ACTIVE_ID)).toMatchObject({
      name: 'Renamed',
      description: 'Now described',
      payment_preferences: {
        auto_bill_outstanding: false,
        payment_failure_threshold: 7,
        setup_fee: { currency_code: 'USD', value: '4.99' },
        setup_fee_failure_action: 'CONTINUE',
      },
      taxes: { percentage: '19.5', inclusive: true },
      update_time: '2025-01-01T00:01:00Z',
      create_time: '2025-01-01T00:00:00Z',
    });
  });

  it('patches a CREATED plan too', async () => {
    const result = await patch(CREATED_ID, [replace('/name', 'Still created')]);

    expect([result.status, stored(CREATED_ID)?.name]).toEqual([204, 'Still created']);
  });

  it.each([
    ['/status', 'INACTIVE'],
    ['/product_id', 'PROD-TESTPRODUCT00002'],
    ['/billing_cycles/0/total_cycles', 3],
    ['/quantity_supported', true],
    ['/taxes/inclusive', false],
    ['/id', 'P-X'],
    ['/payment_preferences', {}],
    ['name', 'no leading slash'],
  ])('refuses %s with 400 INVALID_PATCH_PATH', async (path, value) => {
    const result = await patch(ACTIVE_ID, [replace(path, value)]);

    expect([result.status, result.found]).toEqual([400, ['INVALID_PATCH_PATH /0/path']]);
  });

  it.each(['add', 'remove', 'move', 'copy', 'test'])(
    'refuses op %s with UNSUPPORTED_PATCH_OPERATION',
    async (op) => {
      const result = await patch(ACTIVE_ID, [{ op, path: '/description', value: 'x', from: '/name' }]);

      expect([result.status, result.found]).toEqual([400, ['UNSUPPORTED_PATCH_OPERATION /0/op']]);
    },
  );

  it('refuses an op outside JSON Patch as an invalid value', async () => {
    const result = await patch(ACTIVE_ID, [{ op: 'merge', path: '/name', value: 'x' }]);

    expect(result.found).toEqual(['INVALID_PARAMETER_VALUE /0/op']);
  });

  it('refuses two operations on the same path', async () => {
    const result = await patch(ACTIVE_ID, [replace('/name', 'A'), replace('/name', 'B')]);

    expect([result.status, result.found]).toEqual([400, ['INVALID_PATCH_PATH /1/path']]);
    expect((result.json as { details: Array<{ description: string }> }).details[0]?.description).toBe(
      'Multiple operations on the same field are not allowed.',
    );
    expect(stored(ACTIVE_ID)?.name).toBe('Active');
  });

  it.each<[string, unknown, string]>([
    ['/name', '', 'INVALID_PARAMETER_VALUE /0/value'],
    ['/name', 'n'.repeat(128), 'INVALID_PARAMETER_VALUE /0/value'],
    ['/name', 7, 'INVALID_PARAMETER_SYNTAX /0/value'],
    ['/description', '', 'INVALID_PARAMETER_VALUE /0/value'],
    ['/payment_preferences/auto_bill_outstanding', 'false', 'INVALID_PARAMETER_SYNTAX /0/value'],
    ['/payment_preferences/payment_failure_threshold', 1000, 'INVALID_PARAMETER_VALUE /0/value'],
    ['/payment_preferences/payment_failure_threshold', -1, 'INVALID_PARAMETER_VALUE /0/value'],
    [
      '/payment_preferences/setup_fee',
      { currency_code: 'USD', value: 'free' },
      'INVALID_PARAMETER_SYNTAX /0/value/value',
    ],
    ['/payment_preferences/setup_fee', { value: '1' }, 'INVALID_PARAMETER_VALUE /0/value/currency_code'],
    ['/payment_preferences/setup_fee_failure_action', 'RETRY', 'INVALID_PARAMETER_VALUE /0/value'],
    ['/taxes/percentage', 'ten', 'INVALID_PARAMETER_SYNTAX /0/value'],
    ['/taxes/percentage', '120', 'INVALID_PARAMETER_VALUE /0/value'],
    ['/taxes/percentage', 10, 'INVALID_PARAMETER_SYNTAX /0/value'],
  ])('checks the value of %s (%j)', async (path, value, expected) => {
    const result = await patch(ACTIVE_ID, [replace(path, value)]);

    expect([result.status, result.found]).toEqual([400, [expected]]);
  });

  it('refuses a replace without a value', async () => {
    const result = await patch(ACTIVE_ID, [{ op: 'replace', path: '/name' }]);

    expect(result.found).toEqual(['INVALID_PARAMETER_VALUE /0/value']);
  });

  it('refuses /taxes/percentage on a plan without taxes (nothing to replace)', async () => {
    const result = await patch(TIERED_ID, [replace('/taxes/percentage', '10')]);

    expect([result.status, result.found]).toEqual([400, ['INVALID_PATCH_PATH /0/path']]);
    expect(stored(TIERED_ID)?.taxes).toBeUndefined();
  });

  it('sets a setup fee on a plan that had none', async () => {
    const result = await patch(TIERED_ID, [
      replace('/payment_preferences/setup_fee', { currency_code: 'USD', value: '2' }),
    ]);

    expect([result.status, stored(TIERED_ID)?.payment_preferences.setup_fee]).toEqual([
      204,
      { currency_code: 'USD', value: '2' },
    ]);
  });

  it('refuses a setup fee in another currency than the plan’s with 422 CURRENCY_MISMATCH', async () => {
    const result = await patch(ACTIVE_ID, [
      replace('/payment_preferences/setup_fee', { currency_code: 'EUR', value: '2' }),
    ]);

    expect([result.status, result.found]).toEqual([
      422,
      ['CURRENCY_MISMATCH /payment_preferences/setup_fee/currency_code'],
    ]);
  });

  it('refuses to patch an INACTIVE plan with 422 PLAN_STATUS_INACTIVE', async () => {
    const result = await patch(INACTIVE_ID, [replace('/name', 'Revived?')]);

    expect([result.status, result.found]).toEqual([422, ['PLAN_STATUS_INACTIVE /status']]);
    expect(stored(INACTIVE_ID)?.name).toBe('Inactive');
  });

  it('changes nothing when one operation of several is invalid', async () => {
    const result = await patch(ACTIVE_ID, [
      replace('/name', 'Good'),
      replace('/payment_preferences/payment_failure_threshold', 'x'),
    ]);

    expect(result.status).toBe(400);
    expect(stored(ACTIVE_ID)?.name).toBe('Active');
  });

  it.each<[string, unknown, string]>([
    ['an object', { op: 'replace', path: '/name', value: 'x' }, 'INVALID_PARAMETER_SYNTAX /'],
    ['an empty document', [], 'INVALID_PARAMETER_VALUE /'],
    ['a non-object operation', ['replace'], 'INVALID_PARAMETER_SYNTAX /0'],
  ])('refuses %s as the document', async (_case, body, expected) => {
    const result = await patch(ACTIVE_ID, body);

    expect([result.status, result.found]).toEqual([400, [expected]]);
  });

  it('answers 404 for an unknown plan', async () => {
    const result = await patch('P-NOSUCHPLAN000000000000000', [replace('/name', 'x')]);

    expect([result.status, result.found]).toEqual([404, ['INVALID_RESOURCE_ID id']]);
  });
});
