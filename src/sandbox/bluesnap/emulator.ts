// Starts the BlueSnap sandbox emulator: the recurring-plans API of /services/2 over real HTTP on
// loopback, with BlueSnap's Basic auth, error shapes and throttling answers plugged into the kit.

import {
  type ProviderDefinition,
  type RateLimitConfig,
  type RunningEmulator,
  startEmulator,
  extendEmulator,
} from '../kit/index.js';
import { type BlueSnapCredentials, basicAuthMatches } from './basic-auth.js';
import { encodeFor } from './content-negotiation.js';
import { faultBody, throttlingBody } from './errors.js';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeys } from './idempotency.js';
import { DEFAULT_MAX_PAGE_SIZE, type ListFaults } from './list-plans.js';
import { type BlueSnapWirePlan, fromWire, toWire } from './plan-record.js';
import { BLUESNAP_BASE_PATH, type PlanApiContext, planRoutes } from './plan-routes.js';
import { PlanStore } from './plan-store.js';
import type { PutOmission } from './update-rules.js';

/** BlueSnap's documented account limit. */
const DEFAULT_MAX_PLANS = 40_000;

export interface BlueSnapEmulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  credentials: BlueSnapCredentials;
  /** Plans the account starts with; none by default (the sandbox passes BLUESNAP_DEMO_SEED). */
  seed?: readonly BlueSnapWirePlan[];
  /** Id of the first created plan; raised past the highest seeded id if needed. */
  firstPlanId?: number;
  notFoundStatus?: 400 | 403;
  /**
   * What a PUT does to an optional field it leaves out: `keep` it (default; the seed document's own
   * Update Plan example) or `clear` it (the reference's inference). See `PutOmission`.
   */
  putOmission?: PutOmission;
  maxPageSize?: number;
  /** An inconsistent listing (a plan listed on two pages, a wrong `totalResults`); none by default. */
  listFaults?: ListFaults;
  maxPlans?: number;
  latencyMs?: number;
  rateLimit?: RateLimitConfig;
  /** Clock (ms) for idempotency-key expiry; tests move it forward instead of waiting a day. */
  now?: () => number;
}

export interface BlueSnapEmulator extends RunningEmulator {
  /** origin + `/services/2`, what a BlueSnap client takes as its base URL. */
  baseUrl: string;
  /** Snapshot of every stored plan in wire format, ascending by planId. */
  plans(): BlueSnapWirePlan[];
  /** Inserts or replaces a plan directly, as a change made in BlueSnap's dashboard would. */
  setPlan(plan: BlueSnapWirePlan): void;
  /** Replaces the listing faults from the next list request on (`{}` serves listings faithfully). */
  setListFaults(faults: ListFaults): void;
}

export async function startBlueSnapEmulator(options: BlueSnapEmulatorOptions): Promise<BlueSnapEmulator> {
  const store = new PlanStore((options.seed ?? []).map(fromWire), options.firstPlanId);
  const context: PlanApiContext = {
    store,
    idempotency: new IdempotencyKeys(options.now ?? Date.now),
    maxPlans: options.maxPlans ?? DEFAULT_MAX_PLANS,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
    listFaults: { ...options.listFaults },
    notFoundStatus: options.notFoundStatus ?? 400,
    putOmission: options.putOmission ?? 'keep',
  };
  const router = planRoutes(context);

  const { username, password } = options.credentials;
  const definition: ProviderDefinition = {
    router,
    authorize: (request) => basicAuthMatches(headerValue(request.headers.authorization), options.credentials),
    // Inferred: a failed Basic check carries no JSON body.
    unauthorized: () => ({ status: 401 }),
    // BlueSnap documents no Retry-After, so none is sent; a fault can add one.
    rateLimited: (request) =>
      encodeFor(request, { status: 429, body: throttlingBody('Client request rate is too high') }),
    faultBody,
    // Inferred: paths and methods outside the API get a bare status, as from the web tier.
    notFound: () => ({ status: 404 }),
    methodNotAllowed: (_request, allowed) => ({ status: 405, headers: { allow: allowed.join(', ') } }),
    bodyTooLarge: () => ({ status: 413 }),
    secrets: [username, password, Buffer.from(`${username}:${password}`, 'utf8').toString('base64')],
    loggedHeaders: ['content-type', 'accept', 'bluesnap-version', IDEMPOTENCY_KEY_HEADER],
  };

  const running = await startEmulator(definition, {
    port: options.port,
    latencyMs: options.latencyMs,
    rateLimit: options.rateLimit,
  });

  return extendEmulator<Omit<BlueSnapEmulator, keyof RunningEmulator>>(running, {
    baseUrl: `${running.origin}${BLUESNAP_BASE_PATH}`,
    plans: () => store.all().map(toWire),
    setPlan: (plan) => store.put(fromWire(plan)),
    setListFaults: (faults) => {
      context.listFaults = { ...faults };
    },
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
