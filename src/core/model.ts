// The data the planner works on: desired plans from YAML, live objects from a provider, and the Plan.

import type { SourceLocation } from '../errors.js';
import type { Impact } from './contract.js';
import type { Attrs, Value } from './value.js';

/** Per-plan options from the YAML `lifecycle` block. */
export interface Lifecycle {
  /** Allow replacing the plan (create new, retire old) when a create-only field changes. */
  replace: boolean;
  /** Never retire or replace this plan; such a change is blocked. */
  preventDestroy: boolean;
}

export interface DesiredPlan {
  /** Logical key: the plan's name in the YAML map, unique per connection. */
  key: string;
  /** Pinned live id, when the YAML gives one. */
  id?: string;
  /** Comparable attributes in the provider's field names (contract paths). */
  attrs: Attrs;
  lifecycle: Lifecycle;
  /** Where the plan is declared, for messages. */
  location: SourceLocation;
}

export interface LiveObject {
  id: string;
  attrs: Attrs;
  /** Hash of the object as read; a saved plan refuses to apply if it changed. */
  fingerprint: string;
}

type ActionKind = 'create' | 'update' | 'replace' | 'retire' | 'no-op' | 'blocked';

export interface FieldChange {
  path: string;
  before?: Value;
  after?: Value;
  impact: Impact;
  /** `in-place`, or the name of the dedicated operation that makes this change. */
  via: string;
  /** Price change in percent (old → new), for decimal and money fields where both sides exist. */
  percent?: number;
  /** The currency of a decimal amount, for rendering. */
  currency?: string;
}

export interface Blocker {
  /** Field the blocker is about, when there is one. */
  path?: string;
  reason: string;
  wayOut: string;
}

export interface PlanItem {
  key: string;
  action: ActionKind;
  /** Live id the action works on (absent for create). */
  id?: string;
  /** Field-level changes (for create: every declared field, before = undefined). */
  changes: FieldChange[];
  /** Why the item is blocked (action `blocked`), or why a gate tripped. */
  blockers: Blocker[];
  /** Context for reviewers: drift the API cannot change, how a change lands, subscribers' fate. */
  notes: string[];
  /** Live objects retired as part of this item (the old plan of a replacement, superseded twins). */
  retires: string[];
  /** Desired attributes, needed to create or update without the YAML at hand. */
  desired?: Attrs;
  impact?: Impact;
  location?: SourceLocation;
  /** Differences the API cannot act on for this plan (e.g. a billing day it ignores): sent nowhere. */
  drift?: DriftNote[];
}

export interface DriftNote {
  path: string;
  /** Live value. */
  before?: Value;
  /** YAML value. */
  after?: Value;
  reason: string;
}

export interface ConnectionPlan {
  connection: string;
  provider: string;
  items: PlanItem[];
  /** Live objects no YAML plan matches and that pruning does not touch. */
  unmanaged: string[];
  /** Fingerprint of every live object read, by id. */
  fingerprints: Record<string, string>;
  /** What the provider read (e.g. PayPal product ids), so a saved plan re-reads the same objects. */
  readScope?: Record<string, unknown>;
  /** Set when the plan covers one shard of the connection's plans (`--shard i/n`). */
  shard?: { index: number; count: number };
  /** Connection-wide blockers: tripped safety gates. Empty when the run is forced. */
  blockers: Blocker[];
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  retire: number;
  blocked: number;
  noop: number;
  unmanaged: number;
}

export interface Plan {
  formatVersion: 1;
  /** The project environment the plan was made for (`--env`); absent in a project without environments. */
  environment?: string;
  connections: ConnectionPlan[];
}
