// The one HTTP boundary every provider uses. Failures are sorted here, once: retryable (429, 5xx,
// connection errors, timeouts) are retried with backoff when the request is safe to repeat; the rest
// become a ProviderError that names the provider, the connection, the endpoint (method and path, never
// the query string) and the provider's own message.

import { STATUS_CODES } from 'node:http';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Dispatcher } from 'undici';
import { ProviderError, type ProviderErrorDetails } from '../errors.js';
import { ResponseTooLarge, bytesText, readCappedBody } from './capped-body.js';
import { type Clock, Pacer, sleepUnless, systemClock } from './pacer.js';
import { RETRYABLE_STATUS, backoffDelay, parseRetryAfter } from './retry.js';
import { Agent, request } from './undici-request.js';

/** How a connection authenticates. A token-based one fetches through `http` with `authenticate: false`. */
export interface Authenticator {
  headers(http: HttpClient): Record<string, string> | Promise<Record<string, string>>;
  /** A 401 came back: forget cached tokens and say whether one fresh attempt is worth making. */
  invalidate?(): boolean;
}

export interface HttpClientOptions {
  provider: string;
  /** The connection this client serves (a key under `connections:`), named in every error. */
  connection?: string;
  baseUrl: string;
  concurrency: number;
  requestsPerSecond: number;
  timeoutMs: number;
  /** Longest Retry-After honoured (default 30 s); a longer one fails the request at once. */
  maxRetryWaitMs?: number;
  /** Largest response body read (default 32 MiB); a longer answer is refused and not retried. */
  maxResponseBytes?: number;
  retries: number;
  /** Authenticates every request but those with `authenticate: false`. Never logged or in errors. */
  auth?: Authenticator;
  /** Pulls the provider's error message out of an error body, e.g. BlueSnap's `message[]`. */
  describeError?: (status: number, body: unknown) => { code?: string; message: string } | undefined;
  backoff?: { baseMs: number; maxMs: number };
  /** Said after a 401/403, e.g. which environment variables hold the credentials. Never the values. */
  authHint?: string;
  /** Statuses this provider uses for "try again" besides 429/5xx (e.g. BlueSnap's 409 in-progress). */
  retryableStatuses?: number[];
  /**
   * The provider's own word on whether an error answer may be retried (Stripe's `Stripe-Should-Retry`
   * header): true or false overrides the statuses above; undefined leaves them to decide.
   */
  retryHint?: (status: number, headers: Record<string, string | string[] | undefined>) => boolean | undefined;
  /** Called before each retry; for logs and tests. */
  onRetry?: (event: { operation: string; attempt: number; waitMs: number; reason: string }) => void;
  /** Sees every request sent and its outcome, for `--verbose`. Holds credentials: the listener masks. */
  onExchange?: (exchange: HttpExchange) => void;
  /** What pacing, retry waits and token expiry run on. Default: the system clock; tests drive their own. */
  clock?: Clock;
  /**
   * Stops the client: no request is sent and no wait goes on once it aborts, and requests in flight
   * are abandoned. They fail with the signal's reason (the error the run stops with), never retried.
   */
  signal?: AbortSignal;
}

/** One request as sent and what came back (or why nothing did). */
export interface HttpExchange {
  operation: string;
  method: HttpRequest['method'];
  /** Absolute URL with the query string. */
  url: string;
  /** 1 for the first send of a request, counting retries and the re-send after a fresh token. */
  attempt: number;
  /** A request that obtains credentials (a token endpoint): its bodies are secret as a whole. */
  credentialRequest: boolean;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string | string[] | undefined>;
  responseBody?: string;
  /** Why no response was read, e.g. `connection reset`. */
  error?: string;
  durationMs: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the base URL (starting with `/`), or an absolute URL on the same host. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  /** A form body (application/x-www-form-urlencoded), e.g. for an OAuth token request. */
  form?: Record<string, string>;
  /** False for the requests that obtain credentials themselves (token endpoints). Default true. */
  authenticate?: boolean;
  /** A short name for messages, e.g. `update plan 2185252`. */
  operation: string;
  /** Safe to send twice (GET, PUT of a whole object, POST with an idempotency key). */
  idempotent: boolean;
  /** Statuses the caller handles itself instead of getting an error (e.g. 404 on a lookup). */
  accept?: number[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The request this answers, for errors about its body (see providers/response-shape.ts). */
  source: RequestSource;
}

/** Which request an answer came from, as errors name it. Secret-free: no host, no query string. */
export interface RequestSource {
  provider: string;
  connection?: string;
  /** Method and path relative to the base URL, e.g. `GET /recurring/plans`. */
  endpoint: string;
}

/** A 401 that a fresh token may cure: retried once, outside the retry budget. */
class Unauthorized extends Error {}

class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly limit: LimitFunction;
  private readonly pacer: Pacer;
  private readonly origin: string;
  private readonly basePath: string;
  readonly clock: Clock;

