// `plansync import` for Stripe: live products back into plans entries, each with its prices nested
// under `prices`, keyed by lookup key. A product's id becomes its entry's `id` (its key is derived
// from its name); a price's id is pinned in its own mapping. Prices that cannot be nested are left
// out, with the reason: one without a lookup key (the YAML keys prices by it), or one whose product
// the YAML already declares (add it there by hand; import never edits an existing entry).

import { isRetired } from '../../core/identity.js';
import type { LiveObject } from '../../core/model.js';
import { amountValue } from '../import-kit.js';
import type { ImportedPlan, ProviderImporter } from '../types.js';
import { stripeContract } from './contract.js';

const FIXED = 'fixed: a change is a new price (lifecycle.replace or --replace)';
const PRODUCT_FIELDS = [
  'name',
  'description',
  'active',
  'type',
  'statement_descriptor',
  'unit_label',
  'tax_code',
  'url',
];

function metadataOf(object: LiveObject): Record<string, unknown> {
  const metadata = object.attrs.metadata;
  return typeof metadata === 'object' && metadata !== null && Object.keys(metadata).length > 0
    ? { metadata }
    : {};
}

function productSpec(object: LiveObject): ImportedPlan {
  const spec: Record<string, unknown> = { id: object.id };
  for (const field of PRODUCT_FIELDS) {
    const value = object.attrs[field];
    // Defaults are left out: an active, `service` product says only what differs.
    const isDefault = (field === 'active' && value === true) || (field === 'type' && value === 'service');
    if (value !== undefined && !isDefault) spec[field] = value;
  }
  Object.assign(spec, metadataOf(object));
  const notes: string[] = [];
  if (typeof object.attrs.default_price === 'string')
    notes.push(
      `default price: ${object.attrs.default_price} (not declared; a replacement moves it to the new price)`,
    );
  return {
    spec,
    comments: { id: 'the Stripe product id', ...(spec.type !== undefined && { type: 'fixed at creation' }) },
    notes,
    ...(typeof object.attrs.name === 'string' && { name: object.attrs.name }),
    retired: isRetired(stripeContract, object),
  };
}

/** A price as its mapping under `prices.<lookup_key>`, amounts in the major unit. */
function priceSpec(object: LiveObject): Record<string, unknown> {
  const a = object.attrs;
  const currency = a.currency;
  // Amounts keep their currency's decimals (49.00 usd, 500 jpy): ISO case for the minor-unit table.
  const code = typeof currency === 'string' ? currency.toUpperCase() : currency;
  const spec: Record<string, unknown> = { id: object.id, currency };
  if (a.unit_amount !== undefined) spec.unit_amount = amountValue(a.unit_amount, code);
  if (a.billing_scheme === 'tiered') {
    spec.billing_scheme = 'tiered';
    spec.tiers_mode = a.tiers_mode;
    spec.tiers = (Array.isArray(a.tiers) ? a.tiers : []).map((tier) => {
      const t = tier as Record<string, unknown>;
      return {
        up_to: t.up_to,
        ...(t.unit_amount !== undefined && { unit_amount: amountValue(t.unit_amount, code) }),
        ...(t.flat_amount !== undefined && { flat_amount: amountValue(t.flat_amount, code) }),
      };
    });
  }
  if (a['recurring.interval'] !== undefined) {
    spec.recurring = {
      interval: a['recurring.interval'],
      ...(a['recurring.interval_count'] !== undefined && { interval_count: a['recurring.interval_count'] }),
      ...(a['recurring.usage_type'] !== undefined && { usage_type: a['recurring.usage_type'] }),
      ...(a['recurring.trial_period_days'] !== undefined && {
        trial_period_days: a['recurring.trial_period_days'],
      }),
    };
  }
  if (a.transform_quantity !== undefined) spec.transform_quantity = a.transform_quantity;
  if (a.tax_behavior !== undefined) spec.tax_behavior = a.tax_behavior;
  if (a.nickname !== undefined) spec.nickname = a.nickname;
  if (a.active === false) spec.active = false;
  return { ...spec, ...metadataOf(object) };
}

function toSpec(object: LiveObject): ImportedPlan {
  if (object.attrs.object === 'product') return productSpec(object);
  // Folded into its product's entry by `assemble`; on its own it is never written.
  return { spec: priceSpec(object), retired: isRetired(stripeContract, object) };
}

export const stripeImporter: ProviderImporter = {
  toSpec,
  assemble(candidates) {
    const products = new Map(
      candidates.filter(({ object }) => object.attrs.object === 'product').map((c) => [c.object.id, c]),
    );
    const left: Array<{ id: string; reason: string }> = [];
    for (const { object, plan } of candidates) {
      if (object.attrs.object !== 'price') continue;
      const product = products.get(String(object.attrs.product));
      const lookupKey = object.attrs.lookup_key;
      if (typeof lookupKey !== 'string') {
        left.push({
          id: object.id,
          reason: 'no lookup key: plansync keys prices by it; set one in Stripe, then import again',
        });
      } else if (!product) {
        left.push({
          id: object.id,
          reason: `its product ${String(object.attrs.product)} is already declared (or left out): add the price under its \`prices\` by hand`,
        });
      } else {
        const prices = (product.plan.spec.prices ??= {}) as Record<string, unknown>;
        prices[lookupKey] = plan.spec;
        product.plan.comments = {
          ...product.plan.comments,
          prices: `by lookup key; amounts, currency and recurring are ${FIXED}`,
        };
      }
    }
    return { kept: candidates.filter(({ object }) => object.attrs.object === 'product'), left };
  },
};
