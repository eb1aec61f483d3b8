// Stripe's plans-file rules. A plans entry is a product with its prices nested under it, keyed by
// lookup key: `split` makes one plan of the product and one of each price. The checks are the ones
// the schema cannot express: a known currency and amounts Stripe can hold (its minor unit plus at
// most 12 decimals, `unit_amount_decimal`), a consistent billing scheme and tiers, interval counts up
// to three years, metadata within Stripe's limits, lookup keys unique in the file (Stripe keeps them
// unique per account).

import { isCurrency } from '../../core/currencies.js';
import { fractionDigits } from '../../config/decimal-text.js';
import { isMapping } from '../../config/data.js';
import type { PlanPart, PlanRuleInput, ProviderRules, RuleFinding } from '../rules.js';
import { exponentOf, MARKER } from './mapping.js';

type Obj = Record<string, unknown>;
const PRICES = 'prices';
/** Stripe's `unit_amount_decimal` takes at most 12 decimals in the minor unit. */
const MINOR_DECIMALS = 12;
/** Recurring intervals up to three years (stripe.md §6). */
const MAX_INTERVALS: Readonly<Record<string, number>> = { day: 1095, week: 156, month: 36, year: 3 };
const METADATA_KEYS = 50;

/** The Stripe id of an entry's product: its `id`, or the entry's key. */
function productIdOf(key: string, fields: Readonly<Obj>): string {
  return typeof fields.id === 'string' ? fields.id : key;
}

function split({ key, fields }: { key: string; fields: Readonly<Obj> }): PlanPart[] {
  const { [PRICES]: prices, id: _id, ...product } = fields;
  const productId = productIdOf(key, fields);
  const parts: PlanPart[] = [
    { at: [], fields: { ...product, object: 'product', product: productId }, pinnable: false },
  ];
  for (const [lookupKey, raw] of Object.entries(isMapping(prices) ? prices : {})) {
    parts.push({
      key: lookupKey,
      at: [PRICES, lookupKey],
      fields: { ...(isMapping(raw) ? raw : {}), object: 'price', product: productId, lookup_key: lookupKey },
      pinnable: true,
    });
  }
  return parts;
}

function amountFinding(amount: unknown, currency: string, at: (string | number)[]): RuleFinding[] {
  if (typeof amount !== 'number' && typeof amount !== 'string') return [];
  const exponent = exponentOf(currency);
  const digits = fractionDigits(amount);
  if (digits === undefined || digits <= exponent + MINOR_DECIMALS) return [];
  return [
    {
      at,
      message: `\`${String(amount)}\` has ${digits} decimal places; Stripe holds ${currency} amounts to ${exponent + MINOR_DECIMALS} (12 beyond its minor unit)`,
      hint: 'round the amount',
    },
  ];
}

function metadataFindings(metadata: unknown, at: (string | number)[]): RuleFinding[] {
  if (!isMapping(metadata)) return [];
  const findings: RuleFinding[] = [];
  const keys = Object.keys(metadata);
  if (keys.length > METADATA_KEYS)
    findings.push({ at, message: `${keys.length} metadata keys; Stripe keeps at most ${METADATA_KEYS}` });
  for (const key of keys) {
    if (key === MARKER)
      findings.push({
        at: [...at, key],
        target: 'key',
        message: `metadata key \`${MARKER}\` is plansync's own`,
        hint: 'plansync writes it on the prices it creates (the lookup key they were created for); use another key',
      });
    else if (key.length > 40 || /[[\]]/.test(key))
      findings.push({
        at: [...at, key],
        target: 'key',
        message: 'a Stripe metadata key has at most 40 characters and no `[` or `]`',
      });
  }
  return findings;
}

