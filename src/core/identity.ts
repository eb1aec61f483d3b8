// Matching YAML plans to live objects: pinned id first, then the provider's natural key.
// Git is the state: there is no state file, so adoption by natural key must be unambiguous.

import type { Contract } from './contract.js';
import type { DesiredPlan, LiveObject } from './model.js';
import { canonicalJson, jsonEqual, type Value } from './value.js';
import { fieldsEqual } from './compare.js';

export type MatchOutcome =
  | {
      kind: 'matched';
      live: LiveObject;
      by: 'id' | 'natural-key' | 'successor';
      superseded: LiveObject[];
      /** For reviewers: how the match was made when it is not the obvious one. */
      note?: string;
    }
  | { kind: 'absent' }
  | { kind: 'pinned-missing'; id: string }
  | { kind: 'ambiguous'; candidates: LiveObject[] }
  | { kind: 'contested'; live: LiveObject; otherKeys: string[] }
  /** Unpinned YAML plans with the same natural key: creating both would make twins. */
  | { kind: 'duplicate'; otherKeys: string[] };

type Matched = Extract<MatchOutcome, { kind: 'matched' }>;

export interface MatchResult {
  outcomes: Map<string, MatchOutcome>;
  /** Live objects no desired plan claims. */
  unmatched: LiveObject[];
}

export function isRetired(contract: Contract, live: LiveObject): boolean {
  const status = contract.status;
  if (!status) return false;
  return jsonEqual(live.attrs[status.path] ?? null, status.retired);
}

function naturalKeyOf(contract: Contract, attrs: Record<string, Value | undefined>): string {
  return canonicalJson(contract.identity.naturalKey.map((path) => attrs[path] ?? null));
}

/**
 * Whether the desired plan could be reached from this live object without replacement: every
 * create-only field equal, and no conditional field whose change would need a new object (e.g. a
 * BlueSnap trial added). Such an object is "the current version" of the plan.
 */
function sameVersion(contract: Contract, desired: DesiredPlan, live: LiveObject): boolean {
  return contract.fields.every((rule) => {
    const before = live.attrs[rule.path];
    const after = desired.attrs[rule.path];
    if (rule.mutability.mode === 'create-only') return fieldsEqual(rule, after, before);
    if (rule.mutability.mode !== 'conditional' || fieldsEqual(rule, after, before)) return true;
    const condition = contract.conditions[rule.mutability.condition];
    const context = { path: rule.path, before, after, live: live.attrs, desired: desired.attrs };
    return condition?.check(context).verdict !== 'needs-replacement';
  });
}

/** Everything matching tracks about one live id: the object (the last one with it), pins, claims. */
interface Slot {
  object: LiveObject;
  pinned: boolean;
  /** Keys of the YAML plans that claim it, in claim order. */
  claims: string[] | undefined;
}

export function matchPlans(contract: Contract, desired: DesiredPlan[], live: LiveObject[]): MatchResult {
  const outcomes = new Map<string, MatchOutcome>();
  // One table per live id, looked up once per object and once per pin: separate id maps and sets for
  // the objects, the pins and the claims, each probed again by every pass, were a third of plan().
  const byId = new Map<string, Slot>();
  const slotOf: Slot[] = [];
  for (const object of live) {
    let slot = byId.get(object.id);
    if (slot) slot.object = object;
    else byId.set(object.id, (slot = { object, pinned: false, claims: undefined }));
    slotOf.push(slot);
  }
  const claimOrder: Slot[] = [];
  const claim = (slot: Slot, key: string) => {
    if (slot.claims) slot.claims.push(key);
    else {
      slot.claims = [key];
      claimOrder.push(slot);
    }
  };
  const claimObject = (object: LiveObject, key: string) => claim(byId.get(object.id) as Slot, key);

  const pinned: DesiredPlan[] = [];
  const pinnedSlots: (Slot | undefined)[] = [];
  const unpinned: DesiredPlan[] = [];
  for (const plan of desired) {
    if (plan.id === undefined) unpinned.push(plan);
    else {
      const slot = byId.get(plan.id);
      if (slot) slot.pinned = true;
      pinned.push(plan);
      pinnedSlots.push(slot);
    }
  }
  const free = live.filter((_, i) => !(slotOf[i] as Slot).pinned);
  // Indexed once: matching each plan by scanning every live object was quadratic.
  const freeByNaturalKey = groupBy(free, (object) => naturalKeyOf(contract, object.attrs));

  for (let i = 0; i < pinned.length; i++) {
    const plan = pinned[i] as DesiredPlan;
    const slot = pinnedSlots[i];
    if (!slot) {
      outcomes.set(plan.key, { kind: 'pinned-missing', id: plan.id as string });
      continue;
    }
    const object = slot.object;
    const outcome: Matched = successorOf(contract, plan, object, freeByNaturalKey) ?? {
      kind: 'matched',
      live: object,
      by: 'id',
      superseded: [],
    };
    outcomes.set(plan.key, outcome);
    if (outcome.live === object) claim(slot, plan.key);
    else claimObject(outcome.live, plan.key);
    for (const twin of outcome.superseded) claimObject(twin, plan.key);
  }

  const byNaturalKey = groupBy(unpinned, (plan) => naturalKeyOf(contract, plan.attrs));
  for (const plan of unpinned) {
    const key = naturalKeyOf(contract, plan.attrs);
    const twins = (byNaturalKey.get(key) ?? []).filter((other) => other.key !== plan.key).map((p) => p.key);
    if (twins.length > 0 && contract.identity.naturalKey.length > 0) {
      outcomes.set(plan.key, { kind: 'duplicate', otherKeys: twins });
      continue;
    }
    const candidates = freeByNaturalKey.get(key) ?? [];
    const outcome = pickCandidate(contract, plan, candidates);
    outcomes.set(plan.key, outcome);
    if (outcome.kind === 'matched') {
      claimObject(outcome.live, plan.key);
      for (const twin of outcome.superseded) claimObject(twin, plan.key);
    }
  }

  // Two YAML plans must never steer the same live object.
  for (const { object, claims: keys = [] } of claimOrder) {
    if (keys.length < 2) continue;
    for (const key of keys) {
      outcomes.set(key, { kind: 'contested', live: object, otherKeys: keys.filter((k) => k !== key) });
    }
  }

  return { outcomes, unmatched: live.filter((_, i) => (slotOf[i] as Slot).claims === undefined) };
}