  constructor(private readonly options: HttpClientOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/$/, '');
    this.agent = new Agent({
      connections: options.concurrency,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 10_000),
    });
    this.limit = pLimit(options.concurrency);
    this.clock = options.clock ?? systemClock;
    this.pacer = new Pacer(
      options.requestsPerSecond,
      this.clock,
      options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS,
    );
  }

  get provider(): string {
    return this.options.provider;
  }

  get connection(): string | undefined {
    return this.options.connection;
  }

  /**
   * How errors name a request: provider, connection, and method + path relative to the base URL.
   * The query string is left out (a cursor or filter value may be secret), and so is the host.
   */
  sourceOf(req: Pick<HttpRequest, 'method' | 'path'>): RequestSource {
    const absolute = /^https?:\/\//.test(req.path) ? new URL(req.path) : undefined;
    let path = absolute ? absolute.pathname : req.path.replace(/[?#].*$/, '');
    if (absolute?.origin === this.origin && this.basePath !== '' && path.startsWith(`${this.basePath}/`))
      path = path.slice(this.basePath.length);
    return {
      provider: this.options.provider,
      ...(this.options.connection === undefined ? {} : { connection: this.options.connection }),
      endpoint: `${req.method} ${path}`,
    };
  }

  /** A ProviderError about `req`, naming provider, connection and endpoint. */
  private failure(
    req: HttpRequest,
    what: string,
    details: Pick<ProviderErrorDetails, 'status' | 'code' | 'retryable'> = {},
  ): ProviderError {
    const source = this.sourceOf(req);
    return new ProviderError(`${source.provider}: ${source.endpoint} ${what}`, { ...source, ...details });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    // Token requests are made from inside another request's slot: queuing them behind the
    // concurrency limit would deadlock a connection limited to one request at a time.
    if (req.authenticate === false) return this.sendWithRetries(req);
    return this.limit(() => this.sendWithRetries(req));
  }

  /**
   * A read, safe to repeat, named in messages by its method and path (`GET /recurring/plans`).
   * `accept` lists statuses the caller handles itself (a 404 on a lookup).
   */
  get(path: string, options: Pick<HttpRequest, 'query' | 'headers' | 'accept'> = {}): Promise<HttpResponse> {
    return this.send({ method: 'GET', path, operation: `GET ${path}`, idempotent: true, ...options });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async sendWithRetries(req: HttpRequest): Promise<HttpResponse> {
    const backoff = this.options.backoff ?? { baseMs: 250, maxMs: 10_000 };
    let reauthenticated = false;
    let sends = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(req, !reauthenticated, ++sends);
      } catch (error) {
        if (error instanceof Unauthorized) {
          reauthenticated = true;
          attempt--;
          continue;
        }
        if (!(error instanceof RetryableFailure)) throw error;
        const canRetry = attempt < this.options.retries && (req.idempotent || error.status === 429);
        if (!canRetry) {
          const hint = req.idempotent
            ? `after ${attempt + 1} attempts`
            : 'not retried: the request is not idempotent';
          throw this.failure(req, `failed: ${error.message} (${hint})`, {
            retryable: true,
            ...(error.status === undefined ? {} : { status: error.status }),
          });
        }
        // A server-requested wait is bounded like any other: one longer than the connection allows
        // (`limits.max_retry_wait_ms`) fails the request now rather than hanging the run for a day.
        const maxWaitMs = this.options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > maxWaitMs) {
          throw this.failure(
            req,
            `failed: ${error.message}; the provider asked to wait ${waitText(error.retryAfterMs)} before retrying (Retry-After), more than the connection allows (${waitText(maxWaitMs)}, limits.max_retry_wait_ms): not retried`,
            { retryable: true, ...(error.status === undefined ? {} : { status: error.status }) },
          );
        }
        // Our own backoff obeys the same bound, and so does the pause a 429 puts on the whole connection.
        const waitMs = Math.min(error.retryAfterMs ?? backoffDelay(attempt, backoff), maxWaitMs);
        if (error.status === 429) this.pacer.pause(waitMs);
        this.options.onRetry?.({
          operation: req.operation,
          attempt: attempt + 1,
          waitMs,
          reason: error.message,
        });
        await sleepUnless(this.clock, waitMs, this.options.signal);
      }
    }
  }

  private async sendOnce(
    req: HttpRequest,
    mayReauthenticate: boolean,
    attempt: number,
  ): Promise<HttpResponse> {
    const authenticated = req.authenticate !== false && this.options.auth !== undefined;
    // Obtain the token before taking a slot (a token fetch must not eat into the paced slots), then
    // read it again after the wait: cached, so instant, unless it expired while the request queued.
    if (authenticated) await this.options.auth?.headers(this);
    const { signal } = this.options;
    await this.pacer.wait(signal);
    signal?.throwIfAborted();
    const auth = authenticated ? await this.options.auth?.headers(this) : undefined;
    const url = this.urlFor(req);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'plansync',
      ...auth,
      ...req.headers,
    };
    let payload: string | undefined;
    if (req.form !== undefined) {
      payload = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }

    let response: Dispatcher.ResponseData;
    const started = performance.now();
    const exchange = (outcome: Pick<HttpExchange, 'status' | 'responseHeaders' | 'responseBody' | 'error'>) =>
      this.options.onExchange?.({
        operation: req.operation,
        method: req.method,
        url,
        attempt,
        credentialRequest: req.authenticate === false,
        requestHeaders: headers,
        ...(payload === undefined ? {} : { requestBody: payload }),
        ...outcome,
        durationMs: Math.round(performance.now() - started),
      });
    try {
      response = await request(url, {
        method: req.method,
        headers,
        body: payload ?? null,
        dispatcher: this.agent,
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)])
          : AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      if (signal?.aborted) {
        exchange({ error: 'abandoned: the run is stopping' });
        throw signal.reason;
      }
      const reason = networkReason(error, new URL(url).host);
      exchange({ error: reason });
      throw new RetryableFailure(reason);
    }

    // From here the server has answered with a status: whatever goes wrong now is about the answer,
    // not the connection, and a write it answered is never sent again because its body was odd.
    const status = response.statusCode;
    let text = '';
    let unreadable: string | undefined;
    try {
      text = await this.readBody(response);
    } catch (error) {
      unreadable =
        error instanceof ResponseTooLarge ? error.message : networkReason(error, new URL(url).host);
      exchange({ status, responseHeaders: response.headers, error: unreadable });
      if (error instanceof ResponseTooLarge) {
        throw this.failure(
          req,
          `answered with more than ${bytesText(error.maxBytes)} (limits.max_response_bytes): refused, not retried`,
          // The status says the server answered: nothing was lost in transit for a caller to look for.
          { status, retryable: false },
        );
      }
    }
    if (unreadable === undefined) exchange({ status, responseHeaders: response.headers, responseBody: text });
    if (status >= 300 && status < 400 && !req.accept?.includes(status)) {
      throw this.redirected(req, url, status, response.headers.location);
    }

    const body = unreadable === undefined ? parseBody(text) : INVALID;
    if (status < 400 || req.accept?.includes(status)) {
      if (unreadable !== undefined)
        this.unreadableAnswer(req, status, `the body could not be read: ${unreadable}`);
      // A success with a body that is not JSON: a proxy page or a cut-off answer.
      if (body === INVALID) this.unreadableAnswer(req, status, `expected JSON, got ${describeText(text)}`);
      return { status, headers: response.headers, body, source: this.sourceOf(req) };
    }
    if (status === 401 && authenticated && mayReauthenticate && this.options.auth?.invalidate?.()) {
      throw new Unauthorized();
    }
    const detail = this.options.describeError?.(status, body === INVALID ? undefined : body);
    let message = `HTTP ${status}${detail ? ` ${detail.code ? `${detail.code}: ` : ''}${detail.message}` : ''}`;
    if (status === 401 || status === 403) {
      const what = status === 401 ? 'rejected the credentials' : 'refused access with these credentials';
      message += ` (${this.options.provider} ${what}${this.options.authHint ? `; ${this.options.authHint}` : ''})`;
    }
    const retryable =
      this.options.retryHint?.(status, response.headers) ??
      (RETRYABLE_STATUS.has(status) || this.options.retryableStatuses?.includes(status));
    if (retryable) {
      const retryAfter = parseRetryAfter(response.headers['retry-after'], this.clock.now());
      throw new RetryableFailure(message, retryAfter, status);
    }
    throw this.failure(req, `failed: ${message}`, {
      status,
      retryable: false,
      ...(detail?.code ? { code: detail.code } : {}),
    });
  }

  /**
   * The body as text, read up to `limits.max_response_bytes`. A 204, 205 or 304 has no body whatever
   * its headers claim (a Content-Length on a 204 is the server's mistake, not a failed request).
   */
  private async readBody(response: Dispatcher.ResponseData): Promise<string> {
    if (NO_BODY_STATUS.has(response.statusCode)) {
      await response.body.dump().catch(() => undefined);
      return '';
    }
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    return readCappedBody(response.body, response.headers['content-length'], maxBytes);
  }

  /**
   * A success whose body cannot be used. A read (or a token request) is safe to send again; a write
   * the server answered has happened or not, and sending it again would guess: it fails, saying so.
   */
  private unreadableAnswer(req: HttpRequest, status: number, what: string): never {
    if (req.method === 'GET' || req.authenticate === false) {
      throw new RetryableFailure(`invalid response (${status}): ${what}`);
    }
    throw this.failure(
      req,
      `answered ${status} but ${what}: the outcome is unknown, so it was not sent again (run plan to see what the provider holds)`,
      { retryable: false },
    );
  }

  /**
   * plansync never follows a redirect: the next host would get the Authorization header. Only the
   * Location's host is named; its path and query may carry anything.
   */
  private redirected(
    req: HttpRequest,
    url: string,
    status: number,
    location: string | string[] | undefined,
  ): ProviderError {
    const target = Array.isArray(location) ? location[0] : location;
    let where = 'with no Location';
    if (target !== undefined) {
      try {
        where = `redirect to host ${new URL(target, url).host}`;
      } catch {
        where = 'redirect to an unreadable Location';
      }
    }
    const reason = STATUS_CODES[status];
    return this.failure(
      req,
      `answered ${status}${reason ? ` ${reason}` : ''} (${where}): plansync does not follow redirects; check base_url`,
      { status, retryable: false },
    );
  }

  private urlFor(req: HttpRequest): string {
    const url = /^https?:\/\//.test(req.path)
      ? new URL(req.path)
      : new URL(`${this.basePath}${req.path}`, this.origin);
    // Only a credentials request may leave the API host: token endpoints can live elsewhere
    // (Constant Contact's is on Amazon Cognito). Everything else stays on the configured host.
    if (url.origin !== this.origin && req.authenticate !== false) {
      const source = this.sourceOf(req);
      throw new ProviderError(
        `${source.provider}: refusing to follow ${url.origin} (not the configured host)`,
        source,
      );
    }
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }
}

const INVALID = Symbol('invalid');

/** Every provider plansync speaks answers JSON; anything else (a proxy page, a cut body) is invalid. */
function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function describeText(text: string): string {
  const snippet = text.slice(0, 40).replace(/\s+/g, ' ');
  return text.length > 40 ? `"${snippet}…"` : `"${snippet}"`;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/**
 * Why no answer came, naming the host (never the path or query: the endpoint is named beside it,
 * and a query may carry secrets), so a wrong `base_url` or a DNS, firewall or TLS problem shows.
 */
function networkReason(error: unknown, host: string): string {
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (err.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `timed out waiting for the response from host ${host}`;
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return `timed out connecting to host ${host}`;
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection reset by host ${host}`;
  if (code === 'ECONNREFUSED') return `connection refused by host ${host}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `host ${host} not found (DNS ${code}; check base_url)`;
  }
  if (code !== undefined && TLS_CODES.test(code)) return `TLS error with host ${host} (${code})`;
  return `network error with host ${host} (${code ?? err.name ?? 'unknown'})`;
}

const DEFAULT_MAX_RETRY_WAIT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const NO_BODY_STATUS = new Set([204, 205, 304]);

/** A wait as people read it: `86400 s`, `1.5 s`. */
function waitText(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
