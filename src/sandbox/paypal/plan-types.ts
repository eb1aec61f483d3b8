// The emulator's own types for PayPal plan resources, in wire form (snake_case, money as decimal
// strings), as the Subscriptions API v1 OpenAPI document names them. They are deliberately not shared
// with plansync's PayPal provider: the emulator plays the provider, and a shared type would let a
// misreading of the API agree with itself instead of failing a test.

export const PLAN_STATUSES = ['CREATED', 'ACTIVE', 'INACTIVE'] as const;
export type PayPalPlanStatus = (typeof PLAN_STATUSES)[number];

export const INTERVAL_UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type PayPalIntervalUnit = (typeof INTERVAL_UNITS)[number];

export const TENURE_TYPES = ['REGULAR', 'TRIAL'] as const;
export type PayPalTenureType = (typeof TENURE_TYPES)[number];

export const PRICING_MODELS = ['VOLUME', 'TIERED'] as const;
type PayPalPricingModel = (typeof PRICING_MODELS)[number];

export const SETUP_FEE_FAILURE_ACTIONS = ['CONTINUE', 'CANCEL'] as const;
type PayPalSetupFeeFailureAction = (typeof SETUP_FEE_FAILURE_ACTIONS)[number];

export interface PayPalMoney {
  currency_code: string;
  value: string;
}

export interface PayPalPricingTier {
  starting_quantity: string;
  ending_quantity?: string;
  amount: PayPalMoney;
}

export interface PayPalPricingScheme {
  /** Read-only; 1 at creation, +1 per update-pricing-schemes call that touched this cycle. */
  version: number;
  fixed_price?: PayPalMoney;
  pricing_model?: PayPalPricingModel;
  tiers?: PayPalPricingTier[];
  create_time: string;
  update_time: string;
}

interface PayPalFrequency {
  interval_unit: PayPalIntervalUnit;
  interval_count: number;
}

interface PayPalBillingCycle {
  frequency: PayPalFrequency;
  tenure_type: PayPalTenureType;
  sequence: number;
  total_cycles: number;
  /** Absent for a free trial. */
  pricing_scheme?: PayPalPricingScheme;
}

export interface PayPalPaymentPreferences {
  auto_bill_outstanding: boolean;
  setup_fee?: PayPalMoney;
  setup_fee_failure_action: PayPalSetupFeeFailureAction;
  payment_failure_threshold: number;
}

export interface PayPalTaxes {
  percentage: string;
  inclusive: boolean;
}

/** A stored plan: the full representation without `links` (those depend on the emulator's origin). */
export interface PayPalPlan {
  id: string;
  product_id: string;
  name: string;
  status: PayPalPlanStatus;
  description?: string;
  billing_cycles: PayPalBillingCycle[];
  payment_preferences: PayPalPaymentPreferences;
  taxes?: PayPalTaxes;
  quantity_supported: boolean;
  create_time: string;
  update_time: string;
}

/** A pricing scheme as a client sends it: the read-only members are the emulator's to set. */
export type PricingSchemeInput = Omit<PayPalPricingScheme, 'version' | 'create_time' | 'update_time'>;

/** What a valid create body becomes before the store gives it an id and timestamps. */
export interface NewPlan extends Omit<PayPalPlan, 'id' | 'create_time' | 'update_time' | 'billing_cycles'> {
  billing_cycles: Array<Omit<PayPalBillingCycle, 'pricing_scheme'> & { pricing_scheme?: PricingSchemeInput }>;
}

/**
 * A plan as seeds and `setPlan` take it: the stored shape, where the server-managed timestamps and
 * pricing versions may be left out (the emulator's clock and version 1 fill them in).
 */
export interface PayPalPlanInput extends Omit<PayPalPlan, 'create_time' | 'update_time' | 'billing_cycles'> {
  create_time?: string;
  update_time?: string;
  billing_cycles: Array<
    Omit<PayPalBillingCycle, 'pricing_scheme'> & {
      pricing_scheme?: PricingSchemeInput &
        Partial<Pick<PayPalPricingScheme, 'version' | 'create_time' | 'update_time'>>;
    }
  >;
}

/** RFC 3339 in UTC with `Z` and whole seconds, as PayPal writes `create_time` (2020-05-27T12:13:51Z). */
export function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
