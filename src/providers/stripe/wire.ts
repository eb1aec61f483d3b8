// Stripe's wire shapes (API version 2026-11-18.endive) and checks of what it returns, so a malformed
// answer is an error naming the endpoint and field, never a wrong plan. Only the fields plansync reads
// are checked; extra fields are allowed, as Stripe adds fields within an API version.

import { checkShape, nullable, optional, type ResponseSource, type Shape } from '../response-shape.js';

export interface StripeProduct {
  id: string;
  object: 'product';
  active: boolean;
  name: string;
  description?: string | null;
  metadata?: Record<string, string>;
  type?: string;
  statement_descriptor?: string | null;
  unit_label?: string | null;
  tax_code?: string | { id: string } | null;
  url?: string | null;
  default_price?: string | { id: string } | null;
  livemode?: boolean;
}

export interface StripeTier {
  up_to: number | null;
  unit_amount?: number | null;
  unit_amount_decimal?: string | null;
  flat_amount?: number | null;
  flat_amount_decimal?: string | null;
}

export interface StripePrice {
  id: string;
  object: 'price';
  active: boolean;
  product: string | { id: string };
  currency: string;
  unit_amount?: number | null;
  unit_amount_decimal?: string | null;
  billing_scheme?: 'per_unit' | 'tiered';
  tiers_mode?: 'graduated' | 'volume' | null;
  tiers?: StripeTier[];
  recurring?: {
    interval: string;
    interval_count?: number;
    usage_type?: string;
    trial_period_days?: number | null;
  } | null;
  transform_quantity?: { divide_by: number; round: string } | null;
  tax_behavior?: string | null;
  lookup_key?: string | null;
  nickname?: string | null;
  metadata?: Record<string, string>;
  livemode?: boolean;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

/** A decimal in minor units as Stripe writes `*_decimal` fields: a string, never a float. */
const MINOR_DECIMAL: Shape = {
  test: (v) => typeof v === 'string' && /^\d+(\.\d+)?$/.test(v),
  expected: 'a decimal string in minor units',
};
const METADATA: Shape = {
  test: (v) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string'),
  expected: 'a map of strings',
};
const ID_OR_OBJECT: Shape = {
  test: (v) =>
    typeof v === 'string' ||
    (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string'),
  expected: 'an id or an object with an id',
};

const PRODUCT: Shape = {
  object: {
    id: 'string',
    object: { enum: ['product'] },
    active: 'boolean',
    name: 'string',
    description: nullable('string'),
    metadata: optional(METADATA),
    type: optional('string'),
    statement_descriptor: nullable('string'),
    unit_label: nullable('string'),
    tax_code: nullable(ID_OR_OBJECT),
    url: nullable('string'),
    default_price: nullable(ID_OR_OBJECT),
    livemode: optional('boolean'),
  },
};

const TIER: Shape = {
  object: {
    up_to: nullable('integer'),
    unit_amount: nullable('integer'),
    unit_amount_decimal: nullable(MINOR_DECIMAL),
    flat_amount: nullable('integer'),
    flat_amount_decimal: nullable(MINOR_DECIMAL),
  },
};

const PRICE: Shape = {
  object: {
    id: 'string',
    object: { enum: ['price'] },
    active: 'boolean',
    product: ID_OR_OBJECT,
    currency: {
      test: (v) => typeof v === 'string' && /^[a-z]{3}$/.test(v),
      expected: 'a lowercase currency code',
    },
    unit_amount: nullable('integer'),
    unit_amount_decimal: nullable(MINOR_DECIMAL),
    billing_scheme: optional({ enum: ['per_unit', 'tiered'] }),
    tiers_mode: nullable({ enum: ['graduated', 'volume'] }),
    tiers: optional({ array: TIER }),
    recurring: nullable({
      object: {
        interval: { enum: ['day', 'week', 'month', 'year'] },
        interval_count: optional('integer'),
        usage_type: optional({ enum: ['licensed', 'metered'] }),
        trial_period_days: nullable('integer'),
      },
    }),
    transform_quantity: nullable({ object: { divide_by: 'integer', round: { enum: ['up', 'down'] } } }),
    tax_behavior: nullable({ enum: ['inclusive', 'exclusive', 'unspecified'] }),
    lookup_key: nullable('string'),
    nickname: nullable('string'),
    metadata: optional(METADATA),
    livemode: optional('boolean'),
  },
};

const listOf = (item: Shape): Shape => ({
  object: { object: { enum: ['list'] }, data: { array: item }, has_more: 'boolean' },
});

export const checkProduct = (body: unknown, source: ResponseSource, path = ''): StripeProduct =>
  checkShape<StripeProduct>(source, body, PRODUCT, path);
export const checkPrice = (body: unknown, source: ResponseSource, path = ''): StripePrice =>
  checkShape<StripePrice>(source, body, PRICE, path);
export const checkProductList = (body: unknown, source: ResponseSource): StripeList<StripeProduct> =>
  checkShape<StripeList<StripeProduct>>(source, body, listOf(PRODUCT));
export const checkPriceList = (body: unknown, source: ResponseSource): StripeList<StripePrice> =>
  checkShape<StripeList<StripePrice>>(source, body, listOf(PRICE));
export const checkDeleted = (body: unknown, source: ResponseSource): { id: string; deleted: true } =>
  checkShape(source, body, {
    object: { id: 'string', deleted: { test: (v) => v === true, expected: 'true' } },
  });

/** The id of an expandable field: Stripe sends an id, or the object when expanded. */
export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/** Stripe's error body: `{ error: { type, code?, param?, message } }` (stripe.md §13.1). */
export function describeStripeError(
  _status: number,
  body: unknown,
): { code?: string; message: string } | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, code, param, message } = error as Record<string, unknown>;
  const text = typeof message === 'string' ? message : typeof type === 'string' ? type : undefined;
  if (text === undefined) return undefined;
  const where = typeof param === 'string' ? ` (param ${param})` : '';
  const named = typeof code === 'string' ? code : typeof type === 'string' ? type : undefined;
  return { ...(named !== undefined && { code: named }), message: `${text}${where}` };
}
