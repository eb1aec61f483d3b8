// What each provider supplies to the shared conformance suite: how to seed a live plan and declare
// the same plan in YAML, and one change of each kind its contract knows.

import type { Fault } from '../../src/sandbox/kit/index.js';
import type { FixtureEmulator, ProviderFixture } from '../support/provider-harness.js';

export type Spec = Record<string, unknown>;

export interface ConformanceCase<Emulator extends FixtureEmulator = FixtureEmulator, Seed = unknown> {
  fixture: ProviderFixture<Emulator, Seed>;
  /** A live plan to seed, and the YAML spec that declares exactly it. */
  existing(n: number): { seed: Seed; spec: Spec; id: string };
  /** The YAML spec of a plan that does not exist yet; absent where partners cannot create plans. */
  fresh?(n: number): Spec;
  /** A change the provider makes in place, and the request that carries it. */
  inPlace(spec: Spec): { spec: Spec; request: RegExp };
  /** A change the provider cannot make in place (create-only, or impossible), and the field it names. */
  createOnly(spec: Spec): { spec: Spec; field: string };
  /** Opt a spec into replacement; absent where the provider cannot replace. */
  replaceable?(spec: Spec): Spec;
  /** The create request, for faults. */
  create: { method: string; path: RegExp };
  /** The request that retires a plan (status change or delete). */
  retire: RegExp;
  /**
   * The plans one entry's operation shows as, where an entry stands for several live objects (a
   * Stripe product and its price: `new1` and `new1/<lookup key>`); `key` is `unmanaged:<id>` for a
   * retirement. Absent: the entry's key alone.
   */
  operationsOf?(
    key: string,
    spec: Spec,
    action: 'create' | 'update' | 'retire',
  ): Record<string, 'create' | 'update' | 'retire'>;
  /** Live plans with this name, any status. */
  count(emulator: Emulator, name: string): number;
  /**
   * Emulator settings for each reading of the provider's documents where they are ambiguous (named,
   * e.g. `{ 'pages from 1': { pageBase: 1 } }`). The whole suite runs once with the emulator's defaults
   * and once per variant: plansync must converge under every reading.
   */
  variants?: Record<string, Record<string, unknown>>;
  /**
   * Verified writes: request rewrites under which the provider acts otherwise than asked (applied
   * with the emulator kit's `rewrite-request` fault; test/conformance/verified-writes.test.ts).
   */
  unmet: {
    /** The in-place change's request, and how the provider ignores the change (`before`: the spec it changed). */
    update: { method: string; path: RegExp; field: string; ignore(body: unknown, before: Spec): unknown };
    /** How the provider stores another value of a declared field of a create; absent without creates. */
    create?: { field: string; alter(body: unknown): unknown };
    /** The create answer rewritten to name another, existing plan `id`. */
    answerAs?(body: unknown, id: string): unknown;
    /** A retirement the provider answers as done without doing it; absent where nothing retires. */
    retire?: { method: string; path: RegExp; fault: Fault };
  };
}
