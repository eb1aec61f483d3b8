// What must hold at every kill of the crash loop, whatever the timing, given where the scenario
// started (the seeds) and where one uninterrupted apply ends (the reference run):
// - every live object is as seeded or as desired: never a torn or foreign write;
// - no natural key has more objects than at the start or the end (a second create is a duplicate);
// - no natural key has more objects in service than at the start or the end, but for a replacement,
//   whose new version may stand beside the old one until the old one is retired;
// - a desired state once reached is never lost (a rerun never undoes finished work).

import type { LiveRecord } from './crash-scenarios.js';

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export class CrashInvariants {
  readonly #allowed: Set<string>;
  readonly #maxTotal = new Map<string, number>();
  readonly #maxActive = new Map<string, number>();
  readonly #finalStates: Map<string, number>;
  readonly #reached = new Map<string, number>();

  constructor(initial: readonly LiveRecord[], final: readonly LiveRecord[], replaced: readonly string[]) {
    this.#allowed = new Set([...initial, ...final].map((record) => record.state));
    const totals = [countBy(initial, (r) => r.name), countBy(final, (r) => r.name)];
    const active = [initial, final].map((records) =>
      countBy(
        records.filter((r) => r.active),
        (r) => r.name,
      ),
    );
    for (const name of new Set([...initial, ...final].map((r) => r.name))) {
      this.#maxTotal.set(name, Math.max(...totals.map((t) => t.get(name) ?? 0)));
      const inService = Math.max(...active.map((a) => a.get(name) ?? 0));
      this.#maxActive.set(name, inService + (replaced.includes(name) ? 1 : 0));
    }
    this.#finalStates = countBy(final, (r) => r.state);
  }

  /** Violations in this snapshot, worded for a failure message; empty when all hold. */
  check(live: readonly LiveRecord[]): string[] {
    const problems: string[] = [];
    for (const record of live) {
      if (!this.#maxTotal.has(record.name))
        problems.push(`an object nobody declared appeared: ${record.state}`);
      else if (!this.#allowed.has(record.state))
        problems.push(`${record.name} is neither as seeded nor as desired: ${record.state}`);
    }
    for (const [name, count] of countBy(live, (r) => r.name)) {
      const max = this.#maxTotal.get(name) ?? 0;
      if (count > max)
        problems.push(`${name}: ${count} objects, at most ${max} expected (a duplicate create)`);
    }
    const activeLive = live.filter((r) => r.active);
    for (const [name, count] of countBy(activeLive, (r) => r.name)) {
      const max = this.#maxActive.get(name) ?? 0;
      if (count > max) problems.push(`${name}: ${count} in service at once, at most ${max} allowed`);
    }
    const now = countBy(live, (r) => r.state);
    for (const state of this.#finalStates.keys()) {
      const count = now.get(state) ?? 0;
      const before = this.#reached.get(state) ?? 0;
      if (count < before) problems.push(`a finished object went back from its desired state: ${state}`);
      this.#reached.set(state, Math.max(before, count));
    }
    return problems;
  }
}

/** How many objects of the end state do not exist yet: the work an apply still has to do. */
export function remainingWork(live: readonly LiveRecord[], final: readonly LiveRecord[]): number {
  const now = countBy(live, (r) => r.state);
  let missing = 0;
  for (const [state, count] of countBy(final, (r) => r.state))
    missing += Math.max(0, count - (now.get(state) ?? 0));
  return missing;
}

/** The live state as a sorted list of states, to compare with the reference run's end. */
export function stateList(live: readonly LiveRecord[]): string[] {
  return live.map((record) => record.state).sort();
}
