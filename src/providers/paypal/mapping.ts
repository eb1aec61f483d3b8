// Pure mapping between PayPal plans (YAML specs and wire objects share the same field names) and
// plansync's flat attributes; and from attributes and changes back to create bodies, JSON Patch
// operations and pricing-scheme updates.

import { canonicalDecimal } from '../../core/money.js';
import type { FieldChange } from '../../core/model.js';
import { isMoney, type Attrs, type Money, type Value } from '../../core/value.js';
import { MAX_CYCLES } from './contract.js';

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;

interface PayPalMoney {
  currency_code: string;
  value: string;
}

/**
 * Canonical text of a PayPal decimal. PayPal may leave out the digit before the point (".5", "-.7":
 * its `money.value`, `percentage` and tier quantity patterns allow it); plansync's canonical form has
 * it, so ".5" and the YAML's 0.5 compare equal. YAML reaches here already checked by the plans schema.
 */
function decimal(value: unknown): string {
  const text = typeof value === 'string' ? value.replace(/^(-?)\./, '$10.') : value;
  return canonicalDecimal(text) ?? String(value);
}

function money(value: unknown): Money | undefined {
  const m = obj(value);
  if (!m) return undefined;
  return { amount: decimal(m.value), currency: String(m.currency_code) };
}

function toWireMoney(value: Money): PayPalMoney {
  return { currency_code: value.currency, value: value.amount };
}

function quantity(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : decimal(value);
}

function tiers(value: unknown): Value | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((tier: Obj) => {
    const out: Record<string, Value> = { starting_quantity: quantity(tier.starting_quantity) ?? '' };
    const end = quantity(tier.ending_quantity);
    if (end !== undefined) out.ending_quantity = end;
    out.amount = money(tier.amount) ?? null;
    return out;
  });
}

function set(attrs: Attrs, path: string, value: Value | undefined): void {
  if (value !== undefined && value !== null) attrs[path] = value;
}

/** Flat attributes of a plan, from a YAML spec or a full wire plan. */
export function toAttrs(plan: Obj): Attrs {
  const attrs: Attrs = {};
  for (const field of ['product_id', 'name', 'description', 'status', 'quantity_supported'] as const) {
    set(attrs, field, plan[field] as Value | undefined);
  }
  const prefs = obj(plan.payment_preferences) ?? {};
  set(attrs, 'payment_preferences.auto_bill_outstanding', prefs.auto_bill_outstanding as Value | undefined);
  set(
    attrs,
    'payment_preferences.payment_failure_threshold',
    prefs.payment_failure_threshold as Value | undefined,
  );
  set(attrs, 'payment_preferences.setup_fee', money(prefs.setup_fee));
  set(
    attrs,
    'payment_preferences.setup_fee_failure_action',
    prefs.setup_fee_failure_action as Value | undefined,
  );
  const taxes = obj(plan.taxes);
  if (taxes) {
    set(attrs, 'taxes.percentage', decimal(taxes.percentage));
    // PayPal's default: with taxes set and `inclusive` omitted, prices include tax.
    attrs['taxes.inclusive'] = taxes.inclusive === undefined ? true : Boolean(taxes.inclusive);
  }
  const cycles = Array.isArray(plan.billing_cycles) ? (plan.billing_cycles as Obj[]) : [];
  for (const cycle of cycles) {
    const at = `billing_cycles[${String(cycle.sequence)}]`;
    const frequency = obj(cycle.frequency) ?? {};
    set(attrs, `${at}.tenure_type`, cycle.tenure_type as Value | undefined);
    attrs[`${at}.frequency`] = {
      interval_unit: String(frequency.interval_unit),
      interval_count: Number(frequency.interval_count ?? 1),
    };
    set(attrs, `${at}.total_cycles`, cycle.total_cycles as Value | undefined);
    const scheme = obj(cycle.pricing_scheme) ?? {};
    set(attrs, `${at}.pricing_scheme.fixed_price`, money(scheme.fixed_price));
    set(attrs, `${at}.pricing_scheme.pricing_model`, scheme.pricing_model as Value | undefined);
    set(attrs, `${at}.pricing_scheme.tiers`, tiers(scheme.tiers));
  }
  return attrs;
}

