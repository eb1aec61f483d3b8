// What the sandbox's Stripe account (test mode) starts with: two products and three prices — a default
// monthly price for each product, one with a lookup key per plansync's natural-key scheme, and an
// archived annual price that keeps its lookup key. Ids are fixed so the demo YAML can pin them; the
// lead aligns the exact shape with the demo project.

import type { StripeSeedObject } from './wire.js';

/** 2024-01-15T09:00:00Z. */
const CREATED = 1_705_309_200;

export const STRIPE_DEMO_STARTER_PRODUCT_ID = 'plansync_demo_starter';
export const STRIPE_DEMO_PRO_PRODUCT_ID = 'plansync_demo_pro';

export const STRIPE_DEMO_SEED: readonly StripeSeedObject[] = [
  {
    id: STRIPE_DEMO_STARTER_PRODUCT_ID,
    object: 'product',
    name: 'Starter',
    description: 'For small teams',
    default_price: 'price_1PlansyncDemoStarterMon',
    metadata: { plansync_key: 'starter' },
    created: CREATED,
    updated: CREATED,
  },
  {
    id: STRIPE_DEMO_PRO_PRODUCT_ID,
    object: 'product',
    name: 'Pro',
    default_price: 'price_1PlansyncDemoProMonthly',
    metadata: { plansync_key: 'pro' },
    created: CREATED + 1,
    updated: CREATED + 1,
  },
  {
    id: 'price_1PlansyncDemoStarterMon',
    object: 'price',
    product: STRIPE_DEMO_STARTER_PRODUCT_ID,
    currency: 'usd',
    unit_amount: 1000,
    recurring: {
      interval: 'month',
      interval_count: 1,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed',
    },
    lookup_key: 'starter:month:usd',
    metadata: { plansync_key: 'starter:month:usd' },
    created: CREATED + 2,
  },
  {
    id: 'price_1PlansyncDemoProMonthly',
    object: 'price',
    product: STRIPE_DEMO_PRO_PRODUCT_ID,
    currency: 'usd',
    unit_amount: 2900,
    recurring: {
      interval: 'month',
      interval_count: 1,
      meter: null,
      trial_period_days: 14,
      usage_type: 'licensed',
    },
    tax_behavior: 'exclusive',
    lookup_key: 'pro:month:usd',
    metadata: { plansync_key: 'pro:month:usd' },
    created: CREATED + 3,
  },
  {
    id: 'price_1PlansyncDemoProAnnual0',
    object: 'price',
    product: STRIPE_DEMO_PRO_PRODUCT_ID,
    currency: 'usd',
    unit_amount: 29000,
    recurring: {
      interval: 'year',
      interval_count: 1,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed',
    },
    active: false,
    lookup_key: 'pro:year:usd',
    nickname: 'Legacy annual',
    metadata: { plansync_key: 'pro:year:usd' },
    created: CREATED + 4,
  },
];
