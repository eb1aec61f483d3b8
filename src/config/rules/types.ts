// The shape of provider-specific semantic rules: checks on plans that passed the provider's schema
// but that a JSON Schema cannot express (decimals by currency, fields that exclude each other).
// Rules are pure: they get plain data and return findings; the loader adds file, line and path.

import type { DocPath } from '../paths.js';

/** One plan as written in YAML, after the schema accepted it. */
export interface PlanRuleInput {
  /** Logical key (the plan's key under `plans:`). */
  key: string;
  /** The plan's fields as written, including the pinned id field, without `lifecycle`. */
  fields: Readonly<Record<string, unknown>>;
}

export interface RuleFinding {
  /** Path inside the plan the finding is about (e.g. `['currency']`); empty or absent: the plan itself. */
  at?: DocPath;
  message: string;
  hint?: string;
}

export interface ProviderRules {
  /** Checks on one plan. */
  plan?(plan: PlanRuleInput): RuleFinding[];
  /** Checks across all plans of one plans file (e.g. fields that must be unique). */
  file?(plans: readonly PlanRuleInput[]): Array<RuleFinding & { key: string }>;
}
