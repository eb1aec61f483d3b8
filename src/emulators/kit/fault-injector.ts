// Faults a test arms on a running emulator: the first armed rule that matches a request applies to it
// and counts down, so a test can say "the next POST loses its response" and nothing else changes.

import type { Fault, FaultControl, FaultRule } from './types.js';

interface ArmedRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultInjector implements FaultControl {
  #armed: ArmedRule[] = [];

  inject(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times >= 1)) throw new RangeError('a fault must apply at least once');
    if (rule.fault.kind === 'delay' && !(rule.fault.ms >= 0)) throw new RangeError('delay must be >= 0 ms');
    this.#armed.push({ rule: { ...rule, method: rule.method?.toUpperCase() }, remaining: times });
  }

  clear(): void {
    this.#armed = [];
  }

  pending(): readonly FaultRule[] {
    return this.#armed.map(({ rule, remaining }) => ({ ...rule, times: remaining }));
  }

  /** The fault for this request, if any; consumes one use of the rule that supplied it. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#armed.findIndex(({ rule }) => matches(rule, method, path));
    const armed = this.#armed[index];
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed.splice(index, 1);
    return armed.rule.fault;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method !== method) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === 'string') return rule.path === path;
  // A global or sticky RegExp keeps state between test() calls; reset it so matching stays pure.
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}
