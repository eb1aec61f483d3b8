// The surface every provider implements. The engine talks to providers only through this; it never
// branches on a provider's name, and what it needs to know of a provider's behaviour is a named field
// of the contract (`contract.capabilities`) or of this module, never inferred.
//
// What a new provider adds:
// - `src/providers/<id>/`: one `Provider` module exported from `index.ts` (contract, options parser,
//   plans rules, authenticator, adapter factory, importer, read estimate), its parts in small files
//   beside it (`contract.ts`, `options.ts`, `rules.ts`, `api.ts`, `wire.ts`, `adapter.ts`, ...);
// - one line in `src/providers/registry.ts`, the only list of providers;
// - `schemas/<id>.plans.schema.json` (its plans files) and `docs/providers/<id>.md` (its page, whose
//   capability table `npm run docs` writes from the contract, as it writes the provider's part of
//   `schemas/project.schema.json` from this module);
// - its emulator in the sandbox tree, `src/sandbox/<id>/`, and its test-side kits, `test/providers/<id>/`
//   and `bench/providers/<id>.ts` (that layout is being set up in a separate change).
// `test/providers/registry.test.ts` fails while any of these parts is missing.

import type { Contract } from '../core/contract.js';
import type { DesiredPlan, LiveObject, PlanItem } from '../core/model.js';
import type { Attrs } from '../core/value.js';
import type { Authenticator, HttpClient } from '../http/client.js';
import type { ConnectionDefaults, OptionsParser, ProviderRules } from './rules.js';

// Generic code (config) knows providers through this file and the registry only.
export type { PlanRuleInput, ProviderRules } from './rules.js';

export interface ProviderConnection<Options = unknown> {
  /** Connection id from the project file. */
  name: string;
  /** The connection's `options`, as the provider's options parser read them. */
  options: Options;
  baseUrl: string;
  /** Credential values by slot name; never logged, never rendered. */
  credentials: Record<string, string>;
  http: HttpClient;
  /** Parallel requests the connection allows (the HTTP client enforces it too). */
  concurrency: number;
}

/** Live objects as a provider reads them. */
export interface Inventory {
  objects: LiveObject[];
}

export interface ApplyContext {
  /** Report a step of a multi-request operation, for the apply report. */
  step(message: string): void;
  /** Stable key for idempotent creates (same desired plan → same key). */
  idempotencyKey: string;
  /**
   * Fingerprint the plan saw for the object about to be written. An adapter that re-reads the object
   * before writing (GET-merge-PUT) refuses with a StalePlanError when it differs.
   */
  expectedFingerprint?: string;
  /**
   * For the create of a replacement: the live ids it replaces (retired once the create is done). A
   * provider whose successor must take something over from them (Stripe's lookup key and default
   * price) uses it, and keys its idempotent create on it too, so a revert never replays the old create.
   */
  replacing?: readonly string[];
}

/** JSON data a provider derives from the desired plans to bound its reads; saved in the plan file. */
export type ReadScope = Record<string, unknown>;

export interface ReadOptions {
  /**
   * Called as a read progresses, for a progress line on long reads: `done` reads (pages of a listing,
   * or objects read one by one) so far, and `total` once it is known (a first page that states how
   * many plans there are, or the number of ids read). Counts leave out `ReadEstimate.setup`.
   */
  onProgress?(done: number, total?: number): void;
}

/** What a read will cost, stated before it starts (and checked against the daily budget when exact). */
export interface ReadEstimate {
  /** Requests the read will send, setup included. */
  requests: number;
  /** The count is certain (one request per declared object); otherwise it may grow once read. */
  exact: boolean;
  /** Requests before the reads proper that `onProgress` does not count (an OAuth token): 0 if absent. */
  setup?: number;
  /** How the count was made, for the statement: `5000 declared plans at 20 per page, plus token`. */
  basis?: string;
}

