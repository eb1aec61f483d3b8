// PayPal's rules as the planner and the mapping apply them, without HTTP.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import { paypal } from '../../src/providers/paypal/index.js';
import { createBody, patchOperations, pricingUpdates, toAttrs } from '../../src/providers/paypal/mapping.js';
import { desired, live } from '../support/fixtures.js';

const SPEC = {
  product_id: 'PROD-XXCD1234QWER65782',
  name: 'Pro',
  billing_cycles: [
    { tenure_type: 'TRIAL', sequence: 1, frequency: { interval_unit: 'MONTH' }, total_cycles: 1 },
    {
      tenure_type: 'REGULAR',
      sequence: 2,
      frequency: { interval_unit: 'MONTH', interval_count: 1 },
      total_cycles: 0,
      pricing_scheme: { fixed_price: { value: '25.00', currency_code: 'USD' } },
    },
  ],
  payment_preferences: { auto_bill_outstanding: true },
  taxes: { percentage: '10' },
};
const ATTRS = toAttrs(SPEC);
const run = (want: Record<string, unknown>, have: Record<string, unknown>) =>
  plan({
    contract: paypal.contract,
    desired: [desired('pro', toAttrs(want), { id: 'P-1' })],
    live: [live('P-1', toAttrs(have))],
    options: { connection: 'pp', provider: 'paypal', prune: false, describe: paypal.describe },
  }).items[0];

describe('PayPal mapping', () => {
  it('flattens cycles by sequence, with defaults made explicit', () => {
    expect(ATTRS).toMatchObject({
      'billing_cycles[1].frequency': { interval_unit: 'MONTH', interval_count: 1 },
      'billing_cycles[2].pricing_scheme.fixed_price': { amount: '25', currency: 'USD' },
      'taxes.inclusive': true,
    });
  });

  it('reads decimals with no digit before the point (".5", "-.7") in canonical form', () => {
    const tiers = [
      { starting_quantity: '.5', ending_quantity: '10.50', amount: { value: '.75', currency_code: 'USD' } },
    ];
    const wire = {
      ...SPEC,
      payment_preferences: { setup_fee: { value: '-.7', currency_code: 'USD' } },
      taxes: { percentage: '.5' },
      billing_cycles: [{ ...SPEC.billing_cycles[1], pricing_scheme: { pricing_model: 'VOLUME', tiers } }],
    };

    expect(toAttrs(wire)).toMatchObject({
      'payment_preferences.setup_fee': { amount: '-0.7', currency: 'USD' },
      'taxes.percentage': '0.5',
      'billing_cycles[2].pricing_scheme.tiers': [
        { starting_quantity: '0.5', ending_quantity: '10.5', amount: { amount: '0.75', currency: 'USD' } },
      ],
    });
  });

  it('rebuilds a create body that maps back to the same attributes', () => {
    const body = createBody(ATTRS);

    expect(toAttrs(body)).toEqual({ ...ATTRS, status: 'ACTIVE' });
  });
});

describe('PayPal contract', () => {
  it('changes a name with one JSON Patch replace', () => {
    const item = run({ ...SPEC, name: 'Pro 2026' }, SPEC);

    expect(item?.action).toBe('update');
    expect(patchOperations(item?.changes ?? [])).toEqual([
      { op: 'replace', path: '/name', value: 'Pro 2026' },
    ]);
    expect(pricingUpdates(item?.changes ?? [], item?.desired ?? {})).toEqual([]);
  });

  it('changes a price through update-pricing-schemes only, reaching existing subscribers', () => {
    const cycles = structuredClone(SPEC.billing_cycles);
    cycles[1]!.pricing_scheme = { fixed_price: { value: '30', currency_code: 'USD' } };

    const item = run({ ...SPEC, billing_cycles: cycles }, SPEC);

    expect(item?.changes).toEqual([
      expect.objectContaining({ via: 'update-pricing-schemes', impact: 'existing-subscribers', percent: 20 }),
    ]);
    expect(patchOperations(item?.changes ?? [])).toEqual([]);
    expect(pricingUpdates(item?.changes ?? [], item?.desired ?? {})).toEqual([
      { billing_cycle_sequence: 2, pricing_scheme: { fixed_price: { currency_code: 'USD', value: '30' } } },
    ]);
    expect(item?.notes.join(' ')).toContain('10-day notice');
  });

  it('blocks a billing frequency change, naming the field', () => {
    const cycles = structuredClone(SPEC.billing_cycles);
    cycles[1]!.frequency = { interval_unit: 'YEAR', interval_count: 1 };

    const item = run({ ...SPEC, billing_cycles: cycles }, SPEC);

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.reason).toContain('`billing_cycles[2].frequency` cannot be changed');
  });

  it.each([
    ['currency', { fixed_price: { value: '25', currency_code: 'EUR' } }],
    [
      'scheme type',
      {
        pricing_model: 'VOLUME',
        tiers: [{ starting_quantity: '1', amount: { value: '1', currency_code: 'USD' } }],
      },
    ],
  ])('blocks a %s change of a cycle price', (_what, scheme) => {
    const cycles = structuredClone(SPEC.billing_cycles) as Array<Record<string, unknown>>;
    cycles[1]!.pricing_scheme = scheme;

    expect(run({ ...SPEC, billing_cycles: cycles }, SPEC)?.action).toBe('blocked');
  });

  it('blocks a change to a plan that stays INACTIVE', () => {
    const item = run({ ...SPEC, name: 'X', status: 'INACTIVE' }, { ...SPEC, status: 'INACTIVE' });

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.reason).toContain('PLAN_STATUS_INACTIVE');
  });

  it('activates an INACTIVE plan and updates it, saying in which order', () => {
    const item = run({ ...SPEC, name: 'X', status: 'ACTIVE' }, { ...SPEC, status: 'INACTIVE' });

    expect(item?.action).toBe('update');
    expect(item?.changes.map((c) => c.via).sort()).toEqual(['JSON Patch', 'activate/deactivate']);
    expect(item?.notes.join(' ')).toContain('activated first');
  });

  it.each([
    ['back to CREATED', 'ACTIVE', 'CREATED'],
    ['from CREATED straight to INACTIVE', 'CREATED', 'INACTIVE'],
  ])('blocks a status change %s', (_what, from, to) => {
    expect(run({ ...SPEC, status: to }, { ...SPEC, status: from })?.action).toBe('blocked');
  });

  it('treats taxes.inclusive left out as PayPal default true', () => {
    expect(run(SPEC, { ...SPEC, taxes: { percentage: '10.0', inclusive: true } })?.action).toBe('no-op');
  });
});

