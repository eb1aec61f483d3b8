// Faults a test arms on a running emulator: the first armed rule that matches a request applies to it
// and counts down, so a test can say "the next POST loses its response" and nothing else changes.
// A rule may first let a number of matching requests through (`skip`), to place a fault mid-run.

import type { Fault, FaultControl, FaultKind, FaultRule } from './types.js';

interface ArmedRule {
  rule: FaultRule;
  remaining: number;
  skip: number;
}

export interface FaultInjectorOptions {
  /** Kinds this emulator cannot apply, each with the reason `inject` gives when asked for one. */
  unsupported?: Partial<Record<FaultKind, string>>;
}

export class FaultInjector implements FaultControl {
  #armed: ArmedRule[] = [];
  readonly #unsupported: Partial<Record<FaultKind, string>>;

  constructor(options: FaultInjectorOptions = {}) {
    this.#unsupported = { ...options.unsupported };
  }

  inject(rule: FaultRule): void {
    const times = rule.times ?? 1;
    const skip = rule.skip ?? 0;
    if (!(times >= 1)) throw new RangeError('a fault must apply at least once');
    if (!(skip >= 0) || !Number.isInteger(skip)) throw new RangeError('skip must be an integer >= 0');
    checkFault(rule.fault);
    const reason = this.#unsupported[rule.fault.kind];
    if (reason !== undefined)
      throw new RangeError(`this emulator cannot apply ${rule.fault.kind}: ${reason}`);
    this.#armed.push({ rule: { ...rule, method: rule.method?.toUpperCase() }, remaining: times, skip });
  }

  clear(): void {
    this.#armed = [];
  }

  pending(): readonly FaultRule[] {
    return this.#armed.map(({ rule, remaining, skip }) => ({ ...rule, times: remaining, skip }));
  }

  supports(kind: FaultKind): boolean {
    return this.#unsupported[kind] === undefined;
  }

  /** The fault for this request, if any; consumes one use (or one skip) of the rules it meets. */
  take(method: string, path: string): Fault | undefined {
    for (const [index, armed] of this.#armed.entries()) {
      if (!matches(armed.rule, method, path)) continue;
      if (armed.skip > 0) {
        armed.skip -= 1;
        continue;
      }
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.#armed.splice(index, 1);
      return armed.rule.fault;
    }
    return undefined;
  }
}

function checkFault(fault: Fault): void {
  if (fault.kind === 'huge-body') {
    if (!(fault.bytes >= 0) || !Number.isSafeInteger(fault.bytes))
      throw new RangeError('huge-body bytes must be an integer >= 0');
    const status = fault.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new RangeError('huge-body status must be an integer from 200 to 599');
  }
  if (fault.kind === 'delay' && !(fault.ms >= 0)) throw new RangeError('delay must be >= 0 ms');
  if (fault.kind === 'slow-body') {
    if (!(fault.intervalMs >= 0) || !Number.isFinite(fault.intervalMs)) {
      throw new RangeError('slow-body intervalMs must be a finite number of ms >= 0');
    }
    const chunks = fault.chunks ?? 4;
    if (!(chunks >= 1) || !Number.isInteger(chunks))
      throw new RangeError('slow-body chunks must be an integer >= 1');
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