export interface ProviderAdapter {
  /** Read every live object of this connection in scope (largest pages, fewest requests). */
  readAll(scope?: ReadScope, options?: ReadOptions): Promise<Inventory>;
  /**
   * Create a plan; returns the live object as the provider holds it: its answer, or one re-read
   * where the answer does not carry the object (never the request echoed). The engine checks it
   * against every declared field (verified writes).
   */
  create(desired: Attrs, context: ApplyContext): Promise<LiveObject>;
  /**
   * Apply an `update` item's changes to the live object `item.id`; returns the object as the
   * provider holds it afterwards (its answer, or one re-read), checked on every changed field.
   */
  update(item: PlanItem, context: ApplyContext): Promise<LiveObject>;
  /**
   * Take a live object out of service (status change or delete, per the contract); returns the
   * object as the provider holds it afterwards, or undefined when the provider shows it gone.
   */
  retire(id: string, context: ApplyContext): Promise<LiveObject | undefined>;
}

interface CredentialSlot {
  name: string;
  /** Conventional environment variable, used in docs and examples. */
  exampleEnv: string;
  doc: string;
}

/**
 * One provider, as one module. `Options` is what its options parser makes of a connection's
 * `options:`; only the provider's own parts read it (methods, so a `Provider<X>` is an `AnyProvider`).
 */
export interface Provider<Options = unknown> {
  id: string;
  title: string;
  /** Fields, capabilities and identity: everything the engine may know of the provider's behaviour. */
  contract: Contract;
  /** Default base URLs; the project file may override them. Absent where none is published. */
  baseUrls: { sandbox?: string; production?: string };
  credentials: CredentialSlot[];
  /** The keys a connection's `options:` takes and how they read into `Options` (`noOptions`: none). */
  options: OptionsParser<Options>;
  /**
   * Whether a connection with these options may prune. Asked where pruning deletes
   * (`capabilities.retire: 'delete'`), which needs an opt-in of its own; such a provider without it
   * never prunes. Elsewhere, absent means `prune: true` is enough.
   */
  pruneAllowed?(options: Options): boolean;
  /** Documented quotas, applied where a connection's `limits` leave them out. */
  connectionDefaults?: ConnectionDefaults;
  /**
   * Settings `plansync init` writes under a new connection of this provider, commented, for what a
   * connection cannot run without (e.g. Constant Contact's plan types): YAML lines indented for a
   * key of the connection (4 spaces). Absent: none.
   */
  initSettings?: readonly string[];
  /** JSON Schema file (in `schemas/`) for this provider's plans files. */
  planSchema: string;
  /** Checks on plans files that the schema cannot express (`{}`: none). */
  rules: ProviderRules<Options>;
  /** Turn one YAML plan (provider field names, `lifecycle` and id removed) into comparable attrs. */
  desiredAttrs(spec: Record<string, unknown>): Attrs;
  /** How requests of one connection authenticate (static headers, or a token it fetches and caches). */
  authenticator(
    credentials: Record<string, string>,
    connection: { baseUrl: string; options: Options },
  ): Authenticator;
  /**
   * Requests a read of this scope will send, stated before reading (src/cli/read-progress.ts) and,
   * when exact, checked against the budget. `declared` is how many plans the YAML declares for the
   * connection (0 for an import): a listing provider estimates its pages from it.
   */
  estimateReads?(scope: ReadScope | undefined, declared: number): ReadEstimate;
  /**
   * What `readAll` needs to know about the desired plans (e.g. PayPal's product ids); stored in the
   * plan. Required where `capabilities.reads` is `by-id`: the ids to read. `run.targeted` says the run
   * plans only some of the connection's plans (`--target`, `--changed-since`; pruning is then off): a
   * provider whose whole read must see every object for pruning (Stripe's products) narrows only then.
   * Undefined: read everything.
   */
  readScope?(
    desired: Array<{ id?: string; attrs: Attrs }>,
    run: { targeted: boolean },
  ): ReadScope | undefined;
  /**
   * Warnings about credentials that open another environment than the connection's (a Stripe test key
   * on a production connection): said on stderr before anything is read. Never include a value.
   */
  credentialWarnings?(credentials: Record<string, string>, environment: 'sandbox' | 'production'): string[];
  /** Pulls the provider's code and message out of an error response body. */
  describeError(status: number, body: unknown): { code?: string; message: string } | undefined;
  /** Statuses that mean "try again" for this provider, besides 429 and 5xx. */
  retryableStatuses?: number[];
  /** The provider's answer header that says whether to retry (`Stripe-Should-Retry`); see HttpClientOptions. */
  retryHint?(status: number, headers: Record<string, string | string[] | undefined>): boolean | undefined;
  /** Provider-specific notes for a planned item (e.g. how many requests a change takes). */
  describe?(item: PlanItem, desired: DesiredPlan | undefined, live: LiveObject | undefined): string[];
  /** The adapter factory: one connection's reads and writes. */
  connect(connection: ProviderConnection<Options>): ProviderAdapter;
  /** `plansync import`: how to read a whole connection and write its live plans as YAML. */
  importer?: ProviderImporter<Options>;
}