/**
 * A pinned plan that was replaced: the pin still names the old version (Git was not updated, or the
 * replacement came from `--replace`), while a live twin with the same natural key already carries
 * the desired create-only values. Adopting that successor keeps the next run from replacing again,
 * which would create a duplicate every time. Only when the old version is retired, or the plan opts
 * into replacement (then an old version still active is retired: an interrupted replacement).
 */
function successorOf(
  contract: Contract,
  plan: DesiredPlan,
  pinned: LiveObject,
  freeByNaturalKey: ReadonlyMap<string, LiveObject[]>,
): Matched | undefined {
  // Cheapest test first: most pinned plans are active and not opted into replacement.
  const pinnedRetired = isRetired(contract, pinned);
  if (!pinnedRetired && !plan.lifecycle.replace) return undefined;
  if (sameVersion(contract, plan, pinned)) return undefined;
  const key = naturalKeyOf(contract, plan.attrs);
  const twins = (freeByNaturalKey.get(key) ?? []).filter((object) => sameVersion(contract, plan, object));
  if (twins.length === 0) return undefined;
  const active = twins.filter((object) => !isRetired(contract, object));
  const successor = bestMatch(contract, plan, active.length > 0 ? active : twins);
  const idField = contract.identity.idField;
  return {
    kind: 'matched',
    live: successor,
    by: 'successor',
    superseded: pinnedRetired ? [] : [pinned],
    note: `pinned ${idField} ${pinned.id} was replaced by plan ${successor.id}, which has the desired values: update the pin to \`${idField}: ${successor.id}\``,
  };
}

/** Fewest differing fields, then the highest id (numeric where ids are numbers): deterministic. */
function bestMatch(contract: Contract, plan: DesiredPlan, pool: LiveObject[]): LiveObject {
  const rules = contract.fields.filter((rule) => rule.mutability.mode !== 'read-only');
  const distance = (object: LiveObject) =>
    rules.filter((rule) => !fieldsEqual(rule, plan.attrs[rule.path], object.attrs[rule.path])).length;
  const byId = (a: string, b: string) => {
    if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return a.localeCompare(b);
    return a === b ? 0 : BigInt(a) > BigInt(b) ? 1 : -1;
  };
  return [...pool].sort((a, b) => distance(a) - distance(b) || byId(b.id, a.id))[0] as LiveObject;
}

function pickCandidate(contract: Contract, plan: DesiredPlan, candidates: LiveObject[]): MatchOutcome {
  if (candidates.length === 0) return { kind: 'absent' };
  // A retired plan (e.g. the old version left by a replacement) never competes with an active one.
  const active = candidates.filter((object) => !isRetired(contract, object));
  if (active.length === 0) {
    // Only retired versions: none is in service, so adopting the closest one is safe and keeps
    // history (several retired versions of a plan) from blocking every later run.
    const live = bestMatch(contract, plan, candidates);
    const note =
      candidates.length > 1
        ? `${candidates.length} retired live plans share this ${contract.identity.naturalKey.join(' + ')}; adopted plan ${live.id}, the closest match`
        : undefined;
    return { kind: 'matched', live, by: 'natural-key', superseded: [], ...(note ? { note } : {}) };
  }
  const pool = active;
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

/** Items by key, each group in the items' order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
