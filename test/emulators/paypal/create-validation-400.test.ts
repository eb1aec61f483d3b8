import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import { closeTestEmulators, planBody, startTestEmulator, call, issuesAt } from './client.js';
import { create as createPlan, cycle, fixed, regular, tiers } from './create-fixtures.js';

let emulator: PayPalEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(closeTestEmulators);

const create = (body: unknown) => createPlan(emulator, body);

describe('PayPal emulator: create validation, 400 INVALID_REQUEST', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a long name', { name: 'n'.repeat(128) }, 'INVALID_STRING_MAX_LENGTH /name'],
    ['an empty description', { description: '' }, 'INVALID_STRING_MIN_LENGTH /description'],
    ['a short product id', { product_id: 'PROD' }, 'INVALID_STRING_MIN_LENGTH /product_id'],
    ['a numeric name', { name: 42 }, 'INVALID_PARAMETER_SYNTAX /name'],
    ['status INACTIVE', { status: 'INACTIVE' }, 'INVALID_PARAMETER_VALUE /status'],
    ['an unknown status', { status: 'PAUSED' }, 'INVALID_PARAMETER_VALUE /status'],
    ['no billing cycles', { billing_cycles: [] }, 'INVALID_PARAMETER_VALUE /billing_cycles'],
    [
      '13 billing cycles',
      { billing_cycles: Array.from({ length: 13 }, (_, i) => regular(i + 1)) },
      'INVALID_PARAMETER_VALUE /billing_cycles',
    ],
    [
      'an unknown interval unit',
      { billing_cycles: [{ ...regular(), frequency: { interval_unit: 'HOUR' } }] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/frequency/interval_unit',
    ],
    [
      '13 months',
      { billing_cycles: [{ ...regular(), frequency: { interval_unit: 'MONTH', interval_count: 13 } }] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/frequency/interval_count',
    ],
    [
      '2 years',
      { billing_cycles: [{ ...regular(), frequency: { interval_unit: 'YEAR', interval_count: 2 } }] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/frequency/interval_count',
    ],
    [
      'interval_count 0',
      { billing_cycles: [{ ...regular(), frequency: { interval_unit: 'DAY', interval_count: 0 } }] },
      'INVALID_INTEGER_MIN_VALUE /billing_cycles/0/frequency/interval_count',
    ],
    [
      'sequence 100',
      { billing_cycles: [{ ...regular(), sequence: 100 }] },
      'INVALID_INTEGER_MAX_VALUE /billing_cycles/0/sequence',
    ],
    [
      'a fractional sequence',
      { billing_cycles: [{ ...regular(), sequence: 1.5 }] },
      'INVALID_PARAMETER_SYNTAX /billing_cycles/0/sequence',
    ],
    [
      'total_cycles 1000',
      { billing_cycles: [{ ...regular(), total_cycles: 1000 }] },
      'INVALID_INTEGER_MAX_VALUE /billing_cycles/0/total_cycles',
    ],
    [
      'a regular cycle without price',
      { billing_cycles: [cycle(1, 'REGULAR')] },
      'MISSING_REQUIRED_PARAMETER /billing_cycles/0/pricing_scheme',
    ],
    [
      'a free regular cycle',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('0'))] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/pricing_scheme/fixed_price/value',
    ],
    [
      'an empty pricing scheme',
      { billing_cycles: [cycle(1, 'REGULAR', {})] },
      'MISSING_REQUIRED_PARAMETER /billing_cycles/0/pricing_scheme/fixed_price',
    ],
    [
      'a model without tiers',
      { billing_cycles: [cycle(1, 'REGULAR', { pricing_model: 'VOLUME' })] },
      'MISSING_REQUIRED_PARAMETER /billing_cycles/0/pricing_scheme/tiers',
    ],
    [
      'tiers without a model',
      { billing_cycles: [cycle(1, 'REGULAR', { tiers: tiers(['1', undefined]).tiers })] },
      'MISSING_REQUIRED_PARAMETER /billing_cycles/0/pricing_scheme/pricing_model',
    ],
    [
      'three decimals in USD',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('10.999'))] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/pricing_scheme/fixed_price/value',
    ],
    [
      'decimals in JPY',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('10.5', 'JPY'))] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/pricing_scheme/fixed_price/value',
    ],
    [
      'a negative price',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('-1'))] },
      'INVALID_PARAMETER_VALUE /billing_cycles/0/pricing_scheme/fixed_price/value',
    ],
    [
      'a price in words',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('ten'))] },
      'INVALID_PARAMETER_SYNTAX /billing_cycles/0/pricing_scheme/fixed_price/value',
    ],
    [
      'a numeric price',
      { billing_cycles: [cycle(1, 'REGULAR', { fixed_price: { currency_code: 'USD', value: 10 } })] },
      'INVALID_PARAMETER_SYNTAX /billing_cycles/0/pricing_scheme/fixed_price/value',
    ],
    [
      'a 2-letter currency',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('10', 'US'))] },
      'INVALID_STRING_MIN_LENGTH /billing_cycles/0/pricing_scheme/fixed_price/currency_code',
    ],
    [
      'a lower-case currency',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('10', 'usd'))] },
      'INVALID_PARAMETER_SYNTAX /billing_cycles/0/pricing_scheme/fixed_price/currency_code',
    ],
    ['a percentage in words', { taxes: { percentage: 'ten' } }, 'INVALID_PARAMETER_SYNTAX /taxes/percentage'],
    [
      'a percentage over 100',
      { taxes: { percentage: '100.5' } },
      'INVALID_PARAMETER_VALUE /taxes/percentage',
    ],
    [
      'taxes without percentage',
      { taxes: { inclusive: true } },
      'MISSING_REQUIRED_PARAMETER /taxes/percentage',
    ],
    [
      'threshold 1000',
      { payment_preferences: { payment_failure_threshold: 1000 } },
      'INVALID_INTEGER_MAX_VALUE /payment_preferences/payment_failure_threshold',
    ],
    [
      'an unknown failure action',
      { payment_preferences: { setup_fee_failure_action: 'RETRY' } },
      'INVALID_PARAMETER_VALUE /payment_preferences/setup_fee_failure_action',
    ],
    ['a string boolean', { quantity_supported: 'true' }, 'INVALID_PARAMETER_SYNTAX /quantity_supported'],
  ])('refuses %s', async (_case, overrides, expected) => {
    const result = await create(planBody(overrides));

    expect([result.status, result.name, result.found]).toEqual([400, 'INVALID_REQUEST', [expected]]);
  });

  it('names every missing required member at once', async () => {
    const result = await create({ description: 'only this' });

    expect([result.status, result.found]).toEqual([
      400,
      [
        'MISSING_REQUIRED_PARAMETER /product_id',
        'MISSING_REQUIRED_PARAMETER /name',
        'MISSING_REQUIRED_PARAMETER /billing_cycles',
        'MISSING_REQUIRED_PARAMETER /payment_preferences',
      ],
    ]);
  });

  it('answers MALFORMED_REQUEST_JSON to a body that is not JSON', async () => {
    const response = await call(emulator, 'POST', '/v1/billing/plans', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });

    expect([response.status, issuesAt(response.json)]).toEqual([400, ['MALFORMED_REQUEST_JSON /']]);
  });

  it('refuses a JSON array', async () => {
    const result = await create([planBody()]);

    expect(result.found).toEqual(['INVALID_PARAMETER_SYNTAX /']);
  });

  it('reads null as an absent optional member', async () => {
    const result = await create(planBody({ description: null, taxes: null, status: null }));

    expect(result.status).toBe(201);
  });

  it('reports shape problems before business rules', async () => {
    const result = await create(planBody({ name: '', billing_cycles: [cycle(1, 'TRIAL', fixed('1'))] }));

    expect([result.status, result.found]).toEqual([400, ['INVALID_STRING_MIN_LENGTH /name']]);
  });
});