function priceFindings(price: Obj, at: (string | number)[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const currency = typeof price.currency === 'string' ? price.currency : '';
  if (!isCurrency(currency.toUpperCase())) {
    findings.push({
      at: [...at, 'currency'],
      message: `unknown currency \`${currency}\``,
      hint: 'use a lowercase ISO 4217 code such as usd or eur',
    });
    return findings;
  }
  findings.push(...amountFinding(price.unit_amount, currency, [...at, 'unit_amount']));
  const tiered = price.billing_scheme === 'tiered';
  const tiers = Array.isArray(price.tiers) ? (price.tiers as Obj[]) : undefined;
  if (tiered) {
    if (!tiers || price.tiers_mode === undefined)
      findings.push({ at, target: 'key', message: 'a tiered price needs `tiers_mode` and `tiers`' });
    if (price.unit_amount !== undefined)
      findings.push({
        at: [...at, 'unit_amount'],
        message: 'a tiered price has no `unit_amount`: its amounts are in `tiers`',
      });
    if (price.transform_quantity !== undefined)
      findings.push({
        at: [...at, 'transform_quantity'],
        message: 'Stripe does not take `transform_quantity` with tiers',
      });
  } else {
    if (tiers || price.tiers_mode !== undefined)
      findings.push({ at, target: 'key', message: '`tiers` and `tiers_mode` need `billing_scheme: tiered`' });
    if (price.unit_amount === undefined)
      findings.push({ at, target: 'key', message: 'missing `unit_amount` (write 0 for a free price)' });
  }
  let previous = 0;
  (tiers ?? []).forEach((tier, index) => {
    const last = index === (tiers?.length ?? 0) - 1;
    const upTo = tier.up_to;
    if (last !== (upTo === 'inf'))
      findings.push({
        at: [...at, 'tiers', index, 'up_to'],
        message: last ? 'the last tier must go `up_to: inf`' : 'only the last tier goes `up_to: inf`',
      });
    else if (typeof upTo === 'number') {
      if (upTo <= previous)
        findings.push({
          at: [...at, 'tiers', index, 'up_to'],
          message: 'tiers must go up: each `up_to` above the one before',
        });
      previous = upTo;
    }
    for (const field of ['unit_amount', 'flat_amount'])
      findings.push(...amountFinding(tier[field], currency, [...at, 'tiers', index, field]));
  });
  const recurring = isMapping(price.recurring) ? price.recurring : undefined;
  const interval = typeof recurring?.interval === 'string' ? recurring.interval : undefined;
  const count = recurring?.interval_count;
  if (interval !== undefined && typeof count === 'number' && count > (MAX_INTERVALS[interval] ?? Infinity)) {
    findings.push({
      at: [...at, 'recurring', 'interval_count'],
      message: `${count} ${interval}s is more than three years; Stripe bills at most every ${MAX_INTERVALS[interval]} ${interval}s`,
    });
  }
  findings.push(...metadataFindings(price.metadata, [...at, 'metadata']));
  return findings;
}

function planRules({ key, fields }: PlanRuleInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (fields.id === undefined && !/^[A-Za-z0-9_-]+$/.test(key)) {
    findings.push({
      message: `\`${key}\` cannot be a Stripe product id (letters, digits, \`_\` and \`-\`)`,
      hint: 'name the product with `id:`, or use a key without `.`',
    });
  }
  if (fields.type === 'good') {
    for (const field of ['statement_descriptor', 'unit_label']) {
      if (fields[field] !== undefined)
        findings.push({ at: [field], message: `\`${field}\` is for \`type: service\` products only` });
    }
  }
  findings.push(...metadataFindings(fields.metadata, ['metadata']));
  const prices = isMapping(fields[PRICES]) ? fields[PRICES] : {};
  for (const [lookupKey, price] of Object.entries(prices)) {
    if (isMapping(price)) findings.push(...priceFindings(price, [PRICES, lookupKey]));
  }
  return findings;
}

/** Lookup keys are unique per Stripe account, and product ids too: across the whole file. */
function fileRules(inputs: readonly PlanRuleInput[]): Array<RuleFinding & { key: string }> {
  const findings: Array<RuleFinding & { key: string }> = [];
  const products = new Map<string, string>();
  const lookupKeys = new Map<string, string>();
  for (const { key, fields } of inputs) {
    const productId = productIdOf(key, fields);
    const other = products.get(productId);
    if (other !== undefined) {
      findings.push({
        key,
        message: `product id \`${productId}\` is also \`plans.${other}\`'s`,
        hint: 'one entry per Stripe product',
      });
    } else products.set(productId, key);
    for (const lookupKey of Object.keys(isMapping(fields[PRICES]) ? fields[PRICES] : {})) {
      const first = lookupKeys.get(lookupKey);
      if (first !== undefined) {
        findings.push({
          key,
          at: [PRICES, lookupKey],
          target: 'key',
          message: `lookup key \`${lookupKey}\` is also a price of \`plans.${first}\``,
          hint: 'Stripe keeps a lookup key on one price per account',
        });
      } else lookupKeys.set(lookupKey, key);
    }
  }
  return findings;
}

export const stripeRules: ProviderRules = { plan: planRules, file: fileRules, split };
