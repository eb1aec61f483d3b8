// What the sandbox's PayPal account starts with: one catalog product and three plans covering the
// interesting cases for the demo — a plain monthly plan, a free trial followed by a priced cycle with
// exclusive taxes, and a retired (INACTIVE) annual plan. Ids are fixed so the demo YAML can pin them.

import type { PayPalPlanInput } from './plan-types.js';

/** `PROD-` + 17 characters, like PayPal's catalog product ids. */
export const PAYPAL_DEMO_PRODUCT_ID = 'PROD-PLANSYNCDEMO00001';

const CREATED_AT = '2024-01-15T09:00:00Z';

const MONTHLY = { interval_unit: 'MONTH', interval_count: 1 } as const;

const usd = (value: string) => ({ currency_code: 'USD', value });

export const PAYPAL_DEMO_SEED: readonly PayPalPlanInput[] = [
  {
    id: 'P-DEMOSTARTERMONTHLY000001',
    product_id: PAYPAL_DEMO_PRODUCT_ID,
    name: 'Starter Monthly',
    status: 'ACTIVE',
    description: 'Starter plan',
    billing_cycles: [
      {
        frequency: MONTHLY,
        tenure_type: 'REGULAR',
        sequence: 1,
        total_cycles: 0,
        pricing_scheme: { fixed_price: usd('10') },
      },
    ],
    payment_preferences: {
      auto_bill_outstanding: true,
      setup_fee_failure_action: 'CANCEL',
      payment_failure_threshold: 1,
    },
    quantity_supported: false,
    create_time: CREATED_AT,
    update_time: CREATED_AT,
  },
  {
    id: 'P-DEMOGROWTHMONTHLY0000002',
    product_id: PAYPAL_DEMO_PRODUCT_ID,
    name: 'Growth Monthly',
    status: 'ACTIVE',
    billing_cycles: [
      // A free trial: one month with no pricing scheme at all.
      { frequency: MONTHLY, tenure_type: 'TRIAL', sequence: 1, total_cycles: 1 },
      {
        frequency: MONTHLY,
        tenure_type: 'REGULAR',
        sequence: 2,
        total_cycles: 0,
        pricing_scheme: { fixed_price: usd('25') },
      },
    ],
    payment_preferences: {
      auto_bill_outstanding: true,
      setup_fee_failure_action: 'CANCEL',
      payment_failure_threshold: 0,
    },
    taxes: { percentage: '10', inclusive: false },
    quantity_supported: false,
    create_time: CREATED_AT,
    update_time: CREATED_AT,
  },
  {
    id: 'P-DEMOLEGACYANNUAL00000003',
    product_id: PAYPAL_DEMO_PRODUCT_ID,
    name: 'Legacy Annual',
    status: 'INACTIVE',
    billing_cycles: [
      {
        frequency: { interval_unit: 'YEAR', interval_count: 1 },
        tenure_type: 'REGULAR',
        sequence: 1,
        total_cycles: 0,
        pricing_scheme: { fixed_price: usd('200') },
      },
    ],
    payment_preferences: {
      auto_bill_outstanding: true,
      setup_fee_failure_action: 'CANCEL',
      payment_failure_threshold: 0,
    },
    quantity_supported: false,
    create_time: CREATED_AT,
    update_time: '2024-06-01T12:00:00Z',
  },
];
