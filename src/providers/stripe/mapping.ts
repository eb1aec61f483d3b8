// Pure mapping between Stripe objects and plansync's flat attributes, and from attributes and changes
// back to Stripe's form-encoded requests. YAML and wire share Stripe's field names; amounts differ:
// the YAML writes them in the currency's major unit (29.99 USD, 500 JPY), Stripe in its minor unit
// (2999, 500), converted here by exact decimal shifting, never through floats. Sub-minor amounts
// (0.0015 USD = 0.15 cents, metered pricing) travel as `unit_amount_decimal`.

import { canonicalDecimal } from '../../core/money.js';
import type { FieldChange } from '../../core/model.js';
import type { Attrs, Value } from '../../core/value.js';
import { idOf, type StripePrice, type StripeProduct, type StripeTier } from './wire.js';

type Obj = Record<string, unknown>;

/**
 * The metadata key holding the lookup key a price was created for. plansync writes it on every price
 * it creates or replaces and hides it from the compared metadata: after a replacement has moved the
 * lookup key on, the old price is still known as the same plan's (an interrupted replacement is then
 * finished, not duplicated).
 */
export const MARKER = 'plansync_key';
const obj = (value: unknown): Obj | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;

/**
 * Stripe's zero-decimal currencies (stripe.md §3, "Minor units in API amounts"): Stripe's list, not
 * ISO 4217's, which differ. MGA has two minor digits in ISO but none at Stripe; ISK has none in ISO
 * but two at Stripe (not listed here, so it takes the default of two).
 */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
/** Three-decimal currencies (stripe.md §3, from public lists; inferred: treated as data, not hard-coded 2). */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Digits of the currency's minor unit as Stripe counts them: 0 for jpy and mga, 3 for kwd, else 2. */
export function exponentOf(currency: string): number {
  const code = currency.toLowerCase();
  return ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
}

/** Moves the decimal point of a non-negative decimal text `shift` places (right when positive). */
function shiftPoint(value: string, shift: number): string {
  const [int = '0', frac = ''] = value.split('.');
  const digits = int + frac;
  const point = int.length + shift;
  const text =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return canonicalDecimal(text) ?? text;
}

/** A major-unit amount (YAML) in minor units, canonical: "29.99" usd → "2999", "0.0015" usd → "0.15". */
export function toMinor(amount: unknown, currency: string): string {
  const text = canonicalDecimal(amount);
  if (text === undefined) throw new RangeError(`not a decimal amount: ${String(amount)}`);
  return shiftPoint(text, exponentOf(currency));
}

/** A minor-unit amount (Stripe) in the major unit, canonical: "2999" usd → "29.99". */
export function toMajor(minor: string | number, currency: string): string {
  return shiftPoint(canonicalDecimal(minor) ?? String(minor), -exponentOf(currency));
}

/** The amount of a wire price or tier: the decimal form when present (it carries sub-minor digits). */
function wireAmount(
  decimal: string | null | undefined,
  integer: number | null | undefined,
  currency: string,
) {
  if (typeof decimal === 'string') return toMajor(decimal, currency);
  if (typeof integer === 'number') return toMajor(integer, currency);
  return undefined;
}

function set(attrs: Attrs, path: string, value: Value | undefined | null): void {
  if (value !== undefined && value !== null && value !== '') attrs[path] = value;
}

function tierAttrs(tier: Obj, amount: (value: unknown) => string | undefined): Value {
  const out: Record<string, Value> = {
    up_to:
      tier.up_to === null || tier.up_to === undefined || tier.up_to === 'inf' ? 'inf' : Number(tier.up_to),
  };
  const unit = amount(tier.unit_amount);
  const flat = amount(tier.flat_amount);
  if (unit !== undefined) out.unit_amount = unit;
  if (flat !== undefined) out.flat_amount = flat;
  return out;
}

function recurringAttrs(attrs: Attrs, recurring: Obj | undefined): void {
  if (!recurring) return;
  set(attrs, 'recurring.interval', recurring.interval as Value);
  set(attrs, 'recurring.interval_count', recurring.interval_count as Value);
  set(attrs, 'recurring.usage_type', recurring.usage_type as Value);
  set(attrs, 'recurring.trial_period_days', recurring.trial_period_days as Value);
}

