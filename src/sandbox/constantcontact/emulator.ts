// Starts the Constant Contact partner emulator: the partner token service (at TOKEN_PATH, standing in
// for Cognito) and the /v3 partner account API over real HTTP on loopback. Every /v3 call needs both the
// API key and an unexpired JWT (reference §2); requests are throttled per API key, per second and per
// day (§7), before credentials are looked at, as a gateway does. Token requests are not counted: the
// token service is a separate host with its own limits.

import { ExpiringTokens } from '../kit/index.js';
import {
  type ProviderDefinition,
  type RunningEmulator,
  startEmulator,
  extendEmulator,
} from '../kit/index.js';
import { AccountStore, snapshot } from './account-store.js';
import { accountRoutes } from './account-routes.js';
import type { ConstantContactAccount, SeedAccount } from './account-types.js';
import type { RecancelBehaviour } from './cancel-rules.js';
import {
  ERROR_KEYS,
  apiError,
  faultBody,
  oauthError,
  rateLimitedResponse,
  unauthorizedResponse,
} from './errors.js';
import {
  type ConstantContactCredentials,
  DEFAULT_TOKEN_TTL_SECONDS,
  TOKEN_PATH,
  basicMatches,
  headerValue,
  jwtFromHeader,
  tokenMediaTypeError,
} from './partner-token.js';
import {
  ApiKeyRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimits,
  type RequestCounts,
} from './rate-limiter.js';

const DEFAULT_PLAN_TYPES = ['TRIAL', 'BRONZE', 'SILVER', 'GOLD'] as const;
const DEFAULT_PLAN_GROUP_ID = 152;

export interface ConstantContactEmulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  credentials: ConstantContactCredentials;
  /** The partner's client accounts, in list order; none by default. */
  accounts?: readonly SeedAccount[];
  /** Plan types enabled in the partner plan group; default TRIAL, BRONZE, SILVER, GOLD. */
  planTypes?: readonly string[];
  /** The partner's default plan group id; default 152 (the spec's example). */
  planGroupId?: number;
  /** Other plan groups that exist but are not the accounts' (PUT to one → 400). */
  knownPlanGroupIds?: readonly number[];
  /** Default for accounts without their own setting; false makes billing_day_of_month required on leaving TRIAL. */
  singleBilling?: boolean;
  /** Account ids that belong to another partner: every call on them answers 400. */
  foreignAccountIds?: readonly string[];
  /** Cancelling a canceled account: 400 (default) or a no-op 200. */
  cancelCanceled?: RecancelBehaviour;
  /** Lifetime of partner JWTs, enforced on the emulator clock; default 3600. */
  tokenTtlSeconds?: number;
  /** Per API key; default 4. Infinity turns the limit off. */
  requestsPerSecond?: number;
  /** Per API key and UTC day; default 10,000. Infinity turns the limit off. */
  requestsPerDay?: number;
  latencyMs?: number;
  /** Clock (ms) for token expiry, rate-limit windows, the day, billing days and cancellations. */
  now?: () => number;
}

export interface ConstantContactEmulator extends RunningEmulator {
  /** `${origin}/v3`: the API base a client is configured with. */
  baseUrl: string;
  /** `${origin}${TOKEN_PATH}`: the partner token endpoint. */
  tokenUrl: string;
  /** Snapshot of every account in list order. */
  accounts(): ConstantContactAccount[];
  account(id: string): ConstantContactAccount | undefined;
  /** Inserts or replaces an account directly, as a change in Constant Contact's UI would. */
  setAccount(account: SeedAccount): void;
  /** Invalidates every token issued so far, as if all had expired mid-run. */
  expireTokens(): void;
  /** Today's usage of the configured API key. */
  requestCounts(): RequestCounts;
  setRateLimits(limits: Partial<RateLimits>): void;
}

