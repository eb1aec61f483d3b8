// Stripe's mutability contract (providers/stripe.md §§5–8): products and prices, in one connection.
// One plans entry is a product with its prices nested under it (rules.ts splits it); each becomes
// its own plan, told apart by `object`, and matched by (object, product, plansync_key): a product by
// its id (plansync creates products with the id the YAML names), a price by its lookup key, kept in
// `metadata.plansync_key` too, so the price a replacement left behind is still known as that plan's.
//
// What changes in place is exactly what Stripe's update parameters take (ProductUpdateParams,
// PriceUpdateParams in stripe-node 23.2.0; test/providers/stripe-update-params.test.ts holds the
// contract to them). A price's money terms never change: any change to them is a replacement, done
// the Stripe way by the adapter (new price taking the lookup key, default price moved, old archived).

import type { Condition, Contract, FieldRule } from '../../core/contract.js';

/** `tax_behavior`: settable once, from `unspecified` (stripe.md §6, SDK comment on `tax_behavior`). */
const taxBehavior: Condition = {
  description:
    'in place only while the price is `unspecified`; once `inclusive` or `exclusive` it is fixed (a new price)',
  check({ before }) {
    if (before === undefined || before === 'unspecified') return { verdict: 'allowed' };
    return {
      verdict: 'needs-replacement',
      reason: `\`tax_behavior\` is ${String(before)} on the live price: Stripe sets it once, from unspecified`,
    };
  },
};

/** A product's `type` is fixed, and its id is plansync's name for it: no second product can take it. */
const productType: Condition = {
  description:
    'fixed at creation; a product cannot be replaced (its id is its YAML key), so a change is refused',
  check({ before, after }) {
    return {
      verdict: 'blocked',
      reason: `a Stripe product's \`type\` cannot change (${String(before ?? 'service')} → ${String(after ?? 'service')})`,
      wayOut: 'declare the product under another key (a new product id), and set `active: false` on this one',
    };
  },
};

/**
 * A field Stripe takes only as a value, never empty (not `Emptyable` in stripe-node's update params:
 * `statement_descriptor`, `nickname`): it can change, but removing it from the YAML cannot clear it.
 */
const notClearable: Condition = {
  description:
    'in place; cannot be cleared (Stripe takes no empty value): removing it from the YAML is reported as drift',
  check({ path, after }) {
    if (after !== undefined) return { verdict: 'allowed' };
    return {
      verdict: 'drift',
      reason: `Stripe cannot clear \`${path}\` (its update takes a value, never an empty one); declare the value to keep it, or another to change it`,
    };
  },
};

const product = (
  path: string,
  type: FieldRule['type'],
  impact: FieldRule['impact'],
  doc: string,
  extra: Partial<FieldRule> = {},
): FieldRule => ({ path, type, mutability: { mode: 'in-place' }, impact, doc, ...extra });

const fixedPrice = (path: string, type: FieldRule['type'], doc: string, extra: Partial<FieldRule> = {}) =>
  ({
    path,
    type,
    mutability: { mode: 'create-only' },
    impact: 'new-subscribers',
    doc,
    ...extra,
  }) satisfies FieldRule;