describe('PayPal contract: setup fee', () => {
  const fee = (value: string) => ({ setup_fee: { value, currency_code: 'USD' } });
  const withFee = (value: string) => ({
    ...SPEC,
    payment_preferences: { ...SPEC.payment_preferences, ...fee(value) },
  });

  it('adds a setup fee with one JSON Patch replace (a documented patch path, no precondition)', () => {
    const item = run(withFee('5'), SPEC);

    expect(item?.action).toBe('update');
    expect(patchOperations(item?.changes ?? [])).toEqual([
      {
        op: 'replace',
        path: '/payment_preferences/setup_fee',
        value: { currency_code: 'USD', value: '5' },
      },
    ]);
  });

  it('changes a setup fee with one JSON Patch replace', () => {
    const item = run(withFee('7.50'), withFee('5'));

    expect(patchOperations(item?.changes ?? [])).toEqual([
      {
        op: 'replace',
        path: '/payment_preferences/setup_fee',
        value: { currency_code: 'USD', value: '7.5' },
      },
    ]);
  });

  it('blocks removing a setup fee: PayPal patches by replace only, so it cannot be removed in place', () => {
    const item = run(SPEC, withFee('5'));

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.reason).toContain('cannot be removed');
    expect(item?.blockers[0]?.wayOut).toContain('lifecycle.replace');
  });

  it('blocks adding a setup fee to a plan that stays INACTIVE, without activating it', () => {
    const item = run({ ...withFee('5'), status: 'INACTIVE' }, { ...SPEC, status: 'INACTIVE' });

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.reason).toContain('PLAN_STATUS_INACTIVE');
  });
});

describe('PayPal contract: a YAML plan without status leaves the status as it is', () => {
  const statusChanges = (item: ReturnType<typeof run>) =>
    item?.changes.filter((change) => change.path === 'status') ?? [];

  it.each(['ACTIVE', 'INACTIVE', 'CREATED'])('plans nothing for a live %s plan that matches', (status) => {
    const item = run(SPEC, { ...SPEC, status });

    expect(item?.action).toBe('no-op');
  });

  it('patches a live CREATED plan without activating it', () => {
    const item = run({ ...SPEC, name: 'X' }, { ...SPEC, status: 'CREATED' });

    expect(item?.action).toBe('update');
    expect(statusChanges(item)).toEqual([]);
    expect(item?.changes.map((c) => c.via)).toEqual(['JSON Patch']);
  });

  it.each([
    ['a patch', { ...SPEC, name: 'X' }],
    [
      'a price',
      {
        ...SPEC,
        billing_cycles: [
          SPEC.billing_cycles[0],
          {
            ...SPEC.billing_cycles[1],
            pricing_scheme: { fixed_price: { value: '26', currency_code: 'USD' } },
          },
        ],
      },
    ],
  ])('blocks %s on a live INACTIVE plan, with the way out, and never activates it', (_what, want) => {
    const item = run(want, { ...SPEC, status: 'INACTIVE' });

    expect(item?.action).toBe('blocked');
    expect(statusChanges(item)).toEqual([]);
    expect(item?.blockers[0]?.reason).toContain('PLAN_STATUS_INACTIVE');
    expect(item?.blockers[0]?.wayOut).toContain('`status: ACTIVE`');
  });

  it('still activates a live INACTIVE plan when the YAML says ACTIVE', () => {
    const item = run({ ...SPEC, status: 'ACTIVE' }, { ...SPEC, status: 'INACTIVE' });

    expect(statusChanges(item)).toEqual([
      expect.objectContaining({ before: 'INACTIVE', after: 'ACTIVE', via: 'activate/deactivate' }),
    ]);
  });
});
