// What each provider supplies to the shared conformance suite: how to seed a live plan and declare
// the same plan in YAML, and one change of each kind its contract knows.

import type { FixtureEmulator, ProviderFixture } from '../support/provider-harness.js';

export type Spec = Record<string, unknown>;

export interface ConformanceCase<Emulator extends FixtureEmulator = FixtureEmulator, Seed = unknown> {
  fixture: ProviderFixture<Emulator, Seed>;
  /** A live plan to seed, and the YAML spec that declares exactly it. */
  existing(n: number): { seed: Seed; spec: Spec; id: string };
  /** The YAML spec of a plan that does not exist yet. */
  fresh(n: number): Spec;
  /** A change the provider makes in place, and the request that carries it. */
  inPlace(spec: Spec): { spec: Spec; request: RegExp };
  /** A change of a create-only field, and that field's name as the plan states it. */
  createOnly(spec: Spec): { spec: Spec; field: string };
  /** Opt a spec into replacement. */
  replaceable(spec: Spec): Spec;
  /** The create request, for faults. */
  create: { method: string; path: RegExp };
  /** The request that retires a plan (status change or delete). */
  retire: RegExp;
  /** Live plans with this name, any status. */
  count(emulator: Emulator, name: string): number;
}
