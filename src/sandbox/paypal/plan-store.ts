// The emulator's account: catalog products (ids only, enough to check `product_id`) and plans in the
// order they were created. Plans are copied in and out so no caller can change stored state behind
// the emulator's back; ids are random like PayPal's, so tests cannot come to depend on their order.

import { randomInt } from 'node:crypto';
import type { NewPlan, PayPalPlan, PayPalPlanInput, PayPalPricingScheme } from './plan-types.js';
import { rfc3339 } from './plan-types.js';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `P-` + 24 upper-case alphanumerics, like `P-5ML4271244454362WXNWU5NQ`. */
export const PLAN_ID_PATTERN = /^P-[A-Z0-9]{24}$/;

function randomId(prefix: string, length: number): string {
  let id = prefix;
  for (let index = 0; index < length; index += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export class PlanStore {
  readonly #plans = new Map<string, PayPalPlan>();
  readonly #products = new Set<string>();
  readonly #now: () => number;

  constructor(options: { products: readonly string[]; seed: readonly PayPalPlanInput[]; now: () => number }) {
    this.#now = options.now;
    for (const product of options.products) this.#products.add(product);
    for (const plan of options.seed) this.put(plan);
  }

  hasProduct(id: string): boolean {
    return this.#products.has(id);
  }

  addProduct(id: string): void {
    this.#products.add(id);
  }

  products(): string[] {
    return [...this.#products];
  }

  get(id: string): PayPalPlan | undefined {
    const plan = this.#plans.get(id);
    return plan === undefined ? undefined : structuredClone(plan);
  }

  /** Stores a validated create body under a fresh id; every pricing scheme starts at version 1. */
  create(fields: NewPlan): PayPalPlan {
    let id = randomId('P-', 24);
    while (this.#plans.has(id)) id = randomId('P-', 24);
    const plan = complete({ ...fields, id }, rfc3339(this.#now()));
    this.#plans.set(id, plan);
    return structuredClone(plan);
  }

  /**
   * Inserts or replaces a plan whole, as a seed or a dashboard edit does. Its product becomes known
   * (a plan cannot exist without one). Missing timestamps and versions take the emulator's clock and 1.
   */
  put(input: PayPalPlanInput): PayPalPlan {
    const plan = complete(structuredClone(input), rfc3339(this.#now()));
    this.#products.add(plan.product_id);
    this.#plans.set(plan.id, plan);
    return structuredClone(plan);
  }

  /** Replaces a stored plan after an update, stamping `update_time`. */
  update(plan: PayPalPlan): void {
    this.#plans.set(plan.id, { ...structuredClone(plan), update_time: rfc3339(this.#now()) });
  }

  /** The emulator's clock as PayPal writes it, for handlers that stamp nested timestamps. */
  timestamp(): string {
    return rfc3339(this.#now());
  }

  /** Every plan, oldest first (inferred: PayPal documents no order; creation order keeps pages stable). */
  all(): PayPalPlan[] {
    return this.view().map((plan) => structuredClone(plan));
  }

  /**
   * Every plan as stored, not copied, for a handler that only reads and copies what it answers with:
   * a list page copies its 20 plans, not all 10,000.
   */
  view(): readonly Readonly<PayPalPlan>[] {
    return [...this.#plans.values()];
  }
}

function complete(input: PayPalPlanInput | (NewPlan & { id: string }), now: string): PayPalPlan {
  const created = 'create_time' in input && input.create_time !== undefined ? input.create_time : now;
  const updated = 'update_time' in input && input.update_time !== undefined ? input.update_time : created;
  return {
    ...input,
    billing_cycles: input.billing_cycles.map(({ pricing_scheme: given, ...cycle }) => {
      if (given === undefined) return cycle;
      const stamps: Partial<PayPalPricingScheme> = given;
      const scheme: PayPalPricingScheme = {
        ...given,
        version: stamps.version ?? 1,
        create_time: stamps.create_time ?? created,
        update_time: stamps.update_time ?? stamps.create_time ?? created,
      };
      return { ...cycle, pricing_scheme: scheme };
    }),
    create_time: created,
    update_time: updated,
  };
}
