// The request pipeline every provider emulator runs on. A provider supplies its routes and the few
// answers whose shape is provider-specific (401, 429, default fault body); the kit does the rest in a
// fixed order: read → log → fault → rate limit → auth → route → handler → finalize → log the answer →
// latency → send.
// Faults come first because they model the network and proxies in front of the provider; the rate
// limit comes before auth because providers throttle at the edge, before looking at credentials.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector } from './fault-injector.js';
import { startHttpServer } from './http-server.js';
import { loggedResponseHeaderNames, toLoggedResponse } from './logged-response.js';
import { DEFAULT_BODY_LIMIT_BYTES, parseJson, parseTarget, readBody } from './request-body.js';
import { RequestLog } from './request-log.js';
import {
  dropConnection,
  proxyHtmlResponse,
  sendHuge,
  sendResponse,
  sendSlowly,
  sendTruncated,
} from './responder.js';
import type { Router } from './router.js';
import { TokenBucket } from './token-bucket.js';
import type {
  EmulatorRequest,
  EmulatorResponse,
  Fault,
  RateLimitConfig,
  RequestLogEntry,
  RunningEmulator,
} from './types.js';

/** What a provider emulator plugs into the kit. */
export interface ProviderDefinition {
  router: Router;
  /** Whether the request carries valid credentials; never stored, only the boolean is logged. */
  authorize(request: EmulatorRequest): boolean;
  unauthorized(request: EmulatorRequest): EmulatorResponse;
  rateLimited(request: EmulatorRequest): EmulatorResponse;
  /**
   * A provider's own rate limit, checked right after the kit's bucket and before auth: for limits the
   * single shared bucket cannot model (per API key, per day). Returns the answer to throttle with, or
   * undefined to let the request through; it may count the request as it decides.
   */
  throttle?(request: EmulatorRequest): EmulatorResponse | undefined;
  /** Body for a `status` fault that names none, and for a handler that threw (500). */
  faultBody(status: number): unknown;
  notFound(request: EmulatorRequest): EmulatorResponse;
  methodNotAllowed(request: EmulatorRequest, allowed: string[]): EmulatorResponse;
  bodyTooLarge(request: EmulatorRequest): EmulatorResponse;
  /**
   * Revokes every credential the emulator has issued (access tokens), for an `expire-credentials`
   * fault. Absent for providers whose credentials are static: the fault is then refused when armed.
   */
  expireCredentials?(): void;
  /** Credential values, masked wherever they would otherwise reach the log. */
  secrets: readonly string[];
  /** Lower-case request header names worth logging; never an auth header. Default: content-type, accept. */
  loggedHeaders?: readonly string[];
  /** Response header names to log besides content-type, location and retry-after; never a cookie. */
  loggedResponseHeaders?: readonly string[];
  /**
   * Last touch on every answer, the kit's own included (faults, 429, 401): for what a provider adds to
   * every response whatever produced it, such as a correlation-id header. `injected` is true for an
   * injected status fault: an answer from in front of the API (a gateway), not the API's own.
   */
  finalize?(request: EmulatorRequest, response: EmulatorResponse, injected: boolean): EmulatorResponse;
  /**
   * Whether a handled request may have changed state, for `writes()`. Default: any method but GET and
   * HEAD; a provider narrows it for POSTs that only read or authenticate (an OAuth token request).
   */
  isWrite?(entry: Pick<RequestLogEntry, 'method' | 'path'>): boolean;
  /**
   * How a `rewrite-request` fault reads and rebuilds a body that is not JSON (Stripe's form encoding):
   * `decode` gives the value `rewrite` sees, `encode` turns what it returns into the raw body the
   * handler gets. Absent: request bodies are JSON.
   */
  bodyCodec?: { decode(rawBody: string): unknown; encode(value: unknown): string };
}

export interface EmulatorOptions {
  port?: number;
  latencyMs?: number;
  rateLimit?: RateLimitConfig;
  bodyLimitBytes?: number;
}

const DEFAULT_LOGGED_HEADERS = ['content-type', 'accept'];
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

