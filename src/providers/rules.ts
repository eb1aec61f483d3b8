// What a provider module declares for plansync's config checks: its plans-file rules (checks on plans
// that passed the provider's schema but that a JSON Schema cannot express: decimals by currency,
// fields that exclude each other; how a plans entry may name many ids), and the parser of its
// connections' `options`, which turns the mapping as written into the typed options the provider's
// other parts read. Both are pure: they get plain data and return findings; the loader adds file,
// line and path.

import type { DocPath } from '../config/paths.js';

/** The connection a plans file belongs to, as plan rules see it. */
interface RuleConnection<Options = unknown> {
  /** Connection id (its key under `connections:`). */
  name: string;
  /**
   * The connection's options as its provider parsed them; undefined when they could not be parsed
   * (the findings are reported on the connection, so plan rules need not repeat them).
   */
  options: Options | undefined;
}

/** One plans entry as written in YAML, after the schema accepted it. */
export interface PlanRuleInput<Options = unknown> {
  /** Logical key (the entry's key under `plans:`). */
  key: string;
  /**
   * The entry's fields as written, including the pinned id field, without `lifecycle`. A group entry
   * (see `ProviderRules.idListField`) carries its id list instead; rules see it once, not per id.
   */
  fields: Readonly<Record<string, unknown>>;
  /** The connection the plans file names. */
  connection: RuleConnection<Options>;
}

/** One connection of this provider in the project file, as written. */
interface ConnectionRuleInput {
  /** Connection id. */
  name: string;
  /** The connection's `options` mapping (empty when absent); unknown keys are already reported. */
  options: Readonly<Record<string, unknown>>;
}

/** What in the YAML a finding points at: the key, its value, or the mapping that lacks the key. */
type FindingTarget = 'key' | 'value' | 'parent';

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

/** A connection's `options` as its provider reads them. */
interface ParsedOptions<Options> {
  /**
   * The typed options; absent when the findings leave nothing usable. It may come with findings (the
   * parts that could be read, for the plans rules to check against): any finding fails the load.
   */
  options?: Options;
  findings: RuleFinding[];
}

/**
 * How a provider reads its connections' `options:` mapping. The loader reports keys outside `keys`
 * (with a "did you mean"), then hands the rest to `parse`; the result travels on the loaded
 * connection to the provider's authenticator, adapter, rules and `pruneAllowed`.
 */
export interface OptionsParser<Options> {
  /**
   * Each key the provider takes, with a clause saying what it does (no final full stop), for the
   * project schema's description of `options` (`npm run docs`).
   */
  keys: Readonly<Record<string, string>>;
  /**
   * Checks the values (and required keys) and builds the typed options. Findings are located inside
   * the connection, e.g. `['options', 'plan_types', 2]`.
   */
  parse(connection: ConnectionRuleInput): ParsedOptions<Options>;
}

/** Options of a provider that takes none. */
export type NoOptions = Record<string, never>;

/** The parser of a provider that takes no options: every key is reported as unknown. */
export const noOptions: OptionsParser<NoOptions> = {
  keys: {},
  parse: () => ({ options: {}, findings: [] }),
};

export interface ProviderRules<Options = unknown> {
  /** Checks on one plans entry. */
  plan?(plan: PlanRuleInput<Options>): RuleFinding[];
  /** Checks across all plans of one plans file (e.g. fields that must be unique). */
  file?(plans: readonly PlanRuleInput<Options>[]): Array<RuleFinding & { key: string }>;
  /**
   * A plans entry may list many ids under this field instead of one under the contract's id field
   * (e.g. `encoded_account_ids` beside `encoded_account_id`). Such an entry expands at load time into
   * one plan per id, keyed `<entry key>/<id>`, each with the entry's other fields. The plans schema
   * says which of the two an entry must have.
   */
  idListField?: string;
  /**
   * An entry that stands for several live objects (a Stripe product and the prices nested under it):
   * splits the entry's fields into the entry's own plan (the part without `key`) and child plans, each
   * matched, diffed and applied on its own. A child is keyed `<entry key>/<part key>`, so `--target
   * <entry key>` names the entry and all its children; its id, if pinned, is the contract's id field
   * inside its own mapping (`at`). Rules (`plan`, `file`) still see the entry whole.
   */
  split?(entry: { key: string; fields: Readonly<Record<string, unknown>> }): PlanPart[];
}

/** One plan a split entry stands for (see `ProviderRules.split`). */
export interface PlanPart {
  /** Absent for the entry's own plan; the child's key within the entry otherwise. */
  key?: string;
  /** Where the part's fields are written, inside the entry (`[]` for the entry itself). */
  at: DocPath;
  /** The part's fields, as the provider's `desiredAttrs` reads them (its id field included, if pinned). */
  fields: Record<string, unknown>;
  /**
   * Whether `apply --write-ids` pins a created id here. False where the provider names the object's id
   * from the YAML itself (a Stripe product created with its chosen id): there is nothing to pin.
   */
  pinnable: boolean;
}
