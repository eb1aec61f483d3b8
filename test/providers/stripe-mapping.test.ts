// Stripe's pure mapping: amounts shifted exactly between the YAML's major unit and Stripe's minor
// unit (zero- and three-decimal currencies, sub-minor decimals), wire objects into attributes that
// compare equal to the YAML's, and the form bodies of creates and updates.

import { describe, expect, it } from 'vitest';
import type { FieldChange } from '../../src/core/model.js';
import { canonicalDecimal } from '../../src/core/money.js';
import {
  priceAttrs,
  priceCreateForm,
  productAttrs,
  productCreateForm,
  toAttrs,
  toMajor,
  toMinor,
  updateForm,
} from '../../src/providers/stripe/mapping.js';
import type { StripePrice } from '../../src/providers/stripe/wire.js';

describe('Stripe amounts', () => {
  it.each([
    ['29.99', 'usd', '2999'],
    ['29.9', 'usd', '2990'],
    [19, 'usd', '1900'],
    ['0', 'usd', '0'],
    ['500', 'jpy', '500'],
    ['1.234', 'kwd', '1234'],
    // Stripe's lists, not ISO 4217's: MGA has no minor unit at Stripe, ISK two.
    ['500', 'mga', '500'],
    ['500', 'isk', '50000'],
    ['0.0015', 'usd', '0.15'],
    ['0.000000000000015', 'usd', '0.0000000000015'],
  ])('%s %s is %s in minor units, and back', (major, currency, minor) => {
    expect(toMinor(major, currency)).toBe(minor);
    expect(toMajor(minor, currency)).toBe(canonicalDecimal(major));
  });

  it('reads minor units back to the canonical major amount, never through a float', () => {
    expect(toMajor('2999', 'usd')).toBe('29.99');
    expect(toMajor('10000000000000001', 'jpy')).toBe('10000000000000001');
    expect(toMajor('0.15', 'usd')).toBe('0.0015');
    expect(toMajor('1000', 'bhd')).toBe('1');
  });
});

const WIRE_PRICE: StripePrice = {
  id: 'price_1',
  object: 'price',
  active: true,
  product: 'pro',
  currency: 'usd',
  unit_amount: 2999,
  unit_amount_decimal: '2999',
  billing_scheme: 'per_unit',
  tiers_mode: null,
  recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed', trial_period_days: null },
  transform_quantity: null,
  tax_behavior: 'unspecified',
  lookup_key: 'pro_monthly',
  nickname: null,
  metadata: { team: 'billing', plansync_key: 'pro_monthly' },
  livemode: false,
};

describe('Stripe objects as attributes', () => {
  it('reads a price as the YAML declares it, plansync’s marker hidden from the metadata', () => {
    expect(priceAttrs(WIRE_PRICE)).toEqual({
      object: 'price',
      product: 'pro',
      active: true,
      currency: 'usd',
      metadata: { team: 'billing' },
      lookup_key: 'pro_monthly',
      plansync_key: 'pro_monthly',
      unit_amount: '29.99',
      billing_scheme: 'per_unit',
      'recurring.interval': 'month',
      'recurring.interval_count': 1,
      'recurring.usage_type': 'licensed',
      tax_behavior: 'unspecified',
    });
    const desired = toAttrs({
      object: 'price',
      product: 'pro',
      lookup_key: 'pro_monthly',
      currency: 'usd',
      unit_amount: '29.990',
      recurring: { interval: 'month' },
      metadata: { team: 'billing' },
    });
    expect(desired).toMatchObject({
      unit_amount: '29.99',
      plansync_key: 'pro_monthly',
      'recurring.interval': 'month',
    });
  });

  it('keeps a replaced price known by the key it was created for, once the key moved on', () => {
    const old = priceAttrs({ ...WIRE_PRICE, lookup_key: null, active: false });

    expect(old.lookup_key).toBeUndefined();
    expect(old.plansync_key).toBe('pro_monthly');
  });

  it('takes the decimal form of an amount when Stripe gives one (sub-cent prices)', () => {
    const attrs = priceAttrs({ ...WIRE_PRICE, unit_amount: null, unit_amount_decimal: '0.15' });

    expect(attrs.unit_amount).toBe('0.0015');
  });

  it('reads tiers with `inf` for the open last tier and amounts in the major unit', () => {
    const attrs = priceAttrs({
      ...WIRE_PRICE,
      unit_amount: null,
      unit_amount_decimal: null,
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      tiers: [
        {
          up_to: 10,
          unit_amount: 500,
          unit_amount_decimal: '500',
          flat_amount: null,
          flat_amount_decimal: null,
        },
        {
          up_to: null,
          unit_amount: 400,
          unit_amount_decimal: '400',
          flat_amount: 1000,
          flat_amount_decimal: '1000',
        },
      ],
    });

    expect(attrs.tiers).toEqual([
      { up_to: 10, unit_amount: '5' },
      { up_to: 'inf', unit_amount: '4', flat_amount: '10' },
    ]);
  });

  it('reads a product with its id as `product`, and the default price as an id', () => {
    expect(
      productAttrs({
        id: 'pro',
        object: 'product',
        active: true,
        name: 'Pro',
        description: null,
        metadata: {},
        type: 'service',
        default_price: { id: 'price_1' },
        tax_code: 'txcd_10103001',
      }),
    ).toEqual({
      object: 'product',
      product: 'pro',
      active: true,
      metadata: {},
      name: 'Pro',
      type: 'service',
      tax_code: 'txcd_10103001',
      default_price: 'price_1',
    });
  });
});