/** Any registered provider, its options opaque: the registry, the loader and the engine hold these. */
export type AnyProvider = Provider<unknown>;

/** One live plan as `plansync import` writes it into a plans file. */
export interface ImportedPlan {
  /**
   * The plan as a plans file declares it (provider field names, the id field first), such that the
   * loader reads it back into attrs equal to the live object's. Values are plain data, or `yaml`
   * nodes where the text matters (an amount's trailing zeros).
   */
  spec: Record<string, unknown>;
  /** A comment after a top-level field: why it is there, or what the provider will not change. */
  comments?: Record<string, string>;
  /** Comment lines closing the plan: read-only values, and fields left out on purpose and why. */
  notes?: string[];
  /** What the plan's YAML key is derived from (its name); the id when absent. */
  name?: string;
  /** Out of service (INACTIVE, deleted, canceled): skipped unless `--include-retired`. */
  retired: boolean;
}

interface ImportRequest {
  /** Ids that narrow the read, by filter name (`product` for `--product`), as the user gave them. */
  only: Record<string, string[]>;
  includeRetired: boolean;
  /** Ids the connection's YAML already pins: a provider that reads object by object may skip them. */
  declaredIds: ReadonlySet<string>;
}

/** What an import reads, decided by the provider (for example after listing accounts). */
export interface ImportRead {
  /** Passed to `readAll`; absent reads the whole connection. */
  scope?: ReadScope;
  /** Names of objects that carry none of their own (a Constant Contact account's organisation). */
  labels?: Record<string, string>;
  /** Objects a listing showed as retired, left unread. */
  retiredSkipped?: number;
  /** Already-declared objects a listing showed, left unread. */
  declaredSkipped?: number;
}

export interface ProviderImporter<Options = unknown> {
  /** Filters the provider takes, e.g. `{ product: 'only plans of this product id' }`. */
  filters?: Record<string, string>;
  /** What to read; without it, `readAll()` with no scope (everything). */
  plan?(connection: ProviderConnection<Options>, request: ImportRequest): Promise<ImportRead>;
  /** The inverse of `desiredAttrs`, with comments. `label` comes from `ImportRead.labels`. */
  toSpec(object: LiveObject, label?: string): ImportedPlan;
  /**
   * For a provider whose entries hold several live objects (`ProviderRules.split`): folds the imported
   * plans into entries (a Stripe price into its product's `prices`) and says which objects it left out.
   */
  assemble?(candidates: Array<{ object: LiveObject; plan: ImportedPlan }>): {
    kept: Array<{ object: LiveObject; plan: ImportedPlan }>;
    left: Array<{ id: string; reason: string }>;
  };
}
