// Stripe in the benchmark (see bench/lib/bench-provider.ts for what each field is for). `count` is
// the number of prices, ten to a product: 1,000 prices are 100 products, and the plans file declares
// both (products with their prices nested). A whole run lists the account: products, active prices,
// archived prices, 100 to a page, each listing following a cursor. The bench uses a live-mode key,
// so the emulator allows live mode's documented 100 requests a second (test mode: 25).

import { startStripeEmulator, type StripeSeedObject } from '../../src/sandbox/stripe/index.js';
import {
  BASE_URL_ENV,
  CONCURRENCY,
  CONNECTION,
  everyTenth,
  isGet,
  projectYaml,
  rateLimit,
  type BenchProvider,
} from '../lib/bench-provider.js';

const KEY = 'sk_live_bench_not_secret';
const PRICES_PER_PRODUCT = 10;
const PAGE = 100;

const productId = (p: number) => `bench_${String(p + 1).padStart(5, '0')}`;
const priceId = (i: number) => `price_bench${String(i + 1).padStart(7, '0')}`;
const lookupKey = (i: number) => `k${String(i + 1).padStart(7, '0')}`;
/** Price i's amount in cents: spread, deterministic. */
const cents = (i: number) => 500 + ((i * 37) % 9500);

function generate(count: number): StripeSeedObject[] {
  const out: StripeSeedObject[] = [];
  const products = Math.ceil(count / PRICES_PER_PRODUCT);
  for (let p = 0; p < products; p++)
    out.push({ id: productId(p), object: 'product', name: `Product ${p + 1}` });
  for (let i = 0; i < count; i++) {
    out.push({
      id: priceId(i),
      object: 'price',
      product: productId(Math.floor(i / PRICES_PER_PRODUCT)),
      currency: 'usd',
      unit_amount: cents(i),
      recurring: {
        interval: 'month',
        interval_count: 1,
        usage_type: 'licensed',
        trial_period_days: null,
        meter: null,
      },
      lookup_key: lookupKey(i),
      nickname: `Price ${i + 1}`,
      metadata: { plansync_key: lookupKey(i) },
    });
  }
  return out;
}

export const stripeBench: BenchProvider = {
  id: 'stripe',
  limits: {
    pageSize: PAGE,
    concurrency: CONCURRENCY,
    listConcurrency: 1,
    rateLimit: 100,
    rateSource: "live mode's 100 requests/s (stripe.md §12; test mode allows 25)",
    tokenRequest: false,
    verifyReads: 0,
  },
  // Products, active prices, archived prices: each listing at least one page.
  listPages: (count) => Math.ceil(Math.ceil(count / PRICES_PER_PRODUCT) / PAGE) + Math.ceil(count / PAGE) + 1,
  // The peer refreshes every object the YAML declares: products and prices, in declaration order.
  ids(count) {
    const ids: string[] = [];
    for (let p = 0; p < Math.ceil(count / PRICES_PER_PRODUCT); p++) {
      ids.push(productId(p));
      for (let i = p * PRICES_PER_PRODUCT; i < Math.min(count, (p + 1) * PRICES_PER_PRODUCT); i++)
        ids.push(priceId(i));
    }
    return ids;
  },
  async start(count, settings) {
    const emulator = await startStripeEmulator({
      credentials: { secretKey: KEY },
      seed: generate(count),
      latencyMs: settings.latencyMs,
      rateLimit: rateLimit(this.limits.rateLimit, settings) ?? null,
    });
    const basic = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
    return {
      emulator,
      env: { [BASE_URL_ENV]: emulator.baseUrl, ST_KEY: KEY },
      peer: {
        authenticate: async () => ({ authorization: basic, accept: 'application/json' }),
        urlFor: (id) => `${emulator.baseUrl}/v1/${id.startsWith('price_') ? 'prices' : 'products'}/${id}`,
      },
    };
  },
  projectYaml(settings) {
    // A live key on a production connection, as a real account would be.
    return projectYaml('stripe', { secret_key: 'ST_KEY' }, this.limits, settings, [
      'environment: production',
    ]);
  },
  // The changed prices get a new nickname: one update each (POST /v1/prices/{id}, after one GET).
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    for (let p = 0; p < Math.ceil(count / PRICES_PER_PRODUCT); p++) {
      lines.push(`  ${productId(p)}:`, `    name: Product ${p + 1}`, '    prices:');
      for (let i = p * PRICES_PER_PRODUCT; i < Math.min(count, (p + 1) * PRICES_PER_PRODUCT); i++) {
        const amount = (cents(i) / 100).toFixed(2);
        const nickname = `Price ${i + 1}${changed.has(i) ? ' (revised)' : ''}`;
        lines.push(
          `      ${lookupKey(i)}: { id: ${priceId(i)}, currency: usd, unit_amount: ${amount}, recurring: { interval: month }, nickname: ${nickname} }`,
        );
      }
    }
    return `${lines.join('\n')}\n`;
  },
  changeSet: everyTenth,
  classify: (entry) => {
    if (!isGet(entry)) return 'write';
    return entry.path === '/v1/products' || entry.path === '/v1/prices' ? 'list' : 'get';
  },
};