export const stripeContract: Contract = {
  provider: 'stripe',
  identity: { idField: 'id', naturalKey: ['object', 'product', 'plansync_key'] },
  status: { path: 'active', active: true, retired: false },
  terms: { noun: (attrs) => `Stripe ${attrs.object === 'product' ? 'product' : 'price'}`, retire: 'archive' },
  capabilities: { create: true, update: true, retire: 'deactivate', replace: true, reads: 'list' },
  conditions: { 'tax-behavior': taxBehavior, 'product-type': productType, 'not-clearable': notClearable },
  fields: [
    {
      path: 'object',
      type: 'enum',
      mutability: { mode: 'read-only' },
      impact: 'cosmetic',
      doc: '`product` or `price`: which of the two a plan is (set by the YAML shape, never sent).',
    },
    {
      path: 'product',
      type: 'text',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      doc: "A product's own id (its `id`, or its YAML key), chosen by plansync at create; a price's product. Fixed.",
    },
    {
      path: 'active',
      type: 'boolean',
      mutability: { mode: 'in-place' },
      impact: 'new-subscribers',
      default: true,
      doc: '`false` archives: no new purchases; existing subscriptions keep billing. Update of either object.',
    },
    {
      path: 'metadata',
      type: 'json',
      mutability: { mode: 'in-place' },
      impact: 'cosmetic',
      onlyWhenDeclared: true,
      doc: 'Key-value pairs, compared whole when declared: keys the YAML leaves out are removed (sent empty).',
    },
    product(
      'name',
      'text',
      'existing-subscribers',
      'Product name: on invoices, receipts, Checkout and the portal (inferred: future invoices of existing subscriptions too).',
    ),
    product(
      'description',
      'text',
      'existing-subscribers',
      'Product description (Checkout, portal, quotes); sent empty to clear.',
    ),
    {
      path: 'type',
      type: 'enum',
      mutability: { mode: 'conditional', condition: 'product-type' },
      impact: 'new-subscribers',
      default: 'service',
      onlyWhenDeclared: true,
      doc: 'Product `service` (usable in subscriptions) or `good`. Fixed at creation; a change is refused.',
    },
    product(
      'statement_descriptor',
      'text',
      'existing-subscribers',
      'Up to 22 characters on card statements of subscription payments (`service` products only); cannot be cleared.',
      { mutability: { mode: 'conditional', condition: 'not-clearable' } },
    ),
    product(
      'unit_label',
      'text',
      'existing-subscribers',
      'Unit shown on receipts and invoices (`service` products only).',
    ),
    product(
      'tax_code',
      'text',
      'existing-subscribers',
      'Stripe Tax code (inferred: future invoices of existing subscriptions).',
    ),
    product('url', 'text', 'cosmetic', 'Public URL of the product.'),
    {
      path: 'default_price',
      type: 'text',
      mutability: { mode: 'read-only' },
      impact: 'cosmetic',
      doc: "Product's default price id: not declared; a replacement moves it from the old price to the new one.",
    },
    {
      path: 'plansync_key',
      type: 'text',
      mutability: { mode: 'read-only' },
      impact: 'cosmetic',
      doc: "A price's identity: its lookup key, or for a price that gave its key to a successor, the key it was created for (`metadata.plansync_key`, which plansync writes and hides).",
    },
    {
      path: 'lookup_key',
      type: 'text',
      mutability: { mode: 'in-place' },
      impact: 'new-subscribers',
      doc: "A price's key in the YAML (`prices.<lookup_key>`): unique per account; a replacement moves it with `transfer_lookup_key`.",
    },
    fixedPrice('currency', 'text', 'Lowercase ISO 4217 code. Fixed: a change is a new price.'),
    fixedPrice(
      'unit_amount',
      'decimal',
      'Amount per unit in the major unit (29.99), sent in minor units. Fixed: a change is a new price.',
      {
        currencyField: 'currency',
      },
    ),
    fixedPrice('billing_scheme', 'enum', '`per_unit` or `tiered`. Fixed.', { default: 'per_unit' }),
    fixedPrice('tiers_mode', 'enum', '`graduated` or `volume` (tiered prices). Fixed.'),
    fixedPrice(
      'tiers',
      'json',
      'Tiers: `up_to` (a quantity or `inf`), `unit_amount`, `flat_amount` in the major unit. Fixed.',
    ),
    fixedPrice(
      'recurring.interval',
      'enum',
      '`day`, `week`, `month` or `year`; absent for a one-time price. Fixed.',
    ),
    fixedPrice('recurring.interval_count', 'integer', 'Intervals between bills (up to 3 years). Fixed.', {
      default: 1,
    }),
    fixedPrice('recurring.usage_type', 'enum', '`licensed` or `metered`. Fixed.', { default: 'licensed' }),
    fixedPrice(
      'recurring.trial_period_days',
      'integer',
      'Default trial days for subscriptions created from the price. Fixed.',
    ),
    fixedPrice('transform_quantity', 'json', '`divide_by` and `round` (not with tiers). Fixed.'),
    {
      path: 'tax_behavior',
      type: 'enum',
      mutability: { mode: 'conditional', condition: 'tax-behavior' },
      impact: 'new-subscribers',
      default: 'unspecified',
      doc: '`inclusive`, `exclusive` or `unspecified`: set once in place from `unspecified`, then fixed.',
    },
    {
      path: 'nickname',
      type: 'text',
      mutability: { mode: 'conditional', condition: 'not-clearable' },
      impact: 'cosmetic',
      doc: 'Internal name of a price, hidden from customers; cannot be cleared.',
    },
  ],
};