const PRODUCT_TEXT = ['name', 'description', 'statement_descriptor', 'unit_label', 'url'] as const;

/** Attributes of a plan as the YAML declares it: a product or a price (the split tells which). */
export function toAttrs(spec: Obj): Attrs {
  const attrs: Attrs = { object: spec.object === 'price' ? 'price' : 'product' };
  set(attrs, 'product', spec.product as Value);
  set(attrs, 'active', spec.active as Value);
  if (spec.metadata !== undefined) attrs.metadata = (obj(spec.metadata) ?? {}) as Value;
  if (attrs.object === 'product') {
    for (const field of PRODUCT_TEXT) set(attrs, field, spec[field] as Value);
    set(attrs, 'type', spec.type as Value);
    set(attrs, 'tax_code', spec.tax_code as Value);
    return attrs;
  }
  const currency = String(spec.currency);
  set(attrs, 'lookup_key', spec.lookup_key as Value);
  set(attrs, 'plansync_key', spec.lookup_key as Value);
  set(attrs, 'currency', currency);
  set(attrs, 'unit_amount', canonicalDecimal(spec.unit_amount));
  set(attrs, 'billing_scheme', spec.billing_scheme as Value);
  set(attrs, 'tiers_mode', spec.tiers_mode as Value);
  if (Array.isArray(spec.tiers)) {
    attrs.tiers = spec.tiers.map((tier) => tierAttrs(obj(tier) ?? {}, (value) => canonicalDecimal(value)));
  }
  recurringAttrs(attrs, obj(spec.recurring));
  if (spec.transform_quantity !== undefined) attrs.transform_quantity = spec.transform_quantity as Value;
  set(attrs, 'tax_behavior', spec.tax_behavior as Value);
  set(attrs, 'nickname', spec.nickname as Value);
  return attrs;
}

export function productAttrs(product: StripeProduct): Attrs {
  const attrs: Attrs = { object: 'product', product: product.id, active: product.active };
  const { [MARKER]: _marker, ...metadata } = product.metadata ?? {};
  attrs.metadata = metadata;
  for (const field of PRODUCT_TEXT) set(attrs, field, product[field]);
  set(attrs, 'type', product.type);
  set(attrs, 'tax_code', idOf(product.tax_code));
  set(attrs, 'default_price', idOf(product.default_price));
  return attrs;
}

export function priceAttrs(price: StripePrice): Attrs {
  const currency = price.currency;
  const attrs: Attrs = {
    object: 'price',
    product: idOf(price.product) ?? '',
    active: price.active,
    currency,
  };
  const { [MARKER]: marker, ...metadata } = price.metadata ?? {};
  attrs.metadata = metadata;
  set(attrs, 'lookup_key', price.lookup_key);
  set(attrs, 'plansync_key', price.lookup_key ?? marker);
  set(attrs, 'unit_amount', wireAmount(price.unit_amount_decimal, price.unit_amount, currency));
  set(attrs, 'billing_scheme', price.billing_scheme);
  set(attrs, 'tiers_mode', price.tiers_mode);
  if (price.tiers) {
    attrs.tiers = price.tiers.map((tier: StripeTier) =>
      tierAttrs(
        {
          up_to: tier.up_to,
          unit_amount: wireAmount(tier.unit_amount_decimal, tier.unit_amount, currency),
          flat_amount: wireAmount(tier.flat_amount_decimal, tier.flat_amount, currency),
        },
        (value) => (typeof value === 'string' ? value : undefined),
      ),
    );
  }
  recurringAttrs(attrs, (price.recurring ?? undefined) as Obj | undefined);
  if (price.transform_quantity) attrs.transform_quantity = { ...price.transform_quantity };
  set(attrs, 'tax_behavior', price.tax_behavior);
  set(attrs, 'nickname', price.nickname);
  return attrs;
}

