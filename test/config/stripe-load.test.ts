// Stripe plans files as the loader reads them: one entry (a product with its prices nested by lookup
// key) splits into a plan per object, and the rules a JSON Schema cannot express are refused at the
// file, line and path of what is wrong.

import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import { providers } from '../../src/providers/registry.js';
import { loadErrors, makeProject, removeProjects } from './helpers.js';

afterAll(removeProjects);

const PROJECT = `version: 1
connections:
  stripe:
    provider: stripe
    environment: sandbox
    credentials:
      secret_key: STRIPE_SECRET_KEY
`;

const project = (plans: string) => makeProject({ 'plansync.yaml': PROJECT, 'plans/stripe.yaml': plans });

const PLANS = `connection: stripe
plans:
  pro:
    name: Pro
    description: For teams
    lifecycle: { replace: true }
    prices:
      pro_monthly_usd:
        currency: usd
        unit_amount: 29.99
        recurring: { interval: month }
      pro_yearly_jpy:
        id: price_123
        currency: jpy
        unit_amount: 30000
        recurring: { interval: year }
  legacy:
    id: prod_ABC
    name: Legacy
`;

describe('Stripe: loading', () => {
  it('splits each product entry into the product and one plan per price, keyed <entry>/<lookup key>', async () => {
    const root = await project(PLANS);

    const [file] = (await loadProject(root, providers)).plansFiles;

    expect(file?.plans.map(({ key, id, spec, group, pinAt }) => ({ key, id, spec, group, pinAt }))).toEqual([
      {
        key: 'pro',
        spec: { object: 'product', product: 'pro', name: 'Pro', description: 'For teams' },
        pinAt: null,
      },
      {
        key: 'pro/pro_monthly_usd',
        spec: {
          object: 'price',
          product: 'pro',
          lookup_key: 'pro_monthly_usd',
          currency: 'usd',
          unit_amount: 29.99,
          recurring: { interval: 'month' },
        },
        group: { key: 'pro', index: 0 },
        pinAt: ['plans', 'pro', 'prices', 'pro_monthly_usd'],
      },
      {
        key: 'pro/pro_yearly_jpy',
        id: 'price_123',
        spec: {
          object: 'price',
          product: 'pro',
          lookup_key: 'pro_yearly_jpy',
          currency: 'jpy',
          unit_amount: 30000,
          recurring: { interval: 'year' },
        },
        group: { key: 'pro', index: 1 },
        pinAt: ['plans', 'pro', 'prices', 'pro_yearly_jpy'],
      },
      { key: 'legacy', spec: { object: 'product', product: 'prod_ABC', name: 'Legacy' }, pinAt: null },
    ]);
    // The entry's lifecycle covers its prices: replacing a price is what it is for.
    expect(file?.plans.map((plan) => plan.lifecycle.replace)).toEqual([true, true, true, false]);
  });

  it('locates a price by its lookup key, and its fields inside it', async () => {
    const root = await project(PLANS);

    const plans = (await loadProject(root, providers)).plansFiles[0]?.plans ?? [];
    const price = plans.find((plan) => plan.key === 'pro/pro_monthly_usd');

    expect(price?.location).toMatchObject({ file: 'plans/stripe.yaml', line: 8 });
    expect(price?.locate('unit_amount')).toMatchObject({ line: 10 });
  });

  it('takes sub-cent amounts up to 12 decimals beyond the minor unit (metered prices)', async () => {
    const root = await project(`connection: stripe
plans:
  metered:
    name: Metered
    prices:
      per_call:
        currency: usd
        unit_amount: "0.00000000000015"
`);

    const plans = (await loadProject(root, providers)).plansFiles[0]?.plans ?? [];

    expect(plans.map((plan) => plan.key)).toEqual(['metered', 'metered/per_call']);
  });

  it('refuses a 15th decimal in usd and any past 12 in jpy, at the amount', async () => {
    const root = await project(`connection: stripe
plans:
  metered:
    name: Metered
    prices:
      usd_call:
        currency: usd
        unit_amount: "0.000000000000001"
      jpy_call:
        currency: jpy
        unit_amount: "0.0000000000001"
`);

    expect(await loadErrors(root, providers)).toEqual([
      'plans/stripe.yaml:8:22: plans.metered.prices.usd_call.unit_amount: `0.000000000000001` has 15 decimal places; Stripe holds usd amounts to 14 (12 beyond its minor unit) (round the amount)',
      'plans/stripe.yaml:11:22: plans.metered.prices.jpy_call.unit_amount: `0.0000000000001` has 13 decimal places; Stripe holds jpy amounts to 12 (12 beyond its minor unit) (round the amount)',
    ]);
  });

  it('refuses an unknown currency, an inconsistent tiered price, and tiers that do not end at inf', async () => {
    const root = await project(`connection: stripe
plans:
  seats:
    name: Seats
    prices:
      seats_xxx:
        currency: xxq
        unit_amount: 5
      seats_tiered:
        currency: eur
        billing_scheme: tiered
        tiers_mode: graduated
        unit_amount: 5
        tiers:
          - { up_to: 10, unit_amount: 5 }
          - { up_to: 5, unit_amount: 4 }
`);

    expect(await loadErrors(root, providers)).toEqual([
      'plans/stripe.yaml:7:19: plans.seats.prices.seats_xxx.currency: unknown currency `xxq` (use a lowercase ISO 4217 code such as usd or eur)',
      'plans/stripe.yaml:13:22: plans.seats.prices.seats_tiered.unit_amount: a tiered price has no `unit_amount`: its amounts are in `tiers`',
      'plans/stripe.yaml:16:22: plans.seats.prices.seats_tiered.tiers[1].up_to: the last tier must go `up_to: inf`',
    ]);
  });

  it('refuses a lookup key used by two products, and plansync’s own metadata key', async () => {
    const root = await project(`connection: stripe
plans:
  a:
    name: A
    prices:
      shared: { currency: usd, unit_amount: 1, metadata: { plansync_key: x } }
  b:
    name: B
    prices:
      shared: { currency: usd, unit_amount: 2 }
`);

    const errors = await loadErrors(root, providers);

    expect(errors).toContain(
      'plans/stripe.yaml:10:7: plans.b.prices.shared: lookup key `shared` is also a price of `plans.a` (Stripe keeps a lookup key on one price per account)',
    );
    expect(errors.some((line) => line.includes("metadata key `plansync_key` is plansync's own"))).toBe(true);
  });

  it('refuses a key that cannot be a product id unless `id` names one', async () => {
    const root = await project(`connection: stripe
plans:
  pro.v2:
    name: Pro
  pro.v3:
    id: pro_v3
    name: Pro 3
`);

    expect(await loadErrors(root, providers)).toEqual([
      'plans/stripe.yaml:3:3: plans["pro.v2"]: `pro.v2` cannot be a Stripe product id (letters, digits, `_` and `-`) (name the product with `id:`, or use a key without `.`)',
    ]);
  });
});
