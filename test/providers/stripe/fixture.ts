// Stripe for the provider-generic harness and the conformance suite. One conformance "plan" is a
// product with one price (a plans entry and the two objects it stands for), so a seed is a bundle:
// the product and its price, which the fixture hands to the emulator one after the other.

import {
  startStripeEmulator,
  type StripeEmulator,
  type StripeSeedObject,
} from '../../../src/sandbox/stripe/index.js';
import type { ProviderFixture } from '../../support/provider-harness.js';

/** A test key: distinct from the demo's, and searched for in every output. */
export const STRIPE_TEST_KEY = 'sk_test_it_51QzTn8x2Kd7';

export type StripeSeedBundle = readonly StripeSeedObject[];

export const stripeFixture: ProviderFixture<StripeEmulator, StripeSeedBundle> = {
  provider: 'stripe',
  connection: 'st',
  credentials: { secret_key: { env: 'ST_SECRET_KEY', value: STRIPE_TEST_KEY } },
  secrets: [STRIPE_TEST_KEY, Buffer.from(`${STRIPE_TEST_KEY}:`).toString('base64')],
  // Test mode allows 25 requests a second; the harness paces at 1,000, so the emulator's limit is off
  // here (throttling has its own tests, and the fault matrix injects 429s).
  start: (seed, options) =>
    startStripeEmulator({
      credentials: { secretKey: STRIPE_TEST_KEY },
      seed: seed.flat(),
      rateLimit: null,
      ...options,
    }),
};

/** The same fixture seeded object by object, for tests that seed products and prices apart. */
export const stripeObjectsFixture: ProviderFixture<StripeEmulator, StripeSeedObject> = {
  ...stripeFixture,
  start: (seed, options) =>
    stripeFixture.start(
      seed.map((object) => [object]),
      options,
    ),
};

/** A product entry with one monthly price, keyed `<product id>_monthly`, in the YAML's shape. */
export function stripeEntry(
  productId: string,
  name: string,
  amount: string | number = '19.99',
  price: Record<string, unknown> = {},
) {
  return {
    id: productId,
    name,
    prices: {
      [`${productId}_monthly`]: {
        currency: 'usd',
        unit_amount: amount,
        recurring: { interval: 'month' },
        ...price,
      },
    },
  };
}

/**
 * The same product and price as live objects. The price carries plansync's mark (metadata
 * `plansync_key`), as every price plansync created does.
 */
export function stripeSeed(productId: string, name: string, priceId: string, minor = 1999): StripeSeedBundle {
  const lookupKey = `${productId}_monthly`;
  return [
    { id: productId, object: 'product', name },
    {
      id: priceId,
      object: 'price',
      product: productId,
      currency: 'usd',
      unit_amount: minor,
      recurring: {
        interval: 'month',
        interval_count: 1,
        usage_type: 'licensed',
        trial_period_days: null,
        meter: null,
      },
      lookup_key: lookupKey,
      metadata: { plansync_key: lookupKey },
    },
  ];
}
