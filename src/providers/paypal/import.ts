// `plansync import` for PayPal: a live plan back into the YAML that declares it, `id` first. The
// attributes are flat paths (`billing_cycles[2].pricing_scheme.fixed_price`); the spec rebuilds
// PayPal's nested shape from them. Reads list every plan of the account, or of the `--product`s.

import { canonicalDecimal } from '../../core/money.js';
import { isRetired } from '../../core/identity.js';
import type { LiveObject } from '../../core/model.js';
import { isMoney, type Attrs, type Money, type Value } from '../../core/value.js';
import { amountText } from '../import-kit.js';
import type { ImportedPlan, ProviderImporter } from '../types.js';
import { MAX_CYCLES, paypalContract } from './contract.js';

type Obj = Record<string, unknown>;

const COMMENTS: Record<string, string> = {
  product_id: 'fixed at creation',
  status: 'changed by activate/deactivate; a plan never returns to CREATED',
  quantity_supported: 'fixed at creation',
  billing_cycles: "fixed at creation, except each cycle's price (update-pricing-schemes)",
};

const money = (value: Money): Obj => ({
  currency_code: value.currency,
  value: amountText(value.amount, value.currency),
});

/** A quantity as a YAML number when it is a whole number a double holds exactly, else its text. */
function quantity(value: Value | undefined): unknown {
  const text = canonicalDecimal(value) ?? String(value);
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

function tiers(value: Value | undefined): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((tier) => {
    const t = (tier ?? {}) as Record<string, Value>;
    const out: Obj = { starting_quantity: quantity(t.starting_quantity) };
    if (t.ending_quantity !== undefined) out.ending_quantity = quantity(t.ending_quantity);
    if (isMoney(t.amount)) out.amount = money(t.amount);
    return out;
  });
}

function cycles(attrs: Attrs): Obj[] {
  const out: Obj[] = [];
  for (let n = 1; n <= MAX_CYCLES; n++) {
    const at = `billing_cycles[${n}]`;
    if (attrs[`${at}.tenure_type`] === undefined && attrs[`${at}.frequency`] === undefined) continue;
    const cycle: Obj = { tenure_type: attrs[`${at}.tenure_type`], sequence: n };
    cycle.frequency = attrs[`${at}.frequency`];
    if (attrs[`${at}.total_cycles`] !== undefined) cycle.total_cycles = attrs[`${at}.total_cycles`];
    const scheme: Obj = {};
    const fixed = attrs[`${at}.pricing_scheme.fixed_price`];
    if (isMoney(fixed)) scheme.fixed_price = money(fixed);
    const model = attrs[`${at}.pricing_scheme.pricing_model`];
    if (model !== undefined) scheme.pricing_model = model;
    const tierList = attrs[`${at}.pricing_scheme.tiers`];
    if (tierList !== undefined) scheme.tiers = tiers(tierList);
    if (Object.keys(scheme).length > 0) cycle.pricing_scheme = scheme;
    out.push(cycle);
  }
  return out;
}

function toSpec(object: LiveObject): ImportedPlan {
  const { attrs } = object;
  const spec: Obj = { id: object.id };
  for (const field of ['product_id', 'name', 'description', 'status', 'quantity_supported']) {
    if (attrs[field] !== undefined) spec[field] = attrs[field];
  }
  spec.billing_cycles = cycles(attrs);
  const prefs: Obj = {};
  for (const [path, value] of Object.entries(attrs)) {
    if (!path.startsWith('payment_preferences.') || value === undefined) continue;
    prefs[path.slice('payment_preferences.'.length)] = isMoney(value) ? money(value) : value;
  }
  spec.payment_preferences = prefs;
  if (attrs['taxes.percentage'] !== undefined) {
    spec.taxes = { percentage: attrs['taxes.percentage'], inclusive: attrs['taxes.inclusive'] ?? true };
  }
  const comments: Record<string, string> = {};
  for (const [field, comment] of Object.entries(COMMENTS)) if (field in spec) comments[field] = comment;
  if (attrs['taxes.percentage'] !== undefined)
    comments.taxes = 'the percentage can change; inclusive is fixed';
  const name = attrs.name;
  return {
    spec,
    comments,
    ...(typeof name === 'string' ? { name } : {}),
    retired: isRetired(paypalContract, object),
  };
}

export const paypalImporter: ProviderImporter = {
  filters: { product: 'only the plans of this catalog product id (repeatable)' },
  // Without `--product` the list has no product filter: every plan of the account.
  plan: async (_connection, request) => {
    const products = request.only.product ?? [];
    return products.length === 0 ? {} : { scope: { product_ids: [...new Set(products)].sort() } };
  },
  toSpec,
};
