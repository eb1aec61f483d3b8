// Deterministic synthetic BlueSnap plans for scale tests and benchmarks: `generatePlans(10000)` gives the
// same 10,000 plans on every run (plain arithmetic on the index, no randomness), with a mix of monthly
// and annual plans, trials and grace periods. Ids are consecutive from `firstPlanId`.

import type { BlueSnapWirePlan } from './plan-record.js';

export interface GenerateBlueSnapPlansOptions {
  /** planId of the first plan; default 3,000,001. */
  firstPlanId?: number;
}

export function generatePlans(count: number, options: GenerateBlueSnapPlansOptions = {}): BlueSnapWirePlan[] {
  const first = options.firstPlanId ?? 3_000_001;
  const plans: BlueSnapWirePlan[] = [];
  for (let i = 0; i < count; i++) {
    const annual = i % 5 === 4;
    const plan: BlueSnapWirePlan = {
      planId: first + i,
      name: `Bench Plan ${String(i + 1).padStart(6, '0')}`,
      recurringChargeAmount: annual ? 100 + (i % 900) : 5 + (i % 95) + 0.99,
      currency: i % 7 === 3 ? 'EUR' : 'USD',
      chargeFrequency: annual ? 'ANNUALLY' : 'MONTHLY',
      status: 'ACTIVE',
    };
    if (i % 3 === 0) plan.trialPeriodDays = 7 + (i % 4) * 7;
    if (i % 4 === 1) plan.gracePeriodDays = 3 + (i % 5);
    plans.push(plan);
  }
  return plans;
}
