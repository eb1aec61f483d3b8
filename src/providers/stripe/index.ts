// The Stripe provider: Products and Prices of API v1 (the legacy Plans API is out of scope), a secret
// or restricted key, form-encoded writes, a pinned Stripe-Version. One plans entry is a product with
// its prices nested under it (rules.ts); a price's money terms never change, so changing them is a
// replacement done the Stripe way (adapter.ts): new price with the lookup key, default price moved,
// old price archived.

import type { DesiredPlan, LiveObject, PlanItem } from '../../core/model.js';
import { formatAmount } from '../../core/money.js';
import type { Provider } from '../types.js';
import { PER_PRODUCT_READS, StripeAdapter } from './adapter.js';
import { PAGE_SIZE, StripeApi } from './api.js';
import { stripeContract } from './contract.js';
import { stripeImporter } from './import.js';
import { exponentOf, toAttrs } from './mapping.js';
import { stripeOptions, type StripeOptions } from './options.js';
import { stripeRules } from './rules.js';
import { describeStripeError } from './wire.js';

/** A live-mode key: `sk_live_…` or `rk_live_…`; anything else opens test mode (Stripe's sandbox). */
const isLiveKey = (key: string): boolean => /^(sk|rk)_live_/.test(key);

export const stripe: Provider<StripeOptions> = {
  id: 'stripe',
  title: 'Stripe products and prices',
  contract: stripeContract,
  // One host: the key decides the mode (stripe.md §1).
  baseUrls: { sandbox: 'https://api.stripe.com', production: 'https://api.stripe.com' },
  credentials: [
    {
      name: 'secret_key',
      exampleEnv: 'STRIPE_SECRET_KEY',
      doc: 'secret or restricted key (sk_test_/rk_test_ in the sandbox, sk_live_/rk_live_ in production); Read on Products and Prices is enough to plan, Write to apply',
    },
  ],
  options: stripeOptions,
  // Test mode allows 25 requests a second; plansync keeps below it (stripe.md §12).
  connectionDefaults: { requestsPerSecond: 20 },
  planSchema: 'stripe.plans.schema.json',
  rules: stripeRules,
  desiredAttrs: toAttrs,
  authenticator(credentials) {
    const token = Buffer.from(`${credentials.secret_key ?? ''}:`).toString('base64');
    return { headers: () => ({ authorization: `Basic ${token}` }) };
  },
  credentialWarnings(credentials, environment) {
    const live = isLiveKey(credentials.secret_key ?? '');
    if (environment === 'production' && !live)
      return ['the key is a test-mode key: this production connection reads and writes Stripe test mode'];
    if (environment === 'sandbox' && live)
      return [
        'the key is a live-mode key: this sandbox connection reads and writes your live Stripe account',
      ];
    return [];
  },
  importer: stripeImporter,
  describeError: describeStripeError,
  // 409 is a request clashing with another under the same idempotency key: retried after a pause.
  retryableStatuses: [409],
  retryHint(_status, headers) {
    const said = headers['stripe-should-retry'];
    const value = Array.isArray(said) ? said[0] : said;
    return value === 'true' ? true : value === 'false' ? false : undefined;
  },
  // A whole run reads the whole account, so pruning sees every product and price; a targeted one
  // (`--target`, `--changed-since`; pruning off) reads only the products it plans.
  readScope: (desired, { targeted }) =>
    targeted
      ? {
          product_ids: [
            ...new Set(desired.map(({ attrs }) => attrs.product).filter((id) => typeof id === 'string')),
          ].sort(),
        }
      : undefined,
  estimateReads(scope, declared) {
    const products = Array.isArray(scope?.product_ids) ? scope.product_ids.length : undefined;
    if (products === 0) return { requests: 0, exact: true };
    if (products !== undefined && products <= PER_PRODUCT_READS) {
      return {
        requests: Math.ceil(products / PAGE_SIZE) + 2 * products,
        exact: false,
        basis: `${products} product${products === 1 ? '' : 's'}: one product read, then active and archived prices of each`,
      };
    }
    const pages = Math.ceil((products ?? 1) / PAGE_SIZE) + Math.max(1, Math.ceil(declared / PAGE_SIZE)) + 1;
    return {
      requests: pages,
      exact: false,
      basis: `${declared} declared products and prices at ${PAGE_SIZE} per page: products, active prices, archived prices`,
    };
  },
  describe: describeItem,
  connect: (connection) =>
    new StripeAdapter(
      new StripeApi(connection.http),
      connection.options,
      isLiveKey(connection.credentials.secret_key ?? ''),
    ),
};

function money(value: unknown, currency: unknown): string {
  if (typeof value !== 'string' || typeof currency !== 'string') return 'no amount';
  return formatAmount(value, currency.toUpperCase(), exponentOf(currency));
}

function describeItem(
  item: PlanItem,
  desired: DesiredPlan | undefined,
  live: LiveObject | undefined,
): string[] {
  const notes: string[] = [];
  const kind = (desired?.attrs.object ?? live?.attrs.object) === 'product' ? 'product' : 'price';
  if (item.action === 'replace' && live && kind === 'price') {
    const before = money(live.attrs.unit_amount, live.attrs.currency);
    const after = money(desired?.attrs.unit_amount, desired?.attrs.currency);
    const key = String(desired?.attrs.lookup_key ?? live.attrs.lookup_key);
    notes.push(
      `Stripe prices never change their money terms: plansync creates a new price with lookup key ${key} (moved from price ${live.id} with transfer_lookup_key), moves the product's default price to it if it was ${live.id}, then archives price ${live.id}.`,
      `Existing subscriptions stay on price ${live.id} at ${before}; new subscriptions, Checkout and lookups of ${key} get ${after}. Stripe does not move subscriptions between prices.`,
    );
  }
  if (item.action === 'retire') {
    notes.push(
      kind === 'product'
        ? 'Archives the product (active=false): no new purchases; existing subscriptions keep billing. Its prices are not archived by this.'
        : 'Archives the price (active=false): no new purchases; existing subscriptions keep billing on it.',
    );
  }
  if (item.action === 'create' && kind === 'product')
    notes.push(
      `Creates product ${String(desired?.attrs.product)} with that id (plansync chooses Stripe product ids).`,
    );
  return notes;
}
