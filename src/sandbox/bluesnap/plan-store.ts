// The emulator's account: plans by id and the id counter. BlueSnap planIds are numeric and
// monotonically increasing, so the next id never goes back, even when a test inserts a plan directly.
// Records are copied in and out so no caller can change stored state behind the emulator's back.

import type { NewPlan } from './create-rules.js';
import type { PlanRecord } from './plan-record.js';

/** First id of an empty account: a seven-digit id like the ones in BlueSnap's examples. */
const DEFAULT_FIRST_PLAN_ID = 1_000_000;

export class PlanStore {
  readonly #plans = new Map<number, PlanRecord>();
  #nextId: number;

  /** The next created plan gets `firstPlanId` or the id after the highest seeded one, whichever is larger. */
  constructor(seed: readonly PlanRecord[], firstPlanId = DEFAULT_FIRST_PLAN_ID) {
    this.#nextId = firstPlanId;
    for (const plan of seed) this.put(plan);
  }

  get size(): number {
    return this.#plans.size;
  }

  get(planId: number): PlanRecord | undefined {
    const plan = this.#plans.get(planId);
    return plan === undefined ? undefined : { ...plan };
  }

  create(fields: NewPlan): PlanRecord {
    const plan: PlanRecord = { planId: this.#nextId, ...fields };
    this.#nextId += 1;
    this.#plans.set(plan.planId, plan);
    return { ...plan };
  }

  /** Inserts or replaces a plan by id, keeping the counter ahead of every id in use. */
  put(plan: PlanRecord): void {
    this.#plans.set(plan.planId, { ...plan });
    this.#nextId = Math.max(this.#nextId, plan.planId + 1);
  }

  /** Every plan, ascending by planId. */
  all(): PlanRecord[] {
    return [...this.#plans.values()].sort((a, b) => a.planId - b.planId).map((plan) => ({ ...plan }));
  }
}
