// matchPlans keeps one table per live id (object, pins, claims) for speed. It must decide exactly what
// the earlier version did, with its separate id map, pin set and claim map: that version is kept
// below, verbatim, as the reference, and both run on small random inventories full of collisions
// (shared ids, shared natural keys, retired twins, duplicate YAML keys).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsEqual } from '../../src/core/compare.js';
import type { Contract } from '../../src/core/contract.js';
import {
  groupBy,
  isRetired,
  matchPlans,
  type MatchOutcome,
  type MatchResult,
} from '../../src/core/identity.js';
import type { DesiredPlan, LiveObject } from '../../src/core/model.js';
import { canonicalJson, type Value } from '../../src/core/value.js';
import { paypalContract } from '../../src/providers/paypal/contract.js';

type Matched = Extract<MatchOutcome, { kind: 'matched' }>;

// ---- The reference: src/core/identity.ts at 10fab60, unchanged but for the function's name. ----

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

function referenceMatchPlans(contract: Contract, desired: DesiredPlan[], live: LiveObject[]): MatchResult {
  const outcomes = new Map<string, MatchOutcome>();
  const byId = new Map(live.map((object) => [object.id, object]));
  const claimed = new Map<string, string[]>();
  const claim = (id: string, key: string) => claimed.set(id, [...(claimed.get(id) ?? []), key]);

  const pinnedIds = new Set(desired.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  const free = live.filter((object) => !pinnedIds.has(object.id));
  // Indexed once: matching each plan by scanning every live object was quadratic.
  const freeByNaturalKey = groupBy(free, (object) => naturalKeyOf(contract, object.attrs));

  for (const plan of desired.filter((p) => p.id !== undefined)) {
    const object = byId.get(plan.id as string);
    if (!object) {
      outcomes.set(plan.key, { kind: 'pinned-missing', id: plan.id as string });
      continue;
    }
    const outcome: Matched = successorOf(contract, plan, object, freeByNaturalKey) ?? {
      kind: 'matched',
      live: object,
      by: 'id',
      superseded: [],
    };
    outcomes.set(plan.key, outcome);
    claim(outcome.live.id, plan.key);
    for (const twin of outcome.superseded) claim(twin.id, plan.key);
  }

  const unpinned = desired.filter((p) => p.id === undefined);
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

// ---- Random inventories. ----

const attrs = fc.record(
  {
    product_id: fc.constantFrom('PROD-A', 'PROD-B'),
    name: fc.constantFrom('Basic', 'Pro'),
    status: fc.constantFrom('ACTIVE', 'INACTIVE', 'CREATED'),
    quantity_supported: fc.boolean(),
    description: fc.constantFrom('one', 'two'),
    'payment_preferences.setup_fee': fc.option(
      fc.record({ amount: fc.constantFrom('1', '1.00', '2'), currency: fc.constantFrom('USD', 'EUR') }),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['product_id', 'name'] },
);

const ids = fc.constantFrom('P-1', 'P-2', 'P-3', 'P-4', 'P-5');

const liveObjects = fc.array(
  fc.record({ id: ids, attrs }).map(({ id, attrs: a }): LiveObject => ({ id, attrs: a, fingerprint: id })),
  { maxLength: 8 },
);

const desiredPlans = fc.array(
  fc.record({
    key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
    id: fc.option(ids, { nil: undefined }),
    attrs,
    replace: fc.boolean(),
  }),
  { maxLength: 8 },
);

/** Outcomes and unmatched objects, with each live object written as its index: identity counts. */
function comparable(result: MatchResult, live: LiveObject[]): unknown {
  const index = new Map<unknown, number>(live.map((object, i) => [object, i]));
  const swap = (_key: string, value: unknown) =>
    index.has(value) ? `live#${String(index.get(value))}` : value;
  return JSON.parse(JSON.stringify({ outcomes: [...result.outcomes], unmatched: result.unmatched }, swap));
}

describe('matchPlans', () => {
  it('decides as the reference does, outcome for outcome, in the same order', () => {
    fc.assert(
      fc.property(liveObjects, desiredPlans, (live, plans) => {
        const desired: DesiredPlan[] = plans.map((p, i) => ({
          key: p.key,
          ...(p.id === undefined ? {} : { id: p.id }),
          attrs: p.attrs,
          lifecycle: { replace: p.replace, preventDestroy: false },
          location: { file: 'plans.yaml', line: i + 1, column: 3 },
        }));
        expect(comparable(matchPlans(paypalContract, desired, live), live)).toEqual(
          comparable(referenceMatchPlans(paypalContract, desired, live), live),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
