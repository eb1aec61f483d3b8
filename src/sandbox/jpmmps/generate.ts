// Deterministic synthetic J.P. Morgan MPS plans for scale tests and benchmarks: `generatePlans(10000)`
// gives the same 10,000 live plans on every run (arithmetic on the index, no randomness), created a minute
// apart so list order is creation order. Ids are valid `SubscriptionPlan-<UUID v4>` with the index inside.

import type { JpmMpsPlanInput } from './plan-types.js';

const START = Date.parse('2024-01-01T00:00:00Z');

/** A fixed UUID-v4-shaped id carrying the 1-based index in its last group. */
function benchPlanId(index: number): string {
  return `SubscriptionPlan-be0c0000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

function stamp(ms: number): string {
  // MPS timestamps carry two fractional digits (`.SS`).
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.00Z');
}

export function generatePlans(count: number): JpmMpsPlanInput[] {
  const plans: JpmMpsPlanInput[] = [];
  for (let i = 0; i < count; i++) {
    const created = stamp(START + i * 60_000);
    const annual = i % 5 === 4;
    const plan: JpmMpsPlanInput = {
      id: benchPlanId(i),
      createdAt: created,
      updatedAt: created,
      name: `Bench Plan ${String(i + 1).padStart(6, '0')}`,
      description: `Generated plan ${i + 1}`,
      recurrentAmount: annual ? 100 + (i % 900) : 5 + (i % 95) + 0.99,
      currencyIsoCode: i % 7 === 3 ? 'USD' : 'EUR',
      billingOccurrence: 1,
      billingUnit: annual ? 'year' : 'month',
      billingCycles: i % 2 === 0 ? -1 : 12,
      prepaid: i % 3 !== 0,
    };
    if (i % 4 === 1) {
      plan.trialDurationPeriod = 1 + (i % 3);
      plan.trialDurationUnit = 'month';
    }
    plans.push(plan);
  }
  return plans;
}
