// The wire shapes of Stripe's Product and Price objects (reference §5, §6) as the emulator stores and
// answers them, and the looser inputs a seed or a dashboard edit may give (defaults filled in).

export interface StripeProduct {
  id: string;
  object: 'product';
  active: boolean;
  created: number;
  default_price: string | null;
  description: string | null;
  images: string[];
  livemode: boolean;
  marketing_features: Array<{ name: string }>;
  metadata: Record<string, string>;
  name: string;
  package_dimensions: null;
  shippable: boolean | null;
  statement_descriptor: string | null;
  tax_code: string | null;
  type: 'service' | 'good';
  unit_label: string | null;
  updated: number;
  url: string | null;
}

export interface StripeTier {
  flat_amount: number | null;
  flat_amount_decimal: string | null;
  unit_amount: number | null;
  unit_amount_decimal: string | null;
  /** null is the last, unbounded tier (`up_to=inf` in a request). */
  up_to: number | null;
}

export interface StripeCustomUnitAmount {
  maximum: number | null;
  minimum: number | null;
  preset: number | null;
}

export type TaxBehavior = 'inclusive' | 'exclusive' | 'unspecified';

export interface StripeCurrencyOption {
  custom_unit_amount: StripeCustomUnitAmount | null;
  tax_behavior: TaxBehavior;
  tiers?: StripeTier[];
  unit_amount: number | null;
  unit_amount_decimal: string | null;
}

export interface StripeRecurring {
  interval: 'day' | 'week' | 'month' | 'year';
  interval_count: number;
  meter: string | null;
  trial_period_days: number | null;
  usage_type: 'licensed' | 'metered';
}

export interface StripePrice {
  id: string;
  object: 'price';
  active: boolean;
  billing_scheme: 'per_unit' | 'tiered';
  created: number;
  currency: string;
  /** Other currencies only; an answer adds the price's own currency when it shows the map. */
  currency_options?: Record<string, StripeCurrencyOption>;
  custom_unit_amount: StripeCustomUnitAmount | null;
  livemode: boolean;
  lookup_key: string | null;
  metadata: Record<string, string>;
  nickname: string | null;
  /** A product id in storage; the product object when an answer expands it. */
  product: string;
  recurring: StripeRecurring | null;
  tax_behavior: TaxBehavior;
  tiers?: StripeTier[];
  tiers_mode: 'graduated' | 'volume' | null;
  transform_quantity: { divide_by: number; round: 'up' | 'down' } | null;
  type: 'one_time' | 'recurring';
  unit_amount: number | null;
  unit_amount_decimal: string | null;
}

/** A product as a seed or dashboard edit gives it: id and name, the rest defaulted. */
export type StripeProductInput = Pick<StripeProduct, 'id' | 'object' | 'name'> & Partial<StripeProduct>;

/** A price as a seed or dashboard edit gives it; `type` and the decimal amount are derived if absent. */
export type StripePriceInput = Pick<StripePrice, 'id' | 'object' | 'product' | 'currency'> &
  Partial<StripePrice>;

/** What the emulator's account starts with: products and prices, products first. */
export type StripeSeedObject = StripeProductInput | StripePriceInput;

export function productFromInput(
  input: StripeProductInput,
  defaults: { livemode: boolean; now: number },
): StripeProduct {
  return {
    active: true,
    created: defaults.now,
    default_price: null,
    description: null,
    images: [],
    livemode: defaults.livemode,
    marketing_features: [],
    metadata: {},
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: 'service',
    unit_label: null,
    updated: input.created ?? defaults.now,
    url: null,
    ...structuredClone(input),
  };
}

export function priceFromInput(
  input: StripePriceInput,
  defaults: { livemode: boolean; now: number },
): StripePrice {
  const unitDecimal =
    input.unit_amount_decimal ?? (typeof input.unit_amount === 'number' ? String(input.unit_amount) : null);
  return {
    active: true,
    billing_scheme: input.tiers === undefined ? 'per_unit' : 'tiered',
    created: defaults.now,
    custom_unit_amount: null,
    livemode: defaults.livemode,
    lookup_key: null,
    metadata: {},
    nickname: null,
    recurring: null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? 'recurring' : 'one_time',
    unit_amount: unitDecimal === null || unitDecimal.includes('.') ? null : Number(unitDecimal),
    ...structuredClone(input),
    unit_amount_decimal: unitDecimal,
  };
}
