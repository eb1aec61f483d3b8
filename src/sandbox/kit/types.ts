// Shapes shared by every provider emulator: what a handler receives and returns, the faults a test can
// inject, what the request log records, and the surface a running emulator offers to tests.

import type { IncomingHttpHeaders } from 'node:http';

/** Outcome of parsing a request body as JSON; the provider decides what a failure looks like. */
export type JsonParseResult =
  { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; reason: string };

export interface EmulatorRequest {
  method: string;
  /** Path without the query string, e.g. `/services/2/recurring/plans/7`. */
  path: string;
  query: Record<string, string>;
  /** The raw query string without `?` ('' when none): `query` keeps only a repeated key's last value. */
  search: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: JsonParseResult;
  /** Route parameters filled by the router (`:planId` → `params.planId`). */
  params: Record<string, string>;
  /** Origin of the emulator, for absolute URLs such as `Location`. */
  origin: string;
  /**
   * Resolves once the response has left (or the connection was dropped instead). Lets a provider keep
   * state "in progress" for as long as a real server would, e.g. an idempotency key during latency.
   */
  settled: Promise<void>;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is sent as JSON. Undefined sends no body. */
  body?: unknown;
  /**
   * Secret values this response hands out (an OAuth access token, say). They are never sent as a
   * header; the kit masks them in the log from this response on, so a token is as safe as a password.
   */
  secrets?: readonly string[];
}

export type RequestHandler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number }
  | { kind: 'truncate' }
  | { kind: 'non-json' }
  /**
   * The handler runs and the headers leave at once; the body follows in `chunks` pieces (default 4),
   * each after `intervalMs`. Short intervals model a slow link the client must wait out; one longer
   * than the client's timeout models a body that stalls. A bodyless answer has nothing to dribble and
   * goes out whole.
   */
  | { kind: 'slow-body'; intervalMs: number; chunks?: number }
  /**
   * The kit answers `status` (default 200) at once, without running the handler, with a JSON document
   * `bytes` long (a padding string) made only as the socket takes it, so a gigabyte costs no memory.
   * `declareLength` sends its Content-Length; otherwise it goes out chunked and the client learns the
   * size only by reading. The log entry's `sentBytes` counts what left, to show where a client stopped.
   */
  | { kind: 'huge-body'; bytes: number; status?: number; declareLength?: boolean }
  /**
   * Every credential the emulator has issued (access tokens) stops working just before this request
   * is authenticated, which then goes on through the pipeline like any other: it meets the provider's
   * 401. Only emulators that issue tokens support it (`FaultControl.supports`).
   */
  | { kind: 'expire-credentials' }
  /**
   * The provider acts on another request than the one sent: the handler sees the JSON body `rewrite`
   * returns (the log keeps what the client sent); a provider whose bodies are not JSON rebuilds them
   * with its `bodyCodec`. Models a provider that silently ignores or changes a
   * field of a write: drop the field, or put another value in its place.
   */
  | { kind: 'rewrite-request'; rewrite(body: unknown): unknown }
  /**
   * The answer's body is what `rewrite` makes of the handler's (state is as the handler left it).
   * Models an answer that disagrees with what the provider did: another name, another plan's id.
   */
  | { kind: 'rewrite-response'; rewrite(body: unknown): unknown };

export type FaultKind = Fault['kind'];

export interface FaultRule {
  /** Upper-case HTTP method; any method when absent. */
  method?: string;
  /** Exact path (no query) or a pattern tested against it; any path when absent. */
  path?: string | RegExp;
  /** How many matching requests the fault applies to; default 1. `Infinity` keeps it forever. */
  times?: number;
  /**
   * How many matching requests to let through untouched before the fault starts applying; default 0.
   * A request this rule lets through is still offered to the rules armed after it.
   */
  skip?: number;
  fault: Fault;
}

/** What the emulator answered, as a client would read it: allow-listed headers, parsed body. */
export interface LoggedResponse {
  status: number;
  /** Only allow-listed response headers (e.g. `content-type`, `location`), lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, raw text otherwise, undefined when empty. */
  body: unknown;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON when the body was JSON, raw text otherwise, undefined when empty. */
  body: unknown;
  /** Only allow-listed, non-secret headers (e.g. `idempotency-key`), lower-case names. */
  headers: Record<string, string>;
  /** Status sent, or the status the handler produced before a fault cut it off; null when none. */
  status: number | null;
  /**
   * The answer, recorded like `status`: also when a `truncate` or `reset-after` fault kept it from the
   * client (then it is what the server meant to send); null when there was none (hang, reset-before).
   */
  response: LoggedResponse | null;
  fault: FaultKind | null;
  /** Body bytes written to the socket, counted for a `huge-body` answer only. */
  sentBytes?: number;
  authorized: boolean;
  /** True when the provider's handler ran (and so may have changed state). */
  handled: boolean;
  /** ISO-8601 time the request arrived. */
  timestamp: string;
}

export interface RateLimitConfig {
  capacity: number;
  refillPerSecond: number;
}

export interface FaultControl {
  /** Arms a rule; throws a RangeError for a malformed rule or a kind this emulator cannot apply. */
  inject(rule: FaultRule): void;
  clear(): void;
  /** Rules not yet used up, in the order they will be tried, with their remaining `times` and `skip`. */
  pending(): readonly FaultRule[];
  /** Whether this emulator can apply a fault of this kind (`expire-credentials` needs issued tokens). */
  supports(kind: FaultKind): boolean;
}

/** What every running provider emulator offers to tests and to the sandbox. */
export interface RunningEmulator {
  origin: string;
  readonly log: readonly RequestLogEntry[];
  clearLog(): void;
  /** Entries for requests that reached the handler and may change state (by default: not GET/HEAD). */
  writes(): RequestLogEntry[];
  faults: FaultControl;
  setLatency(ms: number): void;
  /** Replace the rate limit (a fresh, full bucket) or remove it with undefined. */
  setRateLimit(config: RateLimitConfig | undefined): void;
  close(): Promise<void>;
}