export async function startEmulator(
  definition: ProviderDefinition,
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const log = new RequestLog(definition.secrets, { isWrite: definition.isWrite?.bind(definition) });
  const faults = new FaultInjector(
    definition.expireCredentials === undefined
      ? { unsupported: { 'expire-credentials': 'its credentials are static; it issues no token to expire' } }
      : {},
  );
  const shutdown = new AbortController();
  const loggedHeaders = (definition.loggedHeaders ?? DEFAULT_LOGGED_HEADERS).filter(
    (name) => !CREDENTIAL_HEADERS.has(name.toLowerCase()),
  );
  const loggedResponseHeaders = loggedResponseHeaderNames(definition.loggedResponseHeaders);
  let latencyMs = checkLatency(options.latencyMs ?? 0);
  let bucket = options.rateLimit === undefined ? undefined : new TokenBucket(options.rateLimit);
  let origin = '';

  /** Waits the configured latency plus any delay fault; false when the emulator closed meanwhile. */
  const wait = (extraMs: number): Promise<boolean> => pause(latencyMs + extraMs, shutdown.signal);

  const respond = async (
    res: ServerResponse,
    request: EmulatorRequest,
    entry: RequestLogEntry,
    answer: EmulatorResponse,
    fault: Fault | undefined,
    fromProvider = true,
    injected = false,
  ): Promise<void> => {
    // A proxy's page (non-json fault) is not the provider's answer, so the provider does not finalize it.
    const response = (fromProvider ? definition.finalize?.(request, answer, injected) : undefined) ?? answer;
    // Secrets first: the response that hands a token out must already be logged with it masked.
    if (response.secrets !== undefined) log.addSecrets(response.secrets);
    entry.status = response.status;
    log.recordResponse(entry, toLoggedResponse(response, loggedResponseHeaders));
    if (!(await wait(fault?.kind === 'delay' ? fault.ms : 0))) return;
    if (fault?.kind === 'reset-after') return dropConnection(res);
    if (fault?.kind === 'truncate') return sendTruncated(res, response);
    if (fault?.kind === 'slow-body') {
      const { intervalMs } = fault;
      return sendSlowly(res, response, {
        chunks: fault.chunks ?? 4,
        wait: (gone) => pause(intervalMs, AbortSignal.any([shutdown.signal, gone])),
      });
    }
    sendResponse(res, response);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const timestamp = new Date().toISOString();
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query, search } = parseTarget(req.url ?? '/');
    const settled = new Promise<void>((resolve) => res.once('close', resolve));
    const read = await readBody(req, options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
    if (read.kind === 'aborted') return;
    const rawBody = read.kind === 'ok' ? read.text : '';
    const json = parseJson(rawBody);
    const request: EmulatorRequest = {
      method,
      path,
      query,
      search,
      headers: req.headers,
      rawBody,
      json,
      params: {},
      origin,
      settled,
    };
    let authorized = definition.authorize(request);
    const entry = log.record({
      method,
      path,
      query,
      body: json.kind === 'json' ? json.value : rawBody === '' ? undefined : rawBody,
      headers: pickHeaders(req, loggedHeaders),
      status: null,
      response: null,
      fault: null,
      authorized,
      handled: false,
      timestamp,
    });

    if (read.kind === 'too-large') {
      const response = definition.bodyTooLarge(request);
      return respond(
        res,
        request,
        entry,
        { ...response, headers: { ...response.headers, connection: 'close' } },
        undefined,
      );
    }

    const fault = faults.take(method, path);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'reset-before') return dropConnection(res);
    // A hanging request is simply never answered; close() destroys its socket.
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      const body = fault.body ?? definition.faultBody(fault.status);
      return respond(
        res,
        request,
        entry,
        { status: fault.status, headers: fault.headers, body },
        undefined,
        true,
        true,
      );
    }
    if (fault?.kind === 'non-json')
      return respond(res, request, entry, proxyHtmlResponse(), undefined, false);
    if (fault?.kind === 'huge-body') {
      // Not the provider's answer and far too large to log: the entry keeps the status and the count.
      const status = fault.status ?? 200;
      entry.status = status;
      entry.sentBytes = 0;
      if (!(await wait(0))) return;
      return sendHuge(res, {
        status,
        bytes: fault.bytes,
        declareLength: fault.declareLength === true,
        onSent: (bytes) => {
          entry.sentBytes = (entry.sentBytes ?? 0) + bytes;
        },
      });
    }
    if (fault?.kind === 'expire-credentials') {
      definition.expireCredentials?.();
      authorized = definition.authorize(request);
      entry.authorized = authorized;
    }

    if (bucket !== undefined && !bucket.tryTake()) {
      return respond(res, request, entry, definition.rateLimited(request), fault);
    }
    const throttled = definition.throttle?.(request);
    if (throttled !== undefined) return respond(res, request, entry, throttled, fault);
    if (!authorized) return respond(res, request, entry, definition.unauthorized(request), fault);

    const route = definition.router.match(method, path);
    if (route.kind === 'not-found') return respond(res, request, entry, definition.notFound(request), fault);
    if (route.kind === 'method-not-allowed') {
      return respond(res, request, entry, definition.methodNotAllowed(request, route.allowed), fault);
    }

    entry.handled = true;
    const routed = {
      ...request,
      params: route.params,
      ...(fault?.kind === 'rewrite-request' && rewritten(request, fault.rewrite, definition.bodyCodec)),
    };
    let response: EmulatorResponse;
    try {
      response = await route.handler(routed);
    } catch {
      response = { status: 500, body: definition.faultBody(500) };
    }
    if (fault?.kind === 'rewrite-response') response = { ...response, body: fault.rewrite(response.body) };
    return respond(res, routed, entry, response, fault);
  };

  const server = await startHttpServer(
    (req, res) => {
      handle(req, res).catch(() => res.destroy());
    },
    { port: options.port, onClose: () => shutdown.abort() },
  );
  origin = server.origin;

  return {
    origin,
    get log() {
      return log.entries;
    },
    clearLog: () => log.clear(),
    writes: () => log.writes(),
    faults,
    setLatency(ms) {
      latencyMs = checkLatency(ms);
    },
    setRateLimit(config) {
      bucket = config === undefined ? undefined : new TokenBucket(config);
    },
    close: () => server.close(),
  };
}

/** Sleeps `ms`; false when the signal aborted first (the emulator closing, the client gone). */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function checkLatency(ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('latency must be a finite number of ms >= 0');
  return ms;
}

function pickHeaders(req: IncomingMessage, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = req.headers[name.toLowerCase()];
    if (value !== undefined) picked[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return picked;
}

/** The request a `rewrite-request` fault makes the handler see: its body (JSON, or the codec's), rewritten. */
function rewritten(
  request: EmulatorRequest,
  rewrite: (body: unknown) => unknown,
  codec: ProviderDefinition['bodyCodec'],
): Pick<EmulatorRequest, 'json' | 'rawBody'> {
  if (codec !== undefined) {
    const rawBody = codec.encode(rewrite(codec.decode(request.rawBody)));
    return { json: parseJson(rawBody), rawBody };
  }
  const body = rewrite(request.json.kind === 'json' ? structuredClone(request.json.value) : undefined);
  return { json: { kind: 'json', value: body }, rawBody: JSON.stringify(body) };
}
