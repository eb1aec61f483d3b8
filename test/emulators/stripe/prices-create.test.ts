import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StripeEmulator, minorUnitExponent } from '../../../src/sandbox/stripe/index.js';
import {
  type Form,
  body,
  call,
  closeTestEmulators,
  createProduct,
  startTestEmulator,
  stripeError,
} from './client.js';

afterEach(closeTestEmulators);

let emulator: StripeEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ now: () => 1_767_225_600_000 });
  await createProduct(emulator, 'p');
});

const create = (form: Form) => call(emulator, 'POST', '/v1/prices', { form });

describe('Stripe emulator: creating prices', () => {
  it('creates a recurring price with a generated id and both amount forms in the answer', async () => {
    const result = await create({
      product: 'p',
      currency: 'usd',
      unit_amount: 1000,
      'recurring[interval]': 'month',
    });

    expect(result.status).toBe(200);
    expect(body(result)).toEqual({
      id: expect.stringMatching(/^price_[A-Za-z0-9]{24}$/),
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: 1_767_225_600,
      currency: 'usd',
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: 'p',
      recurring: {
        interval: 'month',
        interval_count: 1,
        meter: null,
        trial_period_days: null,
        usage_type: 'licensed',
      },
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: 'recurring',
      unit_amount: 1000,
      unit_amount_decimal: '1000',
    });
  });

  it('derives type one_time when there is no recurring', async () => {
    const result = await create({ product: 'p', currency: 'usd', unit_amount: 0 });

    expect(body(result)).toMatchObject({ type: 'one_time', recurring: null, unit_amount: 0 });
  });

  it('takes a decimal amount and answers unit_amount null when it has a fraction', async () => {
    const fractional = await create({ product: 'p', currency: 'usd', unit_amount_decimal: '1000.5' });
    const whole = await create({ product: 'p', currency: 'usd', unit_amount_decimal: '1000.000' });

    expect(body(fractional)).toMatchObject({ unit_amount: null, unit_amount_decimal: '1000.5' });
    expect(body(whole)).toMatchObject({ unit_amount: 1000, unit_amount_decimal: '1000' });
  });

  it('refuses more than 12 decimal places', async () => {
    const result = await create({ product: 'p', currency: 'usd', unit_amount_decimal: '1.1234567890123' });

    expect(result.status).toBe(400);
    expect(stripeError(result).param).toBe('unit_amount_decimal');
  });

  it('refuses unit_amount with unit_amount_decimal: parameters_exclusive', async () => {
    const result = await create({ product: 'p', currency: 'usd', unit_amount: 1, unit_amount_decimal: '1' });

    expect(stripeError(result)).toMatchObject({ code: 'parameters_exclusive', param: 'unit_amount' });
  });

  it('requires currency, product and an amount', async () => {
    const noCurrency = await create({ product: 'p', unit_amount: 1 });
    const noProduct = await create({ currency: 'usd', unit_amount: 1 });
    const noAmount = await create({ product: 'p', currency: 'usd' });

    expect(stripeError(noCurrency)).toMatchObject({ code: 'parameter_missing', param: 'currency' });
    expect(stripeError(noProduct)).toMatchObject({ code: 'parameter_missing', param: 'product' });
    expect(stripeError(noAmount)).toMatchObject({ code: 'parameter_missing', param: 'unit_amount' });
  });

  it('refuses an unknown product with 404 resource_missing on product', async () => {
    const result = await create({ product: 'ghost', currency: 'usd', unit_amount: 1 });

    expect(result.status).toBe(404);
    expect(stripeError(result)).toMatchObject({ code: 'resource_missing', param: 'product' });
  });

  it('takes lowercase ISO currencies, zero- and three-decimal ones included, and refuses others', async () => {
    const yen = await create({ product: 'p', currency: 'jpy', unit_amount: 500 });
    const dinar = await create({ product: 'p', currency: 'kwd', unit_amount: 1500 });
    const upper = await create({ product: 'p', currency: 'USD', unit_amount: 1 });
    const unknown = await create({ product: 'p', currency: 'xyz', unit_amount: 1 });

    expect(body(yen)).toMatchObject({ currency: 'jpy', unit_amount: 500 });
    expect(body(dinar)).toMatchObject({ currency: 'kwd', unit_amount: 1500 });
    expect(stripeError(upper).param).toBe('currency');
    expect(stripeError(unknown).param).toBe('currency');
  });

  it('refuses a negative amount and one above 999999999999', async () => {
    const negative = await create({ product: 'p', currency: 'usd', unit_amount: -1 });
    const huge = await create({ product: 'p', currency: 'usd', unit_amount: 1_000_000_000_000 });

    expect(stripeError(negative).code).toBe('parameter_invalid_integer');
    expect(stripeError(huge).code).toBe('parameter_invalid_integer');
  });

  it('creates a tiered price whose last tier is inf', async () => {
    const result = await create({
      product: 'p',
      currency: 'usd',
      billing_scheme: 'tiered',
      tiers_mode: 'volume',
      'tiers[0][up_to]': 5,
      'tiers[0][flat_amount]': 0,
      'tiers[0][unit_amount_decimal]': '12.5',
      'tiers[1][up_to]': 'inf',
      'tiers[1][unit_amount]': 10,
      'expand[]': 'tiers',
    });

    expect(body(result)).toMatchObject({
      billing_scheme: 'tiered',
      tiers_mode: 'volume',
      unit_amount: null,
      unit_amount_decimal: null,
      tiers: [
        {
          up_to: 5,
          flat_amount: 0,
          flat_amount_decimal: '0',
          unit_amount: null,
          unit_amount_decimal: '12.5',
        },
        { up_to: null, flat_amount: null, unit_amount: 10, unit_amount_decimal: '10' },
      ],
    });
  });

  it('refuses tiers that do not end with inf, are not ascending, or come without tiers_mode', async () => {
    const base = { product: 'p', currency: 'usd', billing_scheme: 'tiered', tiers_mode: 'graduated' };

    const noInf = await create({ ...base, 'tiers[0][up_to]': 5, 'tiers[0][unit_amount]': 1 });
    const descending = await create({
      ...base,
      'tiers[0][up_to]': 10,
      'tiers[0][unit_amount]': 1,
      'tiers[1][up_to]': 5,
      'tiers[1][unit_amount]': 1,
      'tiers[2][up_to]': 'inf',
      'tiers[2][unit_amount]': 1,
    });
    const noMode = await create({
      product: 'p',
      currency: 'usd',
      billing_scheme: 'tiered',
      'tiers[0][up_to]': 'inf',
      'tiers[0][unit_amount]': 1,
    });
    const tiersPerUnit = await create({
      product: 'p',
      currency: 'usd',
      unit_amount: 1,
      'tiers[0][up_to]': 'inf',
    });

    expect(stripeError(noInf).param).toBe('tiers[0][up_to]');
    expect(stripeError(descending).param).toBe('tiers[1][up_to]');
    expect(stripeError(noMode)).toMatchObject({ code: 'parameter_missing', param: 'tiers_mode' });
    expect(stripeError(tiersPerUnit).param).toBe('tiers');
  });

  it('refuses a recurring interval over three years', async () => {
    const months = await create({
      product: 'p',
      currency: 'usd',
      unit_amount: 1,
      'recurring[interval]': 'month',
      'recurring[interval_count]': 37,
    });
    const weeks = await create({
      product: 'p',
      currency: 'usd',
      unit_amount: 1,
      'recurring[interval]': 'week',
      'recurring[interval_count]': 156,
    });

    expect(stripeError(months).param).toBe('recurring[interval_count]');
    expect(weeks.status).toBe(200);
  });

  it('keeps recurring usage type, trial days, tax behaviour, nickname, metadata and active', async () => {
    const result = await create({
      product: 'p',
      currency: 'eur',
      unit_amount: 900,
      'recurring[interval]': 'year',
      'recurring[usage_type]': 'licensed',
      'recurring[trial_period_days]': 14,
      tax_behavior: 'inclusive',
      nickname: 'Annual',
      'metadata[plansync_key]': 'pro:year:eur',
      active: false,
    });

    expect(body(result)).toMatchObject({
      recurring: { interval: 'year', interval_count: 1, trial_period_days: 14, usage_type: 'licensed' },
      tax_behavior: 'inclusive',
      nickname: 'Annual',
      metadata: { plansync_key: 'pro:year:eur' },
      active: false,
    });
  });

  it('takes transform_quantity, but not with tiers', async () => {
    const fine = await create({
      product: 'p',
      currency: 'usd',
      unit_amount: 1,
      'transform_quantity[divide_by]': 10,
      'transform_quantity[round]': 'up',
    });
    const tiered = await create({
      product: 'p',
      currency: 'usd',
      billing_scheme: 'tiered',
      tiers_mode: 'volume',
      'tiers[0][up_to]': 'inf',
      'tiers[0][unit_amount]': 1,
      'transform_quantity[divide_by]': 10,
      'transform_quantity[round]': 'up',
    });

    expect(body(fine).transform_quantity).toEqual({ divide_by: 10, round: 'up' });
    expect(stripeError(tiered).param).toBe('transform_quantity');
  });

  it('takes a custom unit amount instead of a fixed one', async () => {
    const result = await create({
      product: 'p',
      currency: 'usd',
      'custom_unit_amount[enabled]': true,
      'custom_unit_amount[minimum]': 500,
    });

    expect(body(result)).toMatchObject({
      custom_unit_amount: { minimum: 500, maximum: null, preset: null },
      unit_amount: null,
      unit_amount_decimal: null,
    });
  });

  it('creates nothing when the answer asks for an expansion the price does not have', async () => {
    const result = await create({ product: 'p', currency: 'usd', unit_amount: 1, 'expand[]': 'data.tiers' });

    expect(result.status).toBe(400);
    expect(stripeError(result).param).toBe('expand');
    expect(emulator.prices()).toEqual([]);
  });

  it('keeps each currency’s minor-unit exponent as data', () => {
    expect([minorUnitExponent('usd'), minorUnitExponent('jpy'), minorUnitExponent('bhd')]).toEqual([2, 0, 3]);
    expect(minorUnitExponent('xyz')).toBeUndefined();
  });

  it('keeps currency_options and shows them, own currency included, when expanded', async () => {
    const result = await create({
      product: 'p',
      currency: 'usd',
      unit_amount: 1000,
      'currency_options[eur][unit_amount]': 900,
      'currency_options[eur][tax_behavior]': 'exclusive',
      'expand[]': 'currency_options',
    });

    expect(body(result).currency_options).toEqual({
      usd: {
        custom_unit_amount: null,
        tax_behavior: 'unspecified',
        unit_amount: 1000,
        unit_amount_decimal: '1000',
      },
      eur: {
        custom_unit_amount: null,
        tax_behavior: 'exclusive',
        unit_amount: 900,
        unit_amount_decimal: '900',
      },
    });
  });
});
