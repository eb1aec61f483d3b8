// Deterministic synthetic PayPal billing plans for scale tests and benchmarks: `generatePlans(10000)` gives
// the same 10,000 plans of one catalog product on every run (arithmetic on the index, no randomness):
// monthly and annual plans, some with a free trial cycle. Ids look like PayPal's (`P-` + 24 characters).

import type { PayPalPlanInput } from './plan-types.js';

/** The catalog product every generated plan belongs to (`PROD-` + 17 characters). */
export const PAYPAL_BENCH_PRODUCT_ID = 'PROD-PLANSYNCBENCH0001';

const CREATED_AT = '2024-01-15T09:00:00Z';

export interface GeneratePayPalPlansOptions {
  productId?: string;
}

/** `P-BENCH` and the 1-based index, zero-padded to PayPal's 26 characters. */
function benchPlanId(index: number): string {
  return `P-BENCH${String(index + 1).padStart(19, '0')}`;
}

export function generatePlans(count: number, options: GeneratePayPalPlansOptions = {}): PayPalPlanInput[] {
  const productId = options.productId ?? PAYPAL_BENCH_PRODUCT_ID;
  const plans: PayPalPlanInput[] = [];
  for (let i = 0; i < count; i++) {
    const annual = i % 5 === 4;
    const frequency = { interval_unit: annual ? 'YEAR' : 'MONTH', interval_count: 1 } as const;
    const regular = {
      frequency,
      tenure_type: 'REGULAR',
      sequence: 1,
      total_cycles: 0,
      pricing_scheme: {
        fixed_price: { currency_code: 'USD', value: String(annual ? 100 + (i % 900) : 5 + (i % 95)) },
      },
    } as const;
    const trial = i % 3 === 0;
    plans.push({
      id: benchPlanId(i),
      product_id: productId,
      name: `Bench Plan ${String(i + 1).padStart(6, '0')}`,
      status: 'ACTIVE',
      description: `Generated plan ${i + 1}`,
      billing_cycles: trial
        ? [
            {
              frequency: { interval_unit: 'MONTH', interval_count: 1 },
              tenure_type: 'TRIAL',
              sequence: 1,
              total_cycles: 1,
            },
            { ...regular, sequence: 2 },
          ]
        : [regular],
      payment_preferences: {
        auto_bill_outstanding: true,
        setup_fee_failure_action: 'CANCEL',
        payment_failure_threshold: i % 4,
      },
      quantity_supported: false,
      create_time: CREATED_AT,
      update_time: CREATED_AT,
    });
  }
  return plans;
}
