// The merchant's subscription plans. Plans are copied in and out so no caller can change stored state
// behind the emulator's back. Deleting is soft (reference §4.5): the record stays, with `deletedAt`.

import { randomUUID } from 'node:crypto';
import type { JpmMpsPlan, JpmMpsPlanInput, NewPlan, PlanChanges } from './plan-types.js';
import { applyPatch } from './patch-rules.js';
import { formatTimestamp, parseTimestamp } from './timestamps.js';

const PLAN_ID_PREFIX = 'SubscriptionPlan-';
/** `SubscriptionPlan-` + a UUID v4 (reference §3), e.g. `SubscriptionPlan-12033695-99d8-4dc6-bf51-db64ef27620b`. */
export const PLAN_ID_PATTERN =
  /^SubscriptionPlan-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export class PlanStore {
  readonly #plans = new Map<string, JpmMpsPlan>();
  readonly #now: () => number;

  constructor(options: { seed: readonly JpmMpsPlanInput[]; now: () => number }) {
    this.#now = options.now;
    for (const plan of options.seed) this.put(plan);
  }

  /** The emulator's clock in the MPS format. */
  timestamp(): string {
    return formatTimestamp(this.#now());
  }

  get(id: string): JpmMpsPlan | undefined {
    const plan = this.#plans.get(id);
    return plan === undefined ? undefined : { ...plan };
  }

  /** Stores a validated create body under a fresh id; `updatedAt` equals `createdAt`. */
  create(fields: NewPlan): JpmMpsPlan {
    let id = `${PLAN_ID_PREFIX}${randomUUID()}`;
    while (this.#plans.has(id)) id = `${PLAN_ID_PREFIX}${randomUUID()}`;
    const now = this.timestamp();
    const plan: JpmMpsPlan = { id, createdAt: now, updatedAt: now, deletedAt: null, ...fields };
    this.#changed();
    this.#plans.set(id, plan);
    return { ...plan };
  }

  update(id: string, changes: PlanChanges): JpmMpsPlan | undefined {
    const plan = this.#plans.get(id);
    if (plan === undefined) return undefined;
    const updated = { ...applyPatch(plan, changes), updatedAt: this.timestamp() };
    this.#changed();
    this.#plans.set(id, updated);
    return { ...updated };
  }

  /** Soft delete. Inferred: `updatedAt` moves to the deletion time too. */
  softDelete(id: string): JpmMpsPlan | undefined {
    const plan = this.#plans.get(id);
    if (plan === undefined) return undefined;
    const now = this.timestamp();
    const deleted = { ...plan, deletedAt: now, updatedAt: now };
    this.#changed();
    this.#plans.set(id, deleted);
    return { ...deleted };
  }

  /** Inserts or replaces a plan whole, as a seed or a back-office edit does; defaults fill the gaps. */
  put(input: JpmMpsPlanInput): JpmMpsPlan {
    const now = this.timestamp();
    const createdAt = input.createdAt ?? now;
    const plan: JpmMpsPlan = {
      ...input,
      createdAt,
      updatedAt: input.updatedAt ?? input.deletedAt ?? createdAt,
      deletedAt: input.deletedAt ?? null,
      trialDurationPeriod: input.trialDurationPeriod ?? null,
      trialDurationUnit: input.trialDurationUnit ?? null,
      prepaid: input.prepaid ?? true,
      merchantMetadata: input.merchantMetadata ?? null,
    };
    for (const stamp of [plan.createdAt, plan.updatedAt, plan.deletedAt]) {
      if (stamp !== null && parseTimestamp(stamp) === undefined) {
        throw new RangeError(`plan ${plan.id}: timestamp ${stamp} is not yyyy-MM-dd'T'HH:mm:ss.SS'Z'`);
      }
    }
    this.#changed();
    this.#plans.set(plan.id, plan);
    return { ...plan };
  }

  /** Every plan, by `createdAt` then `id` (the list's order; inferred, reference §4.3). */
  all(): JpmMpsPlan[] {
    return this.view().map((plan) => ({ ...plan }));
  }

  /**
   * Every plan as stored, in list order, not copied: for a handler that only reads. The order is kept
   * until the next write, so paging through 10,000 plans does not sort them once per page.
   */
  view(): readonly Readonly<JpmMpsPlan>[] {
    this.#ordered ??= [...this.#plans.values()].sort(byCreation);
    return this.#ordered;
  }

  #ordered: JpmMpsPlan[] | undefined;

  #changed(): void {
    this.#ordered = undefined;
  }
}

function byCreation(a: JpmMpsPlan, b: JpmMpsPlan): number {
  const created = (parseTimestamp(a.createdAt) ?? 0) - (parseTimestamp(b.createdAt) ?? 0);
  if (created !== 0) return created;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
