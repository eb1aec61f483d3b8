// The mutability contract: per provider, what each field is and how (or whether) it can change.
// It is data: the planner enforces it, and docs/providers/<id>.md renders it as a capability table.

import type { Attrs, Value } from './value.js';

/** Who a change reaches, in increasing order of consequence. */
export const IMPACTS = ['cosmetic', 'new-subscribers', 'existing-subscribers', 'irreversible'] as const;
export type Impact = (typeof IMPACTS)[number];

export function maxImpact(impacts: Iterable<Impact>): Impact | undefined {
  let best: Impact | undefined;
  for (const impact of impacts) {
    if (best === undefined || IMPACTS.indexOf(impact) > IMPACTS.indexOf(best)) best = impact;
  }
  return best;
}

type FieldType = 'text' | 'integer' | 'boolean' | 'enum' | 'decimal' | 'money' | 'json';

export type Mutability =
  /** Changed by the provider's ordinary update request. */
  | { mode: 'in-place' }
  /** Changed through a dedicated endpoint, named here (e.g. `update-pricing-schemes`). */
  | { mode: 'operation'; operation: string }
  /** Changeable only when a named condition holds; otherwise the condition says what happens. */
  | { mode: 'conditional'; condition: string }
  /** Fixed once created: a change needs a new object (replacement), if the plan opts in. */
  | { mode: 'create-only' }
  /** Server-managed: never diffed, never sent. */
  | { mode: 'read-only' };

export interface FieldRule {
  /** Field path in the provider's own names, e.g. `recurringChargeAmount`. */
  path: string;
  type: FieldType;
  mutability: Mutability;
  /** Who a change of this field reaches. */
  impact: Impact;
  /** The provider's value when the field is absent (absent and default compare equal). */
  default?: Value;
  /**
   * Compared only when the YAML declares it: absent means "leave as it is", not "remove". For fields
   * the API cannot clear (Constant Contact's billing day) or that describe state (billing status).
   */
  onlyWhenDeclared?: boolean;
  /** For `decimal` amounts: the field holding their currency, for rendering. */
  currencyField?: string;
  /** One line for the capability table. */
  doc: string;
}

/** What a condition decides about one field change. */
type ConditionVerdict =
  /** Allowed; `impact` overrides the field's when this particular change reaches further. */
  | { verdict: 'allowed'; impact?: Impact; note?: string }
  /** Cannot be made in place; replacement (new object) would achieve it. */
  | { verdict: 'needs-replacement'; reason: string }
  /** Cannot be made at all through the API; the way out says what the user can do. */
  | { verdict: 'blocked'; reason: string; wayOut: string }
  /** The API cannot change it on this object: report as drift, send nothing. */
  | { verdict: 'drift'; reason: string };

interface ConditionContext {
  path: string;
  before: Value | undefined;
  after: Value | undefined;
  live: Attrs;
  desired: Attrs;
}

export interface Condition {
  /** For the docs: when the field can change. */
  description: string;
  /** The request that makes an allowed change, when it is not the ordinary update. */
  via?: string;
  check(context: ConditionContext): ConditionVerdict;
}

export interface Capabilities {
  create: boolean;
  update: boolean;
  /** How an object leaves service: a status change, a delete, or not at all. */
  retire: 'deactivate' | 'delete' | 'none';
  /** Whether a create-only change can be met by creating a new object and retiring the old one. */
  replace: boolean;
  /**
   * How live objects are read. `list`: the listing is read whole (within the provider's read scope),
   * so identity and pruning see every object. `by-id`: only the objects the YAML pins are read, one by
   * one, and matched by id alone (no natural key); a plan then needs nothing outside its own objects,
   * so a shard reads only its own.
   */
  reads: 'list' | 'by-id';
}

export interface Contract {
  provider: string;
  fields: FieldRule[];
  conditions: Record<string, Condition>;
  capabilities: Capabilities;
  identity: {
    /** Field in the YAML that pins a live object's id, e.g. `planId`. */
    idField: string;
    /** Fields that identify a plan when no id is pinned. */
    naturalKey: string[];
  };
  /**
   * How to tell whether a live object is in service. Retired objects are only adopted by natural key
   * when no active one matches, so a replaced (retired) plan never competes with its successor.
   */
  status?: { path: string; active: Value; retired: Value };
  /**
   * How messages name a live object and its retirement, where "plan" and "deactivate" would mislead a
   * reviewer (Stripe: `price`/`product`, `archive`). Absent: `<provider> plan`, and the retire verb.
   */
  terms?: { noun(attrs: Attrs): string; retire: string };
}

export function fieldRule(contract: Contract, path: string): FieldRule | undefined {
  return contract.fields.find((rule) => rule.path === path);
}
