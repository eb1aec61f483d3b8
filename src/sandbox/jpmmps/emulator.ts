// Starts the J.P. Morgan MPS sandbox emulator: the Subscription Plan API (reference §4) over real HTTP
// on loopback, under BASE_PATH, authenticated by the `x-api-key` merchant key alone (§2), with the
// inferred error body plugged into the kit. There is no idempotency header: a POST retried after a lost
// answer creates a second plan, and the `reset-after` fault lets a test produce exactly that.

import { timingSafeEqual } from 'node:crypto';
import {
  type ProviderDefinition,
  type RateLimitConfig,
  type RunningEmulator,
  startEmulator,
  extendEmulator,
} from '../kit/index.js';
import { type ErrorBodyFormat, ErrorResponder, defaultErrorBody } from './errors.js';
import type { ListFaults, ListOptions } from './list-plans.js';
import { BASE_PATH, planRoutes } from './plan-routes.js';
import { PlanStore } from './plan-store.js';
import type { JpmMpsPlan, JpmMpsPlanInput } from './plan-types.js';
import { headerValue } from './request-checks.js';

interface JpmMpsCredentials {
  /** The merchant key, sent as `x-api-key`. */
  apiKey: string;
}

export interface JpmMpsEmulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  credentials: JpmMpsCredentials;
  /** Plans the merchant starts with; none by default (the sandbox passes JPMMPS_DEMO_SEED). */
  seed?: readonly JpmMpsPlanInput[];
  latencyMs?: number;
  rateLimit?: RateLimitConfig;
  /** Clock (ms) for createdAt / updatedAt / deletedAt and error timestamps. */
  now?: () => number;
  /** Missing `Accept-Language` → 400 (default true; inferred, the docs mark it mandatory). */
  requireAcceptLanguage?: boolean;
  /** GET of a soft-deleted plan: `'show'` it with `deletedAt` (default) or `'404'`. */
  deletedGet?: 'show' | '404';
  /** PATCH of a soft-deleted plan: `'404'` (default) or `'400'`. Both inferred. */
  patchDeleted?: '404' | '400';
  /** `page` numbering: 0 (default, as documented) or 1 (as the docs' sample suggests). */
  pageBase?: 0 | 1;
  /** Date filters also accept 0–3 fractional digits (default false: only `.SS`, others ignored). */
  lenientDateFilters?: boolean;
  /** An inconsistent listing (a page served twice, a wrong `count`); none by default. */
  listFaults?: ListFaults;
  /** Error body shape; default `defaultErrorBody` (`{ code, message, errors? }`). Inferred. */
  errorBody?: ErrorBodyFormat;
}

export interface JpmMpsEmulator extends RunningEmulator {
  /** `${origin}/api/v1`: the `{baseURL}` a client is configured with. */
  baseUrl: string;
  /** Snapshot of every stored plan, deleted ones included, in list order (createdAt, then id). */
  plans(): JpmMpsPlan[];
  /** Inserts or replaces a plan directly, as a back-office edit would; returns it as stored. */
  setPlan(plan: JpmMpsPlanInput): JpmMpsPlan;
  /** Replaces the listing faults from the next list request on (`{}` serves listings faithfully). */
  setListFaults(faults: ListFaults): void;
}

export async function startJpmMpsEmulator(options: JpmMpsEmulatorOptions): Promise<JpmMpsEmulator> {
  const now = options.now ?? Date.now;
  const store = new PlanStore({ seed: options.seed ?? [], now });
  const errors = new ErrorResponder(options.errorBody ?? defaultErrorBody, () => store.timestamp());
  const list: ListOptions = {
    pageBase: options.pageBase ?? 0,
    lenientDates: options.lenientDateFilters ?? false,
    faults: { ...options.listFaults },
  };
  const router = planRoutes({
    store,
    errors,
    list,
    requireAcceptLanguage: options.requireAcceptLanguage ?? true,
    deletedGet: options.deletedGet ?? 'show',
    patchDeleted: options.patchDeleted ?? '404',
  });

  const { apiKey } = options.credentials;
  const definition: ProviderDefinition = {
    router,
    authorize: (request) => keyMatches(headerValue(request.headers['x-api-key']), apiKey),
    unauthorized: (request) => errors.respond(401, { path: request.path }),
    // MPS documents no throttling (reference §7); inferred answer without Retry-After.
    rateLimited: (request) => errors.respond(429, { path: request.path }),
    faultBody: (status) => errors.body(status),
    notFound: (request) => errors.respond(404, { path: request.path }),
    methodNotAllowed: (request, allowed) => ({
      ...errors.respond(405, { path: request.path }),
      headers: { allow: allowed.join(', ') },
    }),
    bodyTooLarge: (request) => errors.respond(413, { path: request.path }),
    secrets: [apiKey],
    // The kit never logs x-api-key; these are the other documented headers (reference §2).
    loggedHeaders: ['content-type', 'accept', 'accept-language', 'origin', 'user-agent'],
  };

  const running = await startEmulator(definition, {
    port: options.port,
    latencyMs: options.latencyMs,
    rateLimit: options.rateLimit,
  });

  return extendEmulator<Omit<JpmMpsEmulator, keyof RunningEmulator>>(running, {
    baseUrl: `${running.origin}${BASE_PATH}`,
    plans: () => store.all(),
    setPlan: (plan) => store.put(plan),
    setListFaults: (faults) => {
      list.faults = { ...faults };
    },
  });
}

function keyMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
