// The loaded configuration as the rest of plansync sees it: validated, defaults applied, names in
// camelCase, every part carrying where it was written so later errors can point back at the YAML.

import type { DocPath } from './paths.js';
import type { SourceLocation } from '../errors.js';
import type { Lifecycle } from '../core/model.js';
import type { AnyProvider } from '../providers/types.js';
import type { EnvironmentDecl } from './environments.js';

export type Environment = 'sandbox' | 'production';

export interface ConnectionLimits {
  concurrency: number;
  requestsPerSecond: number;
  timeoutMs: number;
  /** Longest server-requested wait (Retry-After) honoured; a longer one fails the request. */
  maxRetryWaitMs: number;
  /** Largest response body read; a longer answer is refused, not retried. */
  maxResponseBytes: number;
  retries: number;
  /**
   * Most requests one run may send on this connection in a day: `limits.daily_budget`, else the
   * provider's documented daily quota (its module's `connectionDefaults`); absent means no budget.
   */
  dailyBudget?: number;
}

export interface SafetyThresholds {
  /** Share (0..1) of existing plans one apply may change. */
  maxChangeShare: number;
  /** Share (0..1) of existing plans one apply may retire. */
  maxRetireShare: number;
  /** Largest price move, up or down, in percent. */
  maxPriceChangePercent: number;
  /** The share gates apply from this many live plans on. */
  minExisting: number;
}

export interface ConnectionConfig {
  /** Connection id, the key under `connections:`. */
  name: string;
  /** Registered provider id. */
  provider: string;
  environment: Environment;
  /** The project environment this connection is bound in (`environments:`), if the project has any. */
  boundIn?: string;
  /** Override of the provider's base URL; absent means the provider's default for `environment`. */
  baseUrl?: string;
  /** Credential slot → NAME of the environment variable holding it (never the secret). */
  credentials: Record<string, string>;
  limits: ConnectionLimits;
  /**
   * Provider-specific options (`options:`) as the provider's options parser read them: opaque here,
   * handed back to the provider's own parts (authenticator, adapter). Undefined only in a load that
   * fails (the parser's findings are reported).
   */
  options: unknown;
  /**
   * Whether to retire live plans that no YAML plan matches: `prune: true`, and where the provider
   * retires by deleting (`capabilities.retire: 'delete'`), the connection's own opt-in as the
   * provider reads it from the options (its `pruneAllowed`, e.g. J.P. Morgan MPS' `prune_delete`).
   */
  prune: boolean;
  safety: SafetyThresholds;
  /** Where the connection is declared (its key in the project file). */
  location: SourceLocation;
}

export interface DesiredPlanSource {
  /** Logical key: the plan's key under `plans:`. */
  key: string;
  /** Pinned live id (the provider's id field), as a string. */
  id?: string;
  /** Provider fields only: no id field, no `lifecycle`. Amounts as written (number or decimal string). */
  spec: Record<string, unknown>;
  lifecycle: Lifecycle;
  /** Where the plan is declared: its key, or for a group member its id's item in the list. */
  location: SourceLocation;
  /** Where one of the plan's fields is written; the plan's key when the field is absent. */
  locate(field: string): SourceLocation;
  /**
   * For a plan expanded from a group entry (one that lists ids under the provider's `idListField`,
   * e.g. `encoded_account_ids`): the entry's key and this id's index in the list. The plan's own key
   * is then `<group.key>/<id>`.
   */
  group?: { key: string; index: number };
  /**
   * Where `apply --write-ids` pins a created id: absent, the id field of `plans.<key>`; a path, the id
   * field of the mapping there (a part of a split entry, e.g. a Stripe price under its product); null,
   * nowhere (the provider names the object's id from the YAML itself).
   */
  pinAt?: DocPath | null;
  /**
   * Fields some environment sets under the plan's `environments:` (values that differ per
   * environment, such as a product id): `compare` leaves them out. Absent when there are none.
   */
  environmentBound?: string[];
}

export interface PlansFile {
  /** Path relative to the project root, with `/` separators. */
  file: string;
  connection: string;
  plans: DesiredPlanSource[];
  /**
   * The file's `plans:` mapping as read, before any merging or normalisation: `--changed-since`
   * compares it with the version at a Git ref without parsing the file a second time.
   */
  raw?: Record<string, unknown>;
}

export interface Project {
  /** Absolute project root. */
  root: string;
  /** Project file, relative to the root. */
  file: string;
  connections: ConnectionConfig[];
  plansFiles: PlansFile[];
  /** The plans directory, relative to the root with `/` separators (where `import` writes new files). */
  plansDir?: string;
  /** Environments the project declares, each after the one it follows; absent or empty when none. */
  environments?: EnvironmentDecl[];
  /**
   * The environment this project was loaded for: its connections are bound as it binds them, and
   * its plans hold its values. Absent in a project without environments.
   */
  environment?: EnvironmentDecl;
}

/** The provider registry as the loader needs it (the real registry lives in `src/providers`). */
export interface ProviderLookup {
  get(id: string): AnyProvider | undefined;
  ids(): string[];
}
