// Starts the PayPal sandbox emulator: OAuth2 client credentials and the Billing Plans v1 API over real
// HTTP on loopback, with PayPal's error shapes, `Paypal-Debug-Id` header and throttling answer plugged
// into the kit. PayPal's paths start with /v1, so the base URL is the origin itself.

import { ExpiringTokens } from '../kit/index.js';
import {
  type ProviderDefinition,
  type RateLimitConfig,
  type RunningEmulator,
  startEmulator,
  extendEmulator,
} from '../kit/index.js';
import { errorResponse, faultBody, newDebugId } from './errors.js';
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  type PayPalCredentials,
  TOKEN_PATH,
  basicMatches,
  bearerToken,
  headerValue,
  invalidClient,
} from './oauth.js';
import type { ListFaults } from './list-plans.js';
import { type PlanApiContext, planRoutes } from './plan-routes.js';
import { PlanStore } from './plan-store.js';
import type { PayPalPlan, PayPalPlanInput } from './plan-types.js';
import { REQUEST_ID_HEADER, RequestIds } from './request-ids.js';
import { PAYPAL_DEMO_PRODUCT_ID } from './seed.js';

export interface PayPalEmulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  credentials: PayPalCredentials;
  /** Catalog product ids that exist; default: the demo product. Seeded plans add their own. */
  products?: readonly string[];
  /** Plans the account starts with; none by default (the sandbox passes PAYPAL_DEMO_SEED). */
  seed?: readonly PayPalPlanInput[];
  latencyMs?: number;
  rateLimit?: RateLimitConfig;
  /** `expires_in` of issued tokens, enforced on the emulator's clock; default 32400 (9 h). */
  tokenTtlSeconds?: number;
  /**
   * What a list answers to `Prefer: return=representation`: full plans (default) or minimal items
   * anyway, so clients can prove their fallback of one GET per plan.
   */
  listRepresentation?: 'full' | 'minimal';
  /** An inconsistent listing (a page served twice, a wrong `total_items`); none by default. */
  listFaults?: ListFaults;
  /** Clock (ms) for timestamps, token expiry and the 72 h request-id store. */
  now?: () => number;
}

export interface PayPalEmulator extends RunningEmulator {
  /** Equal to `origin`: PayPal's paths already start with /v1. */
  baseUrl: string;
  /** Snapshot of every stored plan (full representation without links), oldest first. */
  plans(): PayPalPlan[];
  /** Inserts or replaces a plan directly, as an edit in PayPal's dashboard would. */
  setPlan(plan: PayPalPlanInput): void;
  /** Makes a catalog product exist, as creating it through the Catalog Products API would. */
  addProduct(id: string): void;
  /** Invalidates every token issued so far, as if all had expired mid-run. */
  expireTokens(): void;
  /** Replaces the listing faults from the next list request on (`{}` serves listings faithfully). */
  setListFaults(faults: ListFaults): void;
}

export async function startPayPalEmulator(options: PayPalEmulatorOptions): Promise<PayPalEmulator> {
  const now = options.now ?? Date.now;
  const store = new PlanStore({
    products: options.products ?? [PAYPAL_DEMO_PRODUCT_ID],
    seed: options.seed ?? [],
    now,
  });
  const tokens = new ExpiringTokens(now, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const context: PlanApiContext = {
    store,
    tokens,
    now,
    requestIds: new RequestIds(now),
    listRepresentation: options.listRepresentation ?? 'full',
    listFaults: { ...options.listFaults },
  };
  const router = planRoutes(context);

  const { clientId, clientSecret } = options.credentials;
  const definition: ProviderDefinition = {
    router,
    authorize: (request) => {
      const header = headerValue(request.headers.authorization);
      if (isTokenPath(request.path)) return basicMatches(header, options.credentials);
      const token = bearerToken(header);
      return token !== undefined && tokens.isValid(token);
    },
    unauthorized: (request) => (isTokenPath(request.path) ? invalidClient() : errorResponse(401)),
    // PayPal documents no Retry-After; a status fault can add one.
    rateLimited: () => errorResponse(429),
    // An `expire-credentials` fault revokes every issued token, as expireTokens() does.
    expireCredentials: () => tokens.expireAll(),
    faultBody,
    // Inferred: unknown paths get PayPal's REST 404 without details.
    notFound: () => errorResponse(404),
    methodNotAllowed: (_request, allowed) => ({
      ...errorResponse(405),
      headers: { allow: allowed.join(', ') },
    }),
    bodyTooLarge: () => errorResponse(413),
    finalize: (_request, response) => ({
      ...response,
      // Every answer carries a debug id; on errors it is the body's `debug_id` (reference §3).
      headers: { ...response.headers, 'paypal-debug-id': debugIdOf(response.body) ?? newDebugId() },
    }),
    secrets: [clientId, clientSecret, Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')],
    // A token request changes no plan: "no writes" must stay true for a run that only read.
    isWrite: (entry) => entry.method !== 'GET' && entry.method !== 'HEAD' && !isTokenPath(entry.path),
    loggedHeaders: ['content-type', 'accept', 'prefer', REQUEST_ID_HEADER],
    loggedResponseHeaders: ['paypal-debug-id'],
  };

  const running = await startEmulator(definition, {
    port: options.port,
    latencyMs: options.latencyMs,
    rateLimit: options.rateLimit,
  });

  return extendEmulator<Omit<PayPalEmulator, keyof RunningEmulator>>(running, {
    baseUrl: running.origin,
    plans: () => store.all(),
    setPlan: (plan) => {
      store.put(plan);
    },
    addProduct: (id) => store.addProduct(id),
    expireTokens: () => tokens.expireAll(),
    setListFaults: (faults) => {
      context.listFaults = { ...faults };
    },
  });
}

/** The router treats a trailing slash as the same path, so authentication must too. */
function isTokenPath(path: string): boolean {
  return path.replace(/\/+$/, '') === TOKEN_PATH;
}

function debugIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const id = (body as { debug_id?: unknown }).debug_id;
  return typeof id === 'string' ? id : undefined;
}
