import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlan } from '../../../src/sandbox/paypal/index.js';
import {
  ACTIVE_ID,
  INACTIVE_ID,
  TEST_SEED,
  TIERED_ID,
  call,
  closeTestEmulators,
  issuesAt,
  startTestEmulator,
} from './client.js';

let emulator: PayPalEmulator;
let now = 0;

beforeEach(async () => {
  now = Date.parse('2025-01-01T00:00:00Z');
  emulator = await startTestEmulator({ seed: TEST_SEED, now: () => now });
});

afterEach(closeTestEmulators);

const usd = (value: string, currency_code = 'USD') => ({ currency_code, value });
const fixed = (sequence: number, value: string, currency = 'USD') => ({
  billing_cycle_sequence: sequence,
  pricing_scheme: { fixed_price: usd(value, currency) },
});
const tiered = (sequence: number, ...tiers: Array<[string, string | undefined, string]>) => ({
  billing_cycle_sequence: sequence,
  pricing_scheme: {
    pricing_model: 'VOLUME',
    tiers: tiers.map(([start, end, amount]) => ({
      starting_quantity: start,
      ...(end !== undefined && { ending_quantity: end }),
      amount: usd(amount),
    })),
  },
});

async function reprice(id: string, body: unknown) {
  const response = await call(emulator, 'POST', `/v1/billing/plans/${id}/update-pricing-schemes`, { body });
  return { status: response.status, text: response.text, found: issuesAt(response.json) };
}

const stored = (id: string): PayPalPlan => emulator.plans().find((plan) => plan.id === id)!;

