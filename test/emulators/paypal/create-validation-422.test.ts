import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import { closeTestEmulators, planBody, startTestEmulator, tieredCycle } from './client.js';
import { create as createPlan, cycle, fixed, money, regular, tiers } from './create-fixtures.js';

let emulator: PayPalEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(closeTestEmulators);

const create = (body: unknown) => createPlan(emulator, body);

describe('PayPal emulator: create validation, 422 UNPROCESSABLE_ENTITY', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'three trials',
      {
        billing_cycles: [
          cycle(1, 'TRIAL', fixed('1')),
          cycle(2, 'TRIAL', fixed('2')),
          cycle(3, 'TRIAL', fixed('3')),
          regular(4),
        ],
      },
      ['MORE_THAN_TWO_TRIAL_BILLING_CYCLE_NOT_SUPPORTED /billing_cycles'],
    ],
    [
      'two free trials',
      { billing_cycles: [cycle(1, 'TRIAL'), cycle(2, 'TRIAL', fixed('0')), regular(3)] },
      ['MULTIPLE_FREE_TRIAL_BILLING_CYCLES_NOT_SUPPORTED /billing_cycles'],
    ],
    [
      'no regular cycle',
      { billing_cycles: [cycle(1, 'TRIAL', fixed('1'))] },
      ['MISSING_REGULAR_BILLING_CYCLE /billing_cycles'],
    ],
    [
      'two regular cycles',
      { billing_cycles: [regular(1), regular(2)] },
      ['MULTIPLE_REGULAR_BILLING_CYCLES_NOT_SUPPORTED /billing_cycles'],
    ],
    [
      'a gap in sequences',
      { billing_cycles: [cycle(1, 'TRIAL', fixed('1')), regular(3)] },
      ['INVALID_BILLING_CYCLE_SEQUENCE /billing_cycles'],
    ],
    [
      'sequences from 2',
      { billing_cycles: [regular(2)] },
      ['INVALID_BILLING_CYCLE_SEQUENCE /billing_cycles'],
    ],
    [
      'a trial after the regular cycle',
      { billing_cycles: [regular(1), cycle(2, 'TRIAL', fixed('1'))] },
      ['INVALID_BILLING_CYCLE_SEQUENCE /billing_cycles'],
    ],
    [
      'a trial that never runs',
      { billing_cycles: [cycle(1, 'TRIAL', fixed('1'), { total_cycles: 0 }), regular(2)] },
      ['INVALID_TRIAL_BILLING_TOTAL_CYCLES /billing_cycles/0/total_cycles'],
    ],
    [
      'two currencies',
      { billing_cycles: [cycle(1, 'TRIAL', fixed('1', 'EUR')), regular(2)] },
      ['CURRENCY_MISMATCH /billing_cycles/1/pricing_scheme/fixed_price/currency_code'],
    ],
    [
      'a setup fee in another currency',
      { payment_preferences: { setup_fee: money('5', 'GBP') } },
      ['CURRENCY_MISMATCH /payment_preferences/setup_fee/currency_code'],
    ],
    [
      'a currency PayPal cannot receive',
      { billing_cycles: [cycle(1, 'REGULAR', fixed('10', 'XYZ'))] },
      ['CURRENCY_NOT_SUPPORTED_FOR_RECEIVER /billing_cycles/0/pricing_scheme/fixed_price/currency_code'],
    ],
    [
      'a fixed price with tiers',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', { ...fixed('10'), ...tiers(['1', undefined]) })],
      },
      ['FIXED_PRICE_NOT_SUPPORTED /billing_cycles/0/pricing_scheme/fixed_price'],
    ],
    [
      'tiers on a trial',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'TRIAL', tiers(['1', undefined])), tieredCycle(2)],
      },
      ['INVALID_PRICING_MODEL /billing_cycles/0/pricing_scheme/pricing_model'],
    ],
    [
      'tiers without quantity_supported',
      { billing_cycles: [tieredCycle(1)] },
      ['INVALID_QUANTITY_SUPPORTED /quantity_supported'],
    ],
    [
      'a free tier',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['1', '5'], ['6', undefined, '0']))],
      },
      ['INVALID_PRICING_TIER_AMOUNT /billing_cycles/0/pricing_scheme/tiers/1/amount/value'],
    ],
    [
      'a tier ending where it starts',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['1', '1'], ['2', undefined]))],
      },
      ['INVALID_PRICING_TIER_QUANTITY /billing_cycles/0/pricing_scheme/tiers/0/ending_quantity'],
    ],
    [
      'a gap between tiers',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['1', '5'], ['7', undefined]))],
      },
      ['MISSING_PRICING_SCHEME_TIERS /billing_cycles/0/pricing_scheme/tiers/1/starting_quantity'],
    ],
    [
      'tiers starting at 2',
      { quantity_supported: true, billing_cycles: [cycle(1, 'REGULAR', tiers(['2', undefined]))] },
      ['MISSING_PRICING_SCHEME_TIERS /billing_cycles/0/pricing_scheme/tiers/0/starting_quantity'],
    ],
    [
      'overlapping tiers',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['1', '5'], ['5', undefined]))],
      },
      ['OVERLAPPING_PRICING_SCHEME_TIERS /billing_cycles/0/pricing_scheme/tiers/1/starting_quantity'],
    ],
    [
      'an open tier before the last',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['1', undefined], ['6', undefined]))],
      },
      ['OVERLAPPING_PRICING_SCHEME_TIERS /billing_cycles/0/pricing_scheme/tiers/1/starting_quantity'],
    ],
  ])('refuses %s', async (_case, overrides, expected) => {
    const result = await create(planBody(overrides));

    expect([result.status, result.name, result.found]).toEqual([422, 'UNPROCESSABLE_ENTITY', expected]);
    expect(emulator.plans()).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'tiers in any order',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['11', undefined], ['1', '10']))],
      },
    ],
    [
      'tiers with decimal bounds',
      {
        quantity_supported: true,
        billing_cycles: [cycle(1, 'REGULAR', tiers(['1', '10.5'], ['11.5', undefined]))],
      },
    ],
    [
      'a capped last tier',
      { quantity_supported: true, billing_cycles: [cycle(1, 'REGULAR', tiers(['1', '100']))] },
    ],
    [
      'a free trial, a paid trial and a regular cycle',
      { billing_cycles: [cycle(1, 'TRIAL'), cycle(2, 'TRIAL', fixed('1')), regular(3)] },
    ],
    ['cycles listed out of order', { billing_cycles: [regular(2), cycle(1, 'TRIAL', fixed('1'))] }],
    ['no decimals in JPY', { billing_cycles: [cycle(1, 'REGULAR', fixed('1000', 'JPY'))] }],
  ])('accepts %s', async (_case, overrides) => {
    const result = await create(planBody(overrides));

    expect([result.status, result.found]).toEqual([201, []]);
  });

  it('names every broken business rule at once', async () => {
    const result = await create(
      planBody({ billing_cycles: [cycle(1, 'TRIAL'), cycle(2, 'TRIAL'), cycle(4, 'TRIAL')] }),
    );

    expect(result.found.map((found) => found.split(' ')[0])).toEqual([
      'MORE_THAN_TWO_TRIAL_BILLING_CYCLE_NOT_SUPPORTED',
      'MULTIPLE_FREE_TRIAL_BILLING_CYCLES_NOT_SUPPORTED',
      'MISSING_REGULAR_BILLING_CYCLE',
      'INVALID_BILLING_CYCLE_SEQUENCE',
    ]);
  });
});
