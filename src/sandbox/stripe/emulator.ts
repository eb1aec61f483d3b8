// Starts the Stripe emulator: Products and Prices of API v1 over real HTTP on loopback, with Stripe's
// key auth, form-encoded parameters, error shape, `Request-Id` and `Stripe-Version` headers, idempotent
// POSTs and throttling answer plugged into the kit. Stripe's paths start with /v1, so the base URL is
// the origin itself.

import {
  type EmulatorResponse,
  type ProviderDefinition,
  type RateLimitConfig,
  type RunningEmulator,
  Router,
  extendEmulator,
  startEmulator,
} from '../kit/index.js';
import { ApiKeys, type StripeApiKey, isLiveKey, unauthorized } from './api-keys.js';
import type { StripeApiContext } from './endpoint.js';
import { errorResponse, faultBody, newRequestId, rateLimitResponse, unrecognizedUrl } from './errors.js';
import { decodeFormOrUndefined, encodeForm } from './form.js';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeys } from './idempotency.js';
import { priceRoutes } from './price-routes.js';
import { productRoutes } from './product-routes.js';
import { searchRoutes } from './search-routes.js';
import { DEFAULT_READINGS, type StripeReadings } from './readings.js';
import { CatalogStore } from './store.js';
import {
  type StripePrice,
  type StripePriceInput,
  type StripeProduct,
  type StripeProductInput,
  type StripeSeedObject,
  priceFromInput,
  productFromInput,
} from './wire.js';

/** The account's default API version, answered when a request names none (reference §13.3). */
export const ACCOUNT_API_VERSION = '2025-03-31.basil';

/** Stripe's documented budgets (reference §12): 25 requests/s in test mode, 100 in live mode. */
export const TEST_MODE_RATE_LIMIT: RateLimitConfig = { capacity: 25, refillPerSecond: 25 };
export const LIVE_MODE_RATE_LIMIT: RateLimitConfig = { capacity: 100, refillPerSecond: 100 };

export interface StripeEmulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  credentials: { secretKey: string };
  /** More keys that open the account, e.g. a read-only restricted key (`rk_test_…`). */
  extraKeys?: readonly StripeApiKey[];
  /** Products and prices the account starts with; none by default (the sandbox passes STRIPE_DEMO_SEED). */
  seed?: readonly StripeSeedObject[];
  latencyMs?: number;
  /** Default: the budget of the secret key's mode; null: no limit. */
  rateLimit?: RateLimitConfig | null;
  /**
   * How long a change takes to reach the search endpoints (reference §10.3: usually under a minute);
   * default 0. The starting seed is searchable at once.
   */
  searchDelayMs?: number;
  /** The inferred behaviours to play (reference §16); each defaults to the reference's reading. */
  readings?: Partial<StripeReadings>;
  /** Clock (ms) for `created`/`updated` and the 24 h idempotency store. */
  now?: () => number;
}

type StripeMode = 'test' | 'live';

