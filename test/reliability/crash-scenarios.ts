// One long, mixed apply per provider for the crash loop, built from the conformance cases: creates,
// in-place updates, a replacement and prunes where the provider has them (Constant Contact partners
// only change account plans). Each scenario makes every live object need at most one write, so at
// any kill every object must be either as seeded or as desired: anything else is a torn write.

import { constantContactCase } from '../providers/constantcontact/conformance.js';
import { bluesnapCase } from '../providers/bluesnap/conformance.js';
import { jpmCase } from '../providers/jpmmps/conformance.js';
import { paypalCase } from '../providers/paypal/conformance.js';
import type { ConformanceCase, Spec } from '../conformance/case.js';
import type { SeedAccount } from '../../src/sandbox/constantcontact/index.js';
import type { ConstantContactEmulator } from '../../src/sandbox/constantcontact/index.js';
import type { BlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import type { JpmMpsEmulator } from '../../src/sandbox/jpmmps/index.js';
import type { PayPalEmulator } from '../../src/sandbox/paypal/index.js';
import type { RequestLogEntry } from '../../src/sandbox/kit/index.js';
import type { FixtureEmulator, ProviderFixture } from '../support/provider-harness.js';
import { paypalPlanSpec } from '../providers/paypal/fixture.js';

/** A live object as the invariants see it: its natural key, whether it is in service, its state. */
export interface LiveRecord {
  name: string;
  active: boolean;
  /** Canonical JSON of the object without server-made ids, timestamps and version counters. */
  state: string;
}

export interface CrashScenario {
  provider: string;
  fixture: ProviderFixture<FixtureEmulator, unknown>;
  seeds: unknown[];
  plans: Record<string, Spec>;
  /** Connection lines appended to the fixture's project file (prune, safety, options). */
  connectionExtra: string[];
  /** Natural keys whose replacement may leave two versions in service for a moment. */
  replaced: string[];
  /** What the apply does, for the report. */
  mix: { creates: number; updates: number; replaces: number; retires: number; unchanged: number };
  live(emulator: FixtureEmulator): LiveRecord[];
  isCreate(entry: RequestLogEntry): boolean;
}

const CREATES = 14;
const SEEDED = 12;
/** Seeded n=1..6 are updated in place, 7 is replaced, 8..9 stay, 10..12 are pruned. */
const UPDATED = [1, 2, 3, 4, 5, 6];
const REPLACED = 7;
const UNCHANGED = [8, 9];
const PRUNED = [10, 11, 12];

const BULK_SAFETY = [
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

function planMix(
  c: ConformanceCase,
  update: (n: number, spec: Spec) => Spec,
): Pick<CrashScenario, 'seeds' | 'plans' | 'replaced'> {
  const seeds: unknown[] = [];
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

const fullMix = {
  creates: CREATES,
  updates: UPDATED.length,
  replaces: 1,
  retires: PRUNED.length,
  unchanged: UNCHANGED.length,
};

const createMatcher =
  (c: ConformanceCase) =>
  (entry: RequestLogEntry): boolean =>
    entry.method === c.create.method && c.create.path.test(entry.path);

/** Live plans where retiring sets the status to INACTIVE (BlueSnap, PayPal). */
const retiredByStatus: CrashScenario['live'] = (emulator) =>
  (emulator as BlueSnapEmulator | PayPalEmulator).plans().map((plan) => ({
    name: plan.name,
    active: plan.status !== 'INACTIVE',
    state: canonicalState(plan),
  }));

const bluesnap: CrashScenario = {
  provider: 'bluesnap',
  fixture: bluesnapCase.fixture as unknown as CrashScenario['fixture'],
  ...planMix(bluesnapCase as unknown as ConformanceCase, (_n, spec) => bluesnapCase.inPlace(spec).spec),
  connectionExtra: ['    prune: true', ...BULK_SAFETY],
  mix: fullMix,
  live: retiredByStatus,
  isCreate: createMatcher(bluesnapCase as unknown as ConformanceCase),
};

const paypal: CrashScenario = {
  provider: 'paypal',
  fixture: paypalCase.fixture as unknown as CrashScenario['fixture'],
  // Half get a new description (PATCH), half a new price (update-pricing-schemes, +10%): one write each.
  ...planMix(paypalCase as unknown as ConformanceCase, (n, spec) =>
    n <= 3 ? paypalCase.inPlace(spec).spec : paypalPlanSpec(`Plan ${n}`, '21.99'),
  ),
  connectionExtra: ['    prune: true', ...BULK_SAFETY],
  mix: fullMix,
  live: retiredByStatus,
  isCreate: createMatcher(paypalCase as unknown as ConformanceCase),
};

const jpmmps: CrashScenario = {
  provider: 'jpmmps',
  fixture: jpmCase.fixture as unknown as CrashScenario['fixture'],
  // Half get a new description, half a new amount (+10%): one PATCH each.
  ...planMix(jpmCase as unknown as ConformanceCase, (n, spec) =>
    n <= 3 ? jpmCase.inPlace(spec).spec : { ...spec, recurrentAmount: 21.99 },
  ),
  // Pruning deletes at J.P. Morgan MPS, which needs its own opt-in.
  connectionExtra: ['    prune: true', '    options:', '      prune_delete: true', ...BULK_SAFETY],
  mix: fullMix,
  live: (emulator) =>
    (emulator as JpmMpsEmulator).plans().map((plan) => ({
      name: plan.name,
      active: !plan.deletedAt,
      state: canonicalState(plan),
    })),
  isCreate: createMatcher(jpmCase as unknown as ConformanceCase),
};

/**
 * Constant Contact: no create, no retire. Trials leave TRIAL with a billing day, paid accounts move
 * up or down, canceled ones are reactivated, some stay; one PUT per changed account.
 */
function constantContactMix(): Pick<CrashScenario, 'seeds' | 'plans' | 'mix'> {
  const seeds: SeedAccount[] = [];
  const plans: Record<string, Spec> = {};
  const account = (n: number) => `crashacct${String(n).padStart(2, '0')}`;
  const add = (n: number, seed: Omit<SeedAccount, 'encoded_account_id'>, spec: Spec) => {
    seeds.push({ encoded_account_id: account(n), ...seed });
    plans[`account-${n}`] = { encoded_account_id: account(n), ...spec };
  };
  const trial = { plan_type: 'TRIAL', billing_status: 'Trial', billing_day_of_month: null } as const;
  for (let n = 1; n <= 5; n++) add(n, trial, { plan_type: 'GOLD', billing_day_of_month: 5 + n });
  for (let n = 6; n <= 10; n++)
    add(n, { plan_type: 'SILVER', billing_status: 'Open', billing_day_of_month: 15 }, { plan_type: 'GOLD' });
  for (let n = 11; n <= 13; n++)
    add(n, { plan_type: 'GOLD', billing_status: 'Open', billing_day_of_month: 1 }, { plan_type: 'BRONZE' });
  for (let n = 14; n <= 16; n++)
    add(
      n,
      { plan_type: 'BRONZE', billing_status: 'Canceled', billing_day_of_month: 20 },
      { plan_type: 'SILVER', billing_status: 'Open' },
    );
  for (let n = 17; n <= 20; n++)
    add(n, { plan_type: 'SILVER', billing_status: 'Open', billing_day_of_month: 9 }, { plan_type: 'SILVER' });
  return { seeds, plans, mix: { creates: 0, updates: 16, replaces: 0, retires: 0, unchanged: 4 } };
}

const constantcontact: CrashScenario = {
  provider: 'constantcontact',
  fixture: constantContactCase.fixture as unknown as CrashScenario['fixture'],
  ...constantContactMix(),
  connectionExtra: BULK_SAFETY,
  replaced: [],
  live: (emulator) =>
    (emulator as ConstantContactEmulator).accounts().map((account) => ({
      name: account.encoded_account_id,
      active: account.billing_status !== 'Canceled',
      state: canonicalState(account),
    })),
  isCreate: () => false,
};

export const CRASH_SCENARIOS: readonly CrashScenario[] = [bluesnap, paypal, constantcontact, jpmmps];