export async function startConstantContactEmulator(
  options: ConstantContactEmulatorOptions,
): Promise<ConstantContactEmulator> {
  const now = options.now ?? Date.now;
  const { apiKey, clientId, clientSecret } = options.credentials;
  const planGroupId = options.planGroupId ?? DEFAULT_PLAN_GROUP_ID;
  const store = new AccountStore(
    options.accounts ?? [],
    { singleBilling: options.singleBilling ?? true, planGroupId },
    now,
  );
  const tokens = new ExpiringTokens(now, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const limiter = new ApiKeyRateLimiter(
    {
      requestsPerSecond: options.requestsPerSecond ?? DEFAULT_RATE_LIMITS.requestsPerSecond,
      requestsPerDay: options.requestsPerDay ?? DEFAULT_RATE_LIMITS.requestsPerDay,
    },
    now,
  );
  const router = accountRoutes({
    store,
    tokens,
    clientId,
    planGroup: {
      planTypes: options.planTypes ?? DEFAULT_PLAN_TYPES,
      planGroupId,
      knownPlanGroupIds: new Set(options.knownPlanGroupIds ?? []),
    },
    foreignAccountIds: new Set(options.foreignAccountIds ?? []),
    recancel: options.cancelCanceled ?? 'error',
    now,
  });

  const definition: ProviderDefinition = {
    router,
    authorize: (request) => {
      const authorization = headerValue(request.headers.authorization);
      if (isTokenPath(request.path)) return basicMatches(authorization, options.credentials);
      const jwt = jwtFromHeader(authorization);
      return headerValue(request.headers['x-api-key']) === apiKey && jwt !== undefined && tokens.isValid(jwt);
    },
    unauthorized: (request) => {
      if (!isTokenPath(request.path)) return unauthorizedResponse();
      return tokenMediaTypeError(request) ?? oauthError(401, 'invalid_client');
    },
    rateLimited: rateLimitedResponse,
    throttle: (request) => {
      // Only the partner's own key has a quota; requests with another key are refused by auth anyway.
      if (isTokenPath(request.path) || headerValue(request.headers['x-api-key']) !== apiKey) return undefined;
      return limiter.take(apiKey) === 'ok' ? undefined : rateLimitedResponse();
    },
    // An `expire-credentials` fault revokes every issued token, as expireTokens() does.
    expireCredentials: () => tokens.expireAll(),
    faultBody,
    notFound: (request) => apiError(404, ERROR_KEYS.notFound, `No resource at ${request.path}.`),
    methodNotAllowed: (request, allowed) => ({
      ...apiError(405, ERROR_KEYS.methodNotAllowed, `${request.method} is not allowed on ${request.path}.`),
      headers: { allow: allowed.join(', ') },
    }),
    bodyTooLarge: () => ({ status: 413, body: { message: 'Request Entity Too Large' } }),
    secrets: [
      apiKey,
      clientId,
      clientSecret,
      Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64'),
    ],
    // A token request changes no account: "no writes" must stay true for a run that only read.
    isWrite: (entry) => entry.method !== 'GET' && entry.method !== 'HEAD' && !isTokenPath(entry.path),
  };

  const running = await startEmulator(definition, { port: options.port, latencyMs: options.latencyMs });
  return extendEmulator<Omit<ConstantContactEmulator, keyof RunningEmulator>>(running, {
    baseUrl: `${running.origin}/v3`,
    tokenUrl: `${running.origin}${TOKEN_PATH}`,
    accounts: () => store.all().map(snapshot),
    account: (id) => {
      const found = store.get(id);
      return found === undefined ? undefined : snapshot(found);
    },
    setAccount: (account) => {
      store.put(account);
    },
    expireTokens: () => tokens.expireAll(),
    requestCounts: () => limiter.counts(apiKey),
    setRateLimits: (limits) => limiter.setLimits(limits),
  });
}

/** The router treats a trailing slash as the same path, so authentication must too. */
function isTokenPath(path: string): boolean {
  return path.replace(/\/+$/, '') === TOKEN_PATH;
}