export interface StripeEmulator extends RunningEmulator {
  /** Equal to `origin`: Stripe's paths already start with /v1. */
  baseUrl: string;
  /** Snapshot of one mode's products in wire form, oldest first; default: the secret key's mode. */
  products(mode?: StripeMode): StripeProduct[];
  /** Snapshot of one mode's prices as stored (tiers and currency options included), oldest first. */
  prices(mode?: StripeMode): StripePrice[];
  /** Inserts or replaces a product directly, as an edit in Stripe's Dashboard would. */
  setProduct(product: StripeProductInput): void;
  /** Inserts or replaces a price directly; its product must exist and its lookup key be free. */
  setPrice(price: StripePriceInput): void;
  /** Switches readings from the next request on. */
  setReadings(readings: Partial<StripeReadings>): void;
  /** Changes how far search lags behind, from the next search on. */
  setSearchDelay(ms: number): void;
}

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const now = options.now ?? Date.now;
  const { secretKey } = options.credentials;
  const mainMode: StripeMode = isLiveKey(secretKey) ? 'live' : 'test';
  const keys = new ApiKeys([{ key: secretKey }, ...(options.extraKeys ?? [])]);
  const context: StripeApiContext = {
    keys,
    catalogs: { test: new CatalogStore(now), live: new CatalogStore(now) },
    idempotency: new IdempotencyKeys(now),
    readings: { ...DEFAULT_READINGS, ...options.readings },
    searchDelayMs: checkDelay(options.searchDelayMs ?? 0),
    now,
  };
  const seconds = () => Math.floor(now() / 1000);
  const modeOf = (livemode: boolean | undefined): StripeMode =>
    livemode === undefined ? mainMode : livemode ? 'live' : 'test';
  const setProduct = (input: StripeProductInput): void => {
    const mode = modeOf(input.livemode);
    context.catalogs[mode].putProduct(productFromInput(input, { livemode: mode === 'live', now: seconds() }));
  };
  const setPrice = (input: StripePriceInput): void => {
    const mode = modeOf(input.livemode);
    const store = context.catalogs[mode];
    if (store.product(input.product) === undefined) {
      throw new RangeError(`stripe emulator: price ${input.id} names an unknown product ${input.product}`);
    }
    const holder = input.lookup_key ? store.lookupKeyHolder(input.lookup_key) : undefined;
    if (holder !== undefined && holder.id !== input.id) {
      throw new RangeError(`stripe emulator: lookup key ${input.lookup_key} is held by ${holder.id}`);
    }
    store.putPrice(priceFromInput(input, { livemode: mode === 'live', now: seconds() }));
  };
  for (const object of options.seed ?? []) {
    if (object.object === 'product') setProduct(object);
    else setPrice(object);
  }
  for (const catalog of Object.values(context.catalogs)) {
    catalog.productIndex.settle();
    catalog.priceIndex.settle();
  }

  const router = new Router();
  searchRoutes(router, context);
  productRoutes(router, context);
  priceRoutes(router, context);

  const definition: ProviderDefinition = {
    router,
    authorize: (request) => keys.resolve(request) !== undefined,
    unauthorized,
    rateLimited: rateLimitResponse,
    faultBody,
    notFound: (request) => unrecognizedUrl(request.method, request.path),
    methodNotAllowed: (request) => unrecognizedUrl(request.method, request.path),
    bodyTooLarge: () =>
      errorResponse(413, { type: 'invalid_request_error', message: 'The request body is too large.' }),
    finalize: (request, response, injected) =>
      withStripeHeaders(response, requestedVersion(request.headers['stripe-version']), injected),
    // A `rewrite-request` fault sees the decoded form, and its result is form-encoded again.
    bodyCodec: { decode: decodeFormOrUndefined, encode: encodeForm },
    secrets: keys.secrets,
    loggedHeaders: ['content-type', 'stripe-version', IDEMPOTENCY_KEY_HEADER],
    loggedResponseHeaders: ['request-id', 'stripe-version', 'stripe-should-retry', 'idempotent-replayed'],
  };

  const running = await startEmulator(definition, {
    port: options.port,
    latencyMs: options.latencyMs,
    rateLimit: options.rateLimit === null ? undefined : (options.rateLimit ?? defaultRateLimit(secretKey)),
  });

  const oldestFirst = <T>(items: T[]): T[] => structuredClone(items).reverse();
  return extendEmulator<Omit<StripeEmulator, keyof RunningEmulator>>(running, {
    baseUrl: running.origin,
    products: (mode = mainMode) => oldestFirst(context.catalogs[mode].products()),
    prices: (mode = mainMode) => oldestFirst(context.catalogs[mode].prices()),
    setProduct,
    setPrice,
    setReadings: (readings) => {
      context.readings = { ...context.readings, ...readings };
    },
    setSearchDelay: (ms) => {
      context.searchDelayMs = checkDelay(ms);
    },
  });
}

/** The budget of the key's mode: a live key gets live mode's 100 requests/s, any other test mode's 25. */
export function defaultRateLimit(secretKey: string): RateLimitConfig {
  return isLiveKey(secretKey) ? LIVE_MODE_RATE_LIMIT : TEST_MODE_RATE_LIMIT;
}

function checkDelay(ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms))
    throw new RangeError('searchDelayMs must be a finite number of ms >= 0');
  return ms;
}

function requestedVersion(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === '' ? ACCOUNT_API_VERSION : value.trim();
}

/**
 * Every answer carries a `Request-Id` and the API version it ran on; 409 and 429 say
 * `Stripe-Should-Retry: true`, and a 5xx the API itself answered says `false` (the SDK's reading: a
 * retry under the same key would replay the stored error). An injected fault stands for a failure in
 * front of the API (a gateway, the network): nothing was stored, so it says nothing of retrying
 * unless the fault sets the header itself.
 */
function withStripeHeaders(response: EmulatorResponse, version: string, injected: boolean): EmulatorResponse {
  const headers: Record<string, string> = { ...response.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (!has('request-id')) headers['request-id'] = newRequestId();
  if (!has('stripe-version')) headers['stripe-version'] = version;
  if (!has('stripe-should-retry')) {
    if (response.status === 409 || response.status === 429) headers['stripe-should-retry'] = 'true';
    else if (response.status >= 500 && !injected) headers['stripe-should-retry'] = 'false';
  }
  return { ...response, headers };
}
