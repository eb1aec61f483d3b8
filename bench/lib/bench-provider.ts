// What the benchmark needs of a provider (bench/providers/<id>.ts, listed in bench/lib/providers.ts):
// a generated inventory in an emulator started with a fixed latency and a rate limit, the project YAML
// that declares every plan (and a variant changing 10% of them), how the request log sorts into kinds,
// the Terraform-refresh-like peer's one GET per plan, and the inputs of the lower bound (largest page
// size, usable concurrency, rate limit). Also the helpers the providers share.

import type { RequestLogEntry, RunningEmulator } from '../../src/sandbox/kit/index.js';

/** The connection name every bench project uses; its base URL comes from PLANSYNC_BASE_URL_BENCH. */
export const CONNECTION = 'bench';

export interface BenchSettings {
  /** Fixed latency the emulator adds to every request, ms. */
  latencyMs: number;
  /**
   * No rate limit in the emulators and a high pace in the project (the CI test): request counts stay
   * the same, but no 429 can come from scheduling jitter on a busy machine, and the test is quick.
   */
  unthrottled?: boolean;
}

/** What limits the work: documented or chosen, always stated in the output. */
export interface LimitInputs {
  /** Largest page size of the list (0: no list, one GET per plan). */
  pageSize: number;
  /** Parallel requests the project allows (limits.concurrency), and the peer's parallelism. */
  concurrency: number;
  /** Concurrency usable for the listing: 1 when pages follow a cursor and cannot be read in parallel. */
  listConcurrency: number;
  /** Requests per second the emulator allows and the project paces to. */
  rateLimit: number;
  /** Where the rate limit comes from. */
  rateSource: string;
  /** Whether a token request precedes the API requests. */
  tokenRequest: boolean;
  /**
   * Verified writes: GETs after each update to read what the provider holds, where the write's
   * answer does not carry the object (PayPal's 204s); 0 where the answer is checked as it is.
   */
  verifyReads: number;
}

export type RequestKind = 'list' | 'get' | 'token' | 'write';

interface Started {
  emulator: RunningEmulator;
  /** PLANSYNC_BASE_URL_BENCH and the credential variables the project names. */
  env: Record<string, string>;
  /** The peer's requests: one GET per declared plan id, with the same authentication as plansync. */
  peer: PeerTarget;
}

export interface PeerTarget {
  /** Fetches a token when the provider needs one; returns headers for every GET. */
  authenticate(): Promise<Record<string, string>>;
  urlFor(id: string): string;
}

export interface BenchProvider {
  /** The provider id, as in plansync's provider registry. */
  id: string;
  limits: LimitInputs;
  /**
   * Bound by a small request quota rather than by CPU (Constant Contact, 4/s): benched at the smaller
   * `accounts` sizes, and at 500+ its measurements run at once, sharing the wait.
   */
  quotaBound?: boolean;
  /**
   * Pages a whole read lists at the least, where that is not `count` ÷ the page size (Stripe lists
   * products, active prices and archived prices apart).
   */
  listPages?(count: number): number;
  /** Plans declared; ids in declaration order (the peer reads them in this order). */
  ids(count: number): string[];
  /** Starts a fresh emulator holding `count` generated plans. */
  start(count: number, settings: BenchSettings): Promise<Started>;
  /** `plansync.yaml` of a project with one connection, `bench`. */
  projectYaml(settings?: BenchSettings): string;
  /** `plans/bench.yaml`; `changed` lists the plan indexes whose declaration differs from live. */
  plansYaml(count: number, changed: ReadonlySet<number>): string;
  /** Plan indexes the apply variant changes: 10% of the plans, each needing exactly one write. */
  changeSet(count: number): Set<number>;
  classify(entry: RequestLogEntry): RequestKind;
}

/** Requests per second allowed by the emulators of providers that publish no numbers (see README). */
export const UNPUBLISHED_RATE = 100;
/** The project's `limits.concurrency` and the peer's parallelism (Terraform's default -parallelism). */
export const CONCURRENCY = 10;

/** The project's pace when the emulators are unthrottled. */
const UNTHROTTLED_PACE = 1000;

export const rateLimit = (perSecond: number, settings: BenchSettings) =>
  settings.unthrottled ? undefined : { capacity: perSecond, refillPerSecond: perSecond };
export const isGet = (entry: RequestLogEntry) => entry.method === 'GET' || entry.method === 'HEAD';

export function projectYaml(
  provider: string,
  credentials: Record<string, string>,
  limits: LimitInputs,
  settings: BenchSettings | undefined,
  extra: string[] = [],
): string {
  const rate = settings?.unthrottled ? UNTHROTTLED_PACE : limits.rateLimit;
  const creds = Object.entries(credentials)
    .map(([slot, env]) => `${slot}: ${env}`)
    .join(', ');
  return [
    'version: 1',
    'connections:',
    `  ${CONNECTION}:`,
    `    provider: ${provider}`,
    `    credentials: { ${creds} }`,
    `    limits: { concurrency: ${limits.concurrency}, requests_per_second: ${rate} }`,
    ...extra.map((line) => `    ${line}`),
    '',
  ].join('\n');
}

export const everyTenth = (count: number): Set<number> => {
  const out = new Set<number>();
  for (let i = 0; i < count; i += 10) out.add(i);
  return out;
};

/** The YAML key of the i-th plan. */
export const planKey = (i: number) => `p${String(i + 1).padStart(6, '0')}`;
/** The base URL override of the `bench` connection. */
export const BASE_URL_ENV = 'PLANSYNC_BASE_URL_BENCH';

export async function fetchJson(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
