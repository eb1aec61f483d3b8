// Matching YAML plans to live objects: pinned id first, then the provider's natural key.
// Git is the state: there is no state file, so adoption by natural key must be unambiguous.

import type { Contract } from './contract.js';
import type { DesiredPlan, LiveObject } from './model.js';
import { canonicalJson, type Value } from './value.js';
import { fieldsEqual } from './compare.js';

export type MatchOutcome =
  | { kind: 'matched'; live: LiveObject; by: 'id' | 'natural-key'; superseded: LiveObject[] }
  | { kind: 'absent' }
  | { kind: 'pinned-missing'; id: string }
  | { kind: 'ambiguous'; candidates: LiveObject[] }
  | { kind: 'contested'; live: LiveObject; otherKeys: string[] };

export interface MatchResult {
  outcomes: Map<string, MatchOutcome>;
  /** Live objects no desired plan claims. */
  unmatched: LiveObject[];
}

export function isRetired(contract: Contract, live: LiveObject): boolean {
  const status = contract.status;
  if (!status) return false;
  return canonicalJson(live.attrs[status.path] ?? null) === canonicalJson(status.retired);
}

function naturalKeyOf(contract: Contract, attrs: Record<string, Value | undefined>): string {
  return canonicalJson(contract.identity.naturalKey.map((path) => attrs[path] ?? null));
}

/** Live objects whose create-only fields all equal the desired ones (the "current version"). */
function sameVersion(contract: Contract, desired: DesiredPlan, live: LiveObject): boolean {
  return contract.fields
    .filter((rule) => rule.mutability.mode === 'create-only')
    .every((rule) => fieldsEqual(rule, desired.attrs[rule.path], live.attrs[rule.path]));
}

export function matchPlans(contract: Contract, desired: DesiredPlan[], live: LiveObject[]): MatchResult {
  const outcomes = new Map<string, MatchOutcome>();
  const byId = new Map(live.map((object) => [object.id, object]));
  const claimed = new Map<string, string[]>();
  const claim = (id: string, key: string) => claimed.set(id, [...(claimed.get(id) ?? []), key]);

  for (const plan of desired.filter((p) => p.id !== undefined)) {
    const object = byId.get(plan.id as string);
    if (!object) {
      outcomes.set(plan.key, { kind: 'pinned-missing', id: plan.id as string });
      continue;
    }
    outcomes.set(plan.key, { kind: 'matched', live: object, by: 'id', superseded: [] });
    claim(object.id, plan.key);
  }

  const pinnedIds = new Set(desired.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  const free = live.filter((object) => !pinnedIds.has(object.id));
  for (const plan of desired.filter((p) => p.id === undefined)) {
    const key = naturalKeyOf(contract, plan.attrs);
    const candidates = free.filter((object) => naturalKeyOf(contract, object.attrs) === key);
    const outcome = pickCandidate(contract, plan, candidates);
    outcomes.set(plan.key, outcome);
    if (outcome.kind === 'matched') {
      claim(outcome.live.id, plan.key);
      for (const twin of outcome.superseded) claim(twin.id, plan.key);
    }
  }

  // Two YAML plans must never steer the same live object.
  for (const [id, keys] of claimed) {
    if (keys.length < 2) continue;
    const object = byId.get(id) as LiveObject;
    for (const key of keys) {
      outcomes.set(key, { kind: 'contested', live: object, otherKeys: keys.filter((k) => k !== key) });
    }
  }

  const used = new Set(claimed.keys());
  return { outcomes, unmatched: live.filter((object) => !used.has(object.id)) };
}

function pickCandidate(contract: Contract, plan: DesiredPlan, candidates: LiveObject[]): MatchOutcome {
  if (candidates.length === 0) return { kind: 'absent' };
  // A retired plan (e.g. the old version left by a replacement) never competes with an active one.
  const active = candidates.filter((object) => !isRetired(contract, object));
  const pool = active.length > 0 ? active : candidates;
  if (pool.length === 1)
    return { kind: 'matched', live: pool[0] as LiveObject, by: 'natural-key', superseded: [] };
  if (plan.lifecycle.replace) {
    // A replacement that created the new version but failed to retire the old one leaves two active
    // twins; the one with the desired create-only values is the plan, the others are superseded.
    const current = pool.filter((object) => sameVersion(contract, plan, object));
    if (current.length === 1) {
      const live = current[0] as LiveObject;
      return { kind: 'matched', live, by: 'natural-key', superseded: pool.filter((o) => o !== live) };
    }
  }
  return { kind: 'ambiguous', candidates: pool };
}
