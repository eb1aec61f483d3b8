// The shape of provider-specific semantic rules: checks on plans that passed the provider's schema
// but that a JSON Schema cannot express (decimals by currency, fields that exclude each other), the
// provider's connection options, its documented quotas, and how a plans entry may name many ids.
// Rules are pure: they get plain data and return findings; the loader adds file, line and path.

import type { DocPath } from '../config/paths.js';

/** The connection a plans file belongs to, as plan rules see it. */
export interface RuleConnection {
  /** Connection id (its key under `connections:`). */
  name: string;
  /** The connection's `options`, as written (may hold mistakes the connection rules report). */
  options: Readonly<Record<string, unknown>>;
}

/** One plans entry as written in YAML, after the schema accepted it. */
export interface PlanRuleInput {
  /** Logical key (the entry's key under `plans:`). */
  key: string;
  /**
   * The entry's fields as written, including the pinned id field, without `lifecycle`. A group entry
   * (see `ProviderRules.idListField`) carries its id list instead; rules see it once, not per id.
   */
  fields: Readonly<Record<string, unknown>>;
  /** The connection the plans file names. */
  connection: RuleConnection;
}

/** One connection of this provider in the project file, as written. */
export interface ConnectionRuleInput {
  /** Connection id. */
  name: string;
  /** The connection's `options` mapping (empty when absent); unknown keys are already reported. */
  options: Readonly<Record<string, unknown>>;
}

/** What in the YAML a finding points at: the key, its value, or the mapping that lacks the key. */
export type FindingTarget = 'key' | 'value' | 'parent';

export interface RuleFinding {
  /**
   * Path the finding is about, inside the plan (e.g. `['currency']`) or, for connection rules, inside
   * the connection (e.g. `['options', 'plan_types', 2]`); empty or absent: the plan or connection itself.
   */
  at?: DocPath;
  /** What in the YAML to point at; default: the value when `at` is set, else the key. */
  target?: FindingTarget;
  message: string;
  hint?: string;
}

/** Limits a provider documents for its API, used where the project file leaves them out. */
export interface ConnectionDefaults {
  requestsPerSecond?: number;
  dailyBudget?: number;
}

export interface ProviderRules {
  /** Checks on one plans entry. */
  plan?(plan: PlanRuleInput): RuleFinding[];
  /** Checks across all plans of one plans file (e.g. fields that must be unique). */
  file?(plans: readonly PlanRuleInput[]): Array<RuleFinding & { key: string }>;
  /**
   * The keys this provider takes under a connection's `options`. Any other key is an error with a
   * "did you mean"; a provider without the list takes no options.
   */
  connectionOptions?: readonly string[];
  /** Checks on one connection's options (values, required options), after the unknown-key check. */
  connection?(connection: ConnectionRuleInput): RuleFinding[];
  /** Documented quotas, applied when `limits` leaves them out (before the generic defaults). */
  connectionDefaults?: ConnectionDefaults;
  /**
   * A plans entry may list many ids under this field instead of one under the contract's id field
   * (e.g. `encoded_account_ids` beside `encoded_account_id`). Such an entry expands at load time into
   * one plan per id, keyed `<entry key>/<id>`, each with the entry's other fields. The plans schema
   * says which of the two an entry must have.
   */
  idListField?: string;
}
