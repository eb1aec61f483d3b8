// The plans the sandbox account starts with, in wire format. The demo reconciles plansync's example
// YAML against these, so they cover the interesting cases: a retired plan, a grace period, a trial with
// charge-on-switch, and an initial charge with a charge cap. The next created plan gets 2185254.

import type { BlueSnapWirePlan } from './plan-record.js';

export const BLUESNAP_DEMO_SEED: readonly BlueSnapWirePlan[] = [
  {
    planId: 2185250,
    name: 'Legacy Gold',
    recurringChargeAmount: 19,
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    status: 'INACTIVE',
  },
  {
    planId: 2185251,
    name: 'Basic Monthly',
    recurringChargeAmount: 9.99,
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    gracePeriodDays: 5,
    status: 'ACTIVE',
  },
  {
    planId: 2185252,
    name: 'Pro Monthly',
    recurringChargeAmount: 29.99,
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    trialPeriodDays: 14,
    chargeOnPlanSwitch: true,
    status: 'ACTIVE',
  },
  {
    planId: 2185253,
    name: 'Enterprise Annual',
    recurringChargeAmount: 999,
    currency: 'USD',
    chargeFrequency: 'ANNUALLY',
    initialChargeAmount: 100,
    maxNumberOfCharges: 3,
    status: 'ACTIVE',
  },
];
