// What the sandbox's MPS merchant starts with: a prepaid monthly plan with a one-day trial and no end,
// a post-paid monthly plan of 12 charges, and a soft-deleted annual plan (which a list without
// `deleted=FALSE` still returns). Ids are fixed (valid `SubscriptionPlan-<UUID v4>`) so the demo YAML
// can pin them.

import type { JpmMpsPlanInput } from './plan-types.js';

export const JPMMPS_DEMO_PREMIUM_MONTHLY_ID = 'SubscriptionPlan-6f1c2a8e-3b4d-4e5f-9a01-d3e0c0000001';
export const JPMMPS_DEMO_BASIC_MONTHLY_ID = 'SubscriptionPlan-6f1c2a8e-3b4d-4e5f-9a01-d3e0c0000002';
export const JPMMPS_DEMO_OLD_ANNUAL_ID = 'SubscriptionPlan-6f1c2a8e-3b4d-4e5f-9a01-d3e0c0000003';

export const JPMMPS_DEMO_SEED: readonly JpmMpsPlanInput[] = [
  {
    id: JPMMPS_DEMO_OLD_ANNUAL_ID,
    createdAt: '2023-01-10T08:00:00.00Z',
    updatedAt: '2024-06-01T12:00:00.00Z',
    deletedAt: '2024-06-01T12:00:00.00Z',
    name: 'Old Annual',
    description: 'Retired annual plan',
    recurrentAmount: 99,
    currencyIsoCode: 'EUR',
    billingOccurrence: 1,
    billingUnit: 'year',
    billingCycles: -1,
    prepaid: true,
  },
  {
    id: JPMMPS_DEMO_PREMIUM_MONTHLY_ID,
    createdAt: '2024-01-15T09:00:00.00Z',
    updatedAt: '2024-01-15T09:00:00.00Z',
    name: 'Premium Monthly',
    description: 'Premium sub for only 90.99 EUR!',
    recurrentAmount: 90.99,
    currencyIsoCode: 'EUR',
    trialDurationPeriod: 1,
    trialDurationUnit: 'day',
    billingOccurrence: 1,
    billingUnit: 'month',
    billingCycles: -1,
    prepaid: true,
    merchantMetadata: '{"orderTypeId": "1asd265jh4", "usageTracking": false}',
  },
  {
    id: JPMMPS_DEMO_BASIC_MONTHLY_ID,
    createdAt: '2024-01-15T09:05:00.00Z',
    updatedAt: '2024-01-15T09:05:00.00Z',
    name: 'Basic Monthly',
    description: 'Basic plan, billed monthly for a year',
    recurrentAmount: 9.99,
    currencyIsoCode: 'EUR',
    billingOccurrence: 1,
    billingUnit: 'month',
    billingCycles: 12,
    prepaid: false,
  },
];
