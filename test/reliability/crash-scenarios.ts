// What the crash loop needs of a provider, and the builders its scenarios share. Each provider's
// scenario (test/providers/<id>/crash.ts) is one long, mixed apply built from its conformance case:
// creates, in-place updates, a replacement and prunes where the provider has them. Each scenario makes
// every live object need at most one write, so at any kill every object must be either as seeded or
// as desired: anything else is a torn write.

import type { ConformanceCase, Spec } from '../conformance/case.js';
import type { RequestLogEntry } from '../../src/sandbox/kit/index.js';
import type { FixtureEmulator, ProviderFixture } from '../support/provider-harness.js';

/** A live object as the invariants see it: its natural key, whether it is in service, its state. */
export interface LiveRecord {
  name: string;
  active: boolean;
  /** Canonical JSON of the object without server-made ids, timestamps and version counters. */
  state: string;
}

export interface CrashScenario<Emulator extends FixtureEmulator = FixtureEmulator, Seed = unknown> {
  provider: string;
  fixture: ProviderFixture<Emulator, Seed>;
  seeds: Seed[];
  plans: Record<string, Spec>;
  /** Connection lines appended to the fixture's project file (prune, safety, options). */
  connectionExtra: string[];
  /** Natural keys whose replacement may leave two versions in service for a moment. */
  replaced: string[];
  /** What the apply does, for the report. */
  mix: { creates: number; updates: number; replaces: number; retires: number; unchanged: number };
  live(emulator: Emulator): LiveRecord[];
  isCreate(entry: RequestLogEntry): boolean;
}

const CREATES = 14;
const SEEDED = 12;
/** Seeded n=1..6 are updated in place, 7 is replaced, 8..9 stay, 10..12 are pruned. */
const UPDATED = [1, 2, 3, 4, 5, 6];
const REPLACED = 7;
const UNCHANGED = [8, 9];
const PRUNED = [10, 11, 12];

export const BULK_SAFETY = [
  // The apply changes most of a small account on purpose; the gates are tested elsewhere.
  '    safety:',
  '      max_change_share: 1',
  '      max_retire_share: 1',
];

/** Ids, timestamps and version counters differ between runs; deletion is kept as a flag. */
const VOLATILE = new Set(['id', 'planId', 'create_time', 'update_time', 'createdAt', 'updatedAt', 'version']);

export function canonicalState(value: unknown): string {
  return JSON.stringify(strip(value));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (key === 'deletedAt') out.deleted = field !== null && field !== undefined;
    else if (!VOLATILE.has(key)) out[key] = strip(field);
  }
  return out;
}

/** Seeded plans updated, replaced, kept and pruned, and fresh ones created (for providers that create). */
export function planMix<Emulator extends FixtureEmulator, Seed>(
  c: ConformanceCase<Emulator, Seed>,
  update: (n: number, spec: Spec) => Spec,
): Pick<CrashScenario<Emulator, Seed>, 'seeds' | 'plans' | 'replaced'> {
  const seeds: Seed[] = [];
  const plans: Record<string, Spec> = {};
  for (let n = 1; n <= SEEDED; n++) {
    const existing = c.existing(n);
    seeds.push(existing.seed);
    if (UPDATED.includes(n)) plans[`plan-${n}`] = update(n, existing.spec);
    if (n === REPLACED) plans[`plan-${n}`] = c.replaceable!(c.createOnly(existing.spec).spec);
    if (UNCHANGED.includes(n)) plans[`plan-${n}`] = existing.spec;
  }
  for (let n = 1; n <= CREATES; n++) plans[`new-${n}`] = c.fresh!(n);
  return { seeds, plans, replaced: [String(c.existing(REPLACED).spec.name)] };
}

/** What planMix's apply does. */
export const FULL_MIX = {
  creates: CREATES,
  updates: UPDATED.length,
  replaces: 1,
  retires: PRUNED.length,
  unchanged: UNCHANGED.length,
};

export const createMatcher =
  (c: Pick<ConformanceCase, 'create'>) =>
  (entry: RequestLogEntry): boolean =>
    entry.method === c.create.method && c.create.path.test(entry.path);

/** Live plans where retiring sets the status to INACTIVE (BlueSnap, PayPal). */
export const retiredByStatus = (plans: ReadonlyArray<{ name: string; status?: string }>): LiveRecord[] =>
  plans.map((plan) => ({ name: plan.name, active: plan.status !== 'INACTIVE', state: canonicalState(plan) }));
