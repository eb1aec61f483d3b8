// The surface every provider implements. The engine talks to providers only through this; it never
// branches on a provider's name. A new provider is a folder beside `bluesnap/` plus a registry line.

import type { Contract } from '../core/contract.js';
import type { DesiredPlan, LiveObject, PlanItem } from '../core/model.js';
import type { Attrs } from '../core/value.js';
import type { Authenticator, HttpClient } from '../http/client.js';

export interface ProviderConnection {
  /** Connection id from the project file. */
  name: string;
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
}

/** JSON data a provider derives from the desired plans to bound its reads; saved in the plan file. */
export type ReadScope = Record<string, unknown>;

export interface ReadOptions {
  /** Called as objects are read, for a progress line on long reads. */
  onProgress?(done: number, total: number): void;
}

export interface ProviderAdapter {
  /** Read every live object of this connection in scope (largest pages, fewest requests). */
  readAll(scope?: ReadScope, options?: ReadOptions): Promise<Inventory>;
  /** Create a plan; returns the live object as created. */
  create(desired: Attrs, context: ApplyContext): Promise<LiveObject>;
  /** Apply an `update` item's changes to the live object `item.id`. */
  update(item: PlanItem, context: ApplyContext): Promise<void>;
  /** Take a live object out of service (status change or delete, per the contract). */
  retire(id: string, context: ApplyContext): Promise<void>;
}

export interface CredentialSlot {
  name: string;
  /** Conventional environment variable, used in docs and examples. */
  exampleEnv: string;
  doc: string;
}

export interface Provider {
  id: string;
  title: string;
  contract: Contract;
  /** Default base URLs; the project file may override them. Absent where none is published. */
  baseUrls: { sandbox?: string; production?: string };
  credentials: CredentialSlot[];
  /** JSON Schema file (in `schemas/`) for this provider's plans files. */
  planSchema: string;
  /** Turn one YAML plan (provider field names, `lifecycle` and id removed) into comparable attrs. */
  desiredAttrs(spec: Record<string, unknown>): Attrs;
  /** How requests of one connection authenticate (static headers, or a token it fetches and caches). */
  authenticator(
    credentials: Record<string, string>,
    connection: { baseUrl: string; options: Record<string, unknown> },
  ): Authenticator;
  /** Requests a read of this scope will send, stated before reading and checked against the budget. */
  estimateReads?(scope: ReadScope | undefined): number;
  /** What `readAll` needs to know about the desired plans (e.g. PayPal's product ids); stored in the plan. */
  readScope?(desired: Array<{ id?: string; attrs: Attrs }>): ReadScope;
  /** Pulls the provider's code and message out of an error response body. */
  describeError(status: number, body: unknown): { code?: string; message: string } | undefined;
  /** Statuses that mean "try again" for this provider, besides 429 and 5xx. */
  retryableStatuses?: number[];
  /** Provider-specific notes for a planned item (e.g. how many requests a change takes). */
  describe?(item: PlanItem, desired: DesiredPlan | undefined, live: LiveObject | undefined): string[];
  connect(connection: ProviderConnection): ProviderAdapter;
}