describe('Stripe request bodies', () => {
  it('creates a product with the id the YAML names', () => {
    expect(
      productCreateForm(toAttrs({ object: 'product', product: 'pro', name: 'Pro', metadata: { a: '1' } })),
    ).toEqual({ id: 'pro', name: 'Pro', 'metadata[a]': '1' });
  });

  it('creates a price in minor units, marks it with its key, and transfers the key when replacing', () => {
    const desired = toAttrs({
      object: 'price',
      product: 'pro',
      lookup_key: 'pro_monthly',
      currency: 'jpy',
      unit_amount: 3000,
      recurring: { interval: 'month', interval_count: 3 },
      tax_behavior: 'exclusive',
    });

    expect(priceCreateForm(desired, true)).toEqual({
      product: 'pro',
      currency: 'jpy',
      unit_amount: '3000',
      tax_behavior: 'exclusive',
      lookup_key: 'pro_monthly',
      transfer_lookup_key: 'true',
      'recurring[interval]': 'month',
      'recurring[interval_count]': '3',
      'metadata[plansync_key]': 'pro_monthly',
    });
    expect(priceCreateForm(desired, false)).not.toHaveProperty('transfer_lookup_key');
  });

  it('sends a sub-cent amount and tier amounts as decimals in minor units', () => {
    const form = priceCreateForm(
      toAttrs({
        object: 'price',
        product: 'api',
        lookup_key: 'calls',
        currency: 'usd',
        billing_scheme: 'tiered',
        tiers_mode: 'volume',
        tiers: [
          { up_to: 1000, unit_amount: '0.0015' },
          { up_to: 'inf', unit_amount: '0.001', flat_amount: 5 },
        ],
      }),
      false,
    );

    expect(form).toMatchObject({
      'tiers[0][up_to]': '1000',
      'tiers[0][unit_amount_decimal]': '0.15',
      'tiers[1][up_to]': 'inf',
      'tiers[1][unit_amount_decimal]': '0.1',
      'tiers[1][flat_amount]': '500',
    });
  });

  it('updates only the changed fields, clearing what the YAML dropped and metadata keys it removed', () => {
    const change = (path: string, before?: unknown, after?: unknown): FieldChange =>
      ({ path, before, after, impact: 'cosmetic', via: 'in-place' }) as FieldChange;

    expect(
      updateForm([
        change('description', 'Old', undefined),
        change('name', 'Pro', 'Pro plus'),
        change('active', true, false),
        change('metadata', { a: '1', b: '2' }, { b: '3' }),
      ]),
    ).toEqual({
      description: '',
      name: 'Pro plus',
      active: 'false',
      'metadata[a]': '',
      'metadata[b]': '3',
    });
  });
});