/** A form field of an amount in minor units: the integer parameter when whole, else the decimal one. */
function amountFields(name: string, major: Value | undefined, currency: string): Record<string, string> {
  if (major === undefined || major === null) return {};
  const minor = toMinor(major, currency);
  return minor.includes('.') ? { [`${name}_decimal`]: minor } : { [name]: minor };
}

/** `metadata[k]=v` for every key; `metadata[k]=` (removal) for each key only the live side has. */
function metadataFields(desired: Value | undefined, live: Value | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const want = (obj(desired) ?? {}) as Record<string, unknown>;
  for (const key of Object.keys((obj(live) ?? {}) as Obj))
    if (!Object.hasOwn(want, key)) out[`metadata[${key}]`] = '';
  for (const [key, value] of Object.entries(want)) out[`metadata[${key}]`] = String(value);
  return out;
}

const text = (value: Value | undefined): string =>
  value === undefined || value === null ? '' : String(value);

/** POST /v1/products: the product with the id the YAML names. */
export function productCreateForm(desired: Attrs): Record<string, string> {
  const form: Record<string, string> = { id: text(desired.product), name: text(desired.name) };
  for (const field of [
    'description',
    'statement_descriptor',
    'unit_label',
    'tax_code',
    'url',
    'type',
  ] as const) {
    if (desired[field] !== undefined) form[field] = text(desired[field]);
  }
  if (desired.active === false) form.active = 'false';
  return { ...form, ...metadataFields(desired.metadata, undefined) };
}

/** POST /v1/prices: the whole desired price; `transfer` moves its lookup key from the price holding it. */
export function priceCreateForm(desired: Attrs, transfer: boolean): Record<string, string> {
  const currency = text(desired.currency);
  const form: Record<string, string> = { product: text(desired.product), currency };
  Object.assign(form, amountFields('unit_amount', desired.unit_amount, currency));
  for (const field of ['billing_scheme', 'tiers_mode', 'tax_behavior', 'nickname', 'lookup_key'] as const) {
    if (desired[field] !== undefined) form[field] = text(desired[field]);
  }
  if (transfer && desired.lookup_key !== undefined) form.transfer_lookup_key = 'true';
  if (Array.isArray(desired.tiers)) {
    desired.tiers.forEach((raw, i) => {
      const tier = (obj(raw) ?? {}) as Record<string, Value>;
      form[`tiers[${i}][up_to]`] = text(tier.up_to);
      for (const [name, value] of Object.entries(amountFields('unit_amount', tier.unit_amount, currency)))
        form[`tiers[${i}][${name}]`] = value;
      for (const [name, value] of Object.entries(amountFields('flat_amount', tier.flat_amount, currency)))
        form[`tiers[${i}][${name}]`] = value;
    });
  }
  for (const field of ['interval', 'interval_count', 'usage_type', 'trial_period_days'] as const) {
    const value = desired[`recurring.${field}`];
    if (value !== undefined) form[`recurring[${field}]`] = text(value);
  }
  const transform = obj(desired.transform_quantity);
  if (transform) {
    form['transform_quantity[divide_by]'] = text(transform.divide_by as Value);
    form['transform_quantity[round]'] = text(transform.round as Value);
  }
  if (desired.active === false) form.active = 'false';
  const marker: Record<string, string> = {};
  if (desired.lookup_key !== undefined) marker[`metadata[${MARKER}]`] = text(desired.lookup_key);
  return { ...form, ...metadataFields(desired.metadata, undefined), ...marker };
}

/**
 * POST /v1/products/{id} or /v1/prices/{id}: the changed fields only. A field the YAML no longer
 * declares is sent empty (Stripe's "unset"); metadata keys only the live side has are sent empty.
 */
export function updateForm(changes: readonly FieldChange[]): Record<string, string> {
  const form: Record<string, string> = {};
  for (const change of changes) {
    if (change.path === 'metadata') Object.assign(form, metadataFields(change.after, change.before));
    else if (change.path === 'active') form.active = String(change.after ?? true);
    else form[change.path] = text(change.after);
  }
  return form;
}