describe('PayPal emulator: update pricing schemes', () => {
  it('replaces a fixed price, bumps the version and the timestamps, and answers 204', async () => {
    now += 3_600_000;

    const result = await reprice(ACTIVE_ID, { pricing_schemes: [fixed(2, '12.50')] });

    expect([result.status, result.text]).toEqual([204, '']);
    expect(stored(ACTIVE_ID).billing_cycles[1]?.pricing_scheme).toEqual({
      fixed_price: usd('12.50'),
      version: 2,
      create_time: '2025-01-01T00:00:00Z',
      update_time: '2025-01-01T01:00:00Z',
    });
    expect(stored(ACTIVE_ID).update_time).toBe('2025-01-01T01:00:00Z');
  });

  it('bumps the version again on every update', async () => {
    await reprice(ACTIVE_ID, { pricing_schemes: [fixed(2, '11')] });

    await reprice(ACTIVE_ID, { pricing_schemes: [fixed(2, '12')] });

    expect(stored(ACTIVE_ID).billing_cycles[1]?.pricing_scheme?.version).toBe(3);
  });

  it('replaces tiers, and may switch between VOLUME and TIERED', async () => {
    const result = await reprice(TIERED_ID, {
      pricing_schemes: [tiered(1, ['1', '3', '9'], ['4', undefined, '8'])],
    });

    expect(result.status).toBe(204);
    expect(stored(TIERED_ID).billing_cycles[0]?.pricing_scheme).toMatchObject({
      pricing_model: 'VOLUME',
      tiers: [
        { starting_quantity: '1', ending_quantity: '3', amount: usd('9') },
        { starting_quantity: '4', amount: usd('8') },
      ],
      version: 2,
    });
  });

  it.each<[string, string, unknown, string[]]>([
    [
      'a sequence the plan lacks',
      ACTIVE_ID,
      { pricing_schemes: [fixed(3, '5')] },
      ['INVALID_BILLING_CYCLE_SEQUENCE /pricing_schemes/0/billing_cycle_sequence'],
    ],
    [
      'another currency',
      ACTIVE_ID,
      { pricing_schemes: [fixed(2, '5', 'EUR')] },
      ['CURRENCY_MISMATCH /pricing_schemes/0/pricing_scheme/fixed_price/currency_code'],
    ],
    [
      'tiers for a fixed-price cycle',
      ACTIVE_ID,
      { pricing_schemes: [tiered(2, ['1', undefined, '5'])] },
      ['INVALID_PRICING_SCHEME /pricing_schemes/0/pricing_scheme'],
    ],
    [
      'a fixed price for a tiered cycle',
      TIERED_ID,
      { pricing_schemes: [fixed(1, '5')] },
      ['INVALID_PRICING_SCHEME /pricing_schemes/0/pricing_scheme'],
    ],
    [
      'a price for a free trial',
      ACTIVE_ID,
      { pricing_schemes: [fixed(1, '5')] },
      ['PRICING_SCHEME_UPDATE_NOT_ALLOWED /pricing_schemes/0/pricing_scheme'],
    ],
    [
      'a zero price (a priced cycle made free)',
      ACTIVE_ID,
      { pricing_schemes: [fixed(2, '0')] },
      ['PRICING_SCHEME_UPDATE_NOT_ALLOWED /pricing_schemes/0/pricing_scheme'],
    ],
    [
      'an inactive plan',
      INACTIVE_ID,
      { pricing_schemes: [fixed(1, '9')] },
      ['PRICING_SCHEME_UPDATE_NOT_ALLOWED /pricing_schemes'],
    ],
    [
      'overlapping tiers',
      TIERED_ID,
      { pricing_schemes: [tiered(1, ['1', '5', '3'], ['5', undefined, '2'])] },
      ['OVERLAPPING_PRICING_SCHEME_TIERS /pricing_schemes/0/pricing_scheme/tiers/1/starting_quantity'],
    ],
    [
      'a gap between tiers',
      TIERED_ID,
      { pricing_schemes: [tiered(1, ['1', '5', '3'], ['9', undefined, '2'])] },
      ['MISSING_PRICING_SCHEME_TIERS /pricing_schemes/0/pricing_scheme/tiers/1/starting_quantity'],
    ],
    [
      'a free tier',
      TIERED_ID,
      { pricing_schemes: [tiered(1, ['1', '5', '0'], ['6', undefined, '2'])] },
      ['INVALID_PRICING_TIER_AMOUNT /pricing_schemes/0/pricing_scheme/tiers/0/amount/value'],
    ],
    [
      'an inverted tier',
      TIERED_ID,
      { pricing_schemes: [tiered(1, ['1', '5', '3'], ['6', '6', '2'])] },
      ['INVALID_PRICING_TIER_QUANTITY /pricing_schemes/0/pricing_scheme/tiers/1/ending_quantity'],
    ],
  ])('refuses %s with 422', async (_case, id, body, expected) => {
    const before = stored(id);

    const result = await reprice(id, body);

    expect([result.status, result.found]).toEqual([422, expected]);
    expect(stored(id)).toEqual(before);
  });

  it('refuses a fixed price sent with tiers', async () => {
    const both = tiered(1, ['1', undefined, '5']);
    const body = {
      pricing_schemes: [{ ...both, pricing_scheme: { ...both.pricing_scheme, fixed_price: usd('5') } }],
    };

    const result = await reprice(TIERED_ID, body);

    expect(result.found).toEqual(['FIXED_PRICE_NOT_SUPPORTED /pricing_schemes/0/pricing_scheme/fixed_price']);
  });

  it.each<[string, unknown, string[]]>([
    ['no pricing_schemes', {}, ['MISSING_REQUIRED_PARAMETER /pricing_schemes']],
    ['an empty list', { pricing_schemes: [] }, ['INVALID_PARAMETER_VALUE /pricing_schemes']],
    [
      'an item without sequence',
      { pricing_schemes: [{ pricing_scheme: { fixed_price: usd('1') } }] },
      ['MISSING_REQUIRED_PARAMETER /pricing_schemes/0/billing_cycle_sequence'],
    ],
    [
      'an item without scheme',
      { pricing_schemes: [{ billing_cycle_sequence: 2 }] },
      ['MISSING_REQUIRED_PARAMETER /pricing_schemes/0/pricing_scheme'],
    ],
    [
      'sequence 0',
      { pricing_schemes: [fixed(0, '1')] },
      ['INVALID_PARAMETER_VALUE /pricing_schemes/0/billing_cycle_sequence'],
    ],
    [
      'a price in words',
      { pricing_schemes: [fixed(2, 'five')] },
      ['INVALID_PARAMETER_VALUE /pricing_schemes/0/pricing_scheme/fixed_price/value'],
    ],
    [
      'the same cycle twice',
      { pricing_schemes: [fixed(2, '1'), fixed(2, '2')] },
      ['INVALID_PARAMETER_VALUE /pricing_schemes/1/billing_cycle_sequence'],
    ],
  ])('refuses %s with 400', async (_case, body, expected) => {
    const result = await reprice(ACTIVE_ID, body);

    expect([result.status, result.found]).toEqual([400, expected]);
  });

  it('changes nothing when one item of several is refused', async () => {
    const before = stored(ACTIVE_ID);

    await reprice(ACTIVE_ID, { pricing_schemes: [fixed(2, '20'), fixed(7, '1')] });

    expect(stored(ACTIVE_ID)).toEqual(before);
  });
});