function pricingScheme(attrs: Attrs, at: string): Obj | undefined {
  const fixed = attrs[`${at}.pricing_scheme.fixed_price`];
  const model = attrs[`${at}.pricing_scheme.pricing_model`];
  const tierList = attrs[`${at}.pricing_scheme.tiers`];
  if (fixed === undefined && model === undefined && tierList === undefined) return undefined;
  const scheme: Obj = {};
  if (isMoney(fixed)) scheme.fixed_price = toWireMoney(fixed);
  if (model !== undefined) scheme.pricing_model = model;
  if (Array.isArray(tierList)) {
    scheme.tiers = tierList.map((tier) => {
      const t = tier as Record<string, Value>;
      return { ...t, amount: isMoney(t.amount) ? toWireMoney(t.amount) : t.amount };
    });
  }
  return scheme;
}

/** The create body, rebuilt from attributes (a saved plan carries attributes, not YAML). */
export function createBody(attrs: Attrs): Obj {
  const body: Obj = { product_id: attrs.product_id, name: attrs.name };
  if (attrs.description !== undefined) body.description = attrs.description;
  // PayPal creates only CREATED or ACTIVE; INACTIVE is reached by deactivating after the create.
  body.status = attrs.status === 'CREATED' ? 'CREATED' : 'ACTIVE';
  if (attrs.quantity_supported !== undefined) body.quantity_supported = attrs.quantity_supported;
  const cycles: Obj[] = [];
  for (let n = 1; n <= MAX_CYCLES; n++) {
    const at = `billing_cycles[${n}]`;
    if (attrs[`${at}.tenure_type`] === undefined) continue;
    const cycle: Obj = {
      tenure_type: attrs[`${at}.tenure_type`],
      sequence: n,
      frequency: attrs[`${at}.frequency`],
    };
    if (attrs[`${at}.total_cycles`] !== undefined) cycle.total_cycles = attrs[`${at}.total_cycles`];
    const scheme = pricingScheme(attrs, at);
    if (scheme) cycle.pricing_scheme = scheme;
    cycles.push(cycle);
  }
  body.billing_cycles = cycles;
  const prefs: Obj = {};
  for (const [path, value] of Object.entries(attrs)) {
    if (!path.startsWith('payment_preferences.') || value === undefined) continue;
    prefs[path.slice('payment_preferences.'.length)] = isMoney(value) ? toWireMoney(value) : value;
  }
  body.payment_preferences = prefs;
  if (attrs['taxes.percentage'] !== undefined) {
    body.taxes = { percentage: attrs['taxes.percentage'], inclusive: attrs['taxes.inclusive'] ?? true };
  }
  return body;
}

const PATCH_PATHS = new Set([
  'name',
  'description',
  'payment_preferences.auto_bill_outstanding',
  'payment_preferences.payment_failure_threshold',
  'payment_preferences.setup_fee',
  'payment_preferences.setup_fee_failure_action',
  'taxes.percentage',
]);

export interface PatchOperation {
  op: 'replace';
  path: string;
  value: unknown;
}

/** One JSON Patch document with one `replace` per changed patchable field. */
export function patchOperations(changes: FieldChange[]): PatchOperation[] {
  return changes
    .filter((change) => PATCH_PATHS.has(change.path) && change.after !== undefined)
    .map((change) => ({
      op: 'replace',
      path: `/${change.path.replace(/\./g, '/')}`,
      value: isMoney(change.after) ? toWireMoney(change.after) : change.after,
    }));
}

export interface PricingSchemeUpdate {
  billing_cycle_sequence: number;
  pricing_scheme: Obj;
}

/** One entry per cycle whose pricing changed, carrying that cycle's whole desired scheme. */
export function pricingUpdates(changes: FieldChange[], desired: Attrs): PricingSchemeUpdate[] {
  const sequences = new Set<number>();
  for (const change of changes) {
    const match = /^billing_cycles\[(\d+)\]\.pricing_scheme\./.exec(change.path);
    if (match) sequences.add(Number(match[1]));
  }
  return [...sequences]
    .sort((a, b) => a - b)
    .map((n) => ({
      billing_cycle_sequence: n,
      pricing_scheme: pricingScheme(desired, `billing_cycles[${n}]`) ?? {},
    }));
}
