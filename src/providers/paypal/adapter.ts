// Ties PayPal's endpoints to plansync's operations, in the order PayPal's status rules need:
// a plan going ACTIVE is activated before it is patched or repriced; one going INACTIVE is patched
// and repriced before it is deactivated. Before the first write to a plan, one GET checks that it is
// still the plan the saved plan saw (PayPal has no conditional writes).

import { liveObject } from '../../core/live.js';
import type { LiveObject, PlanItem } from '../../core/model.js';
import type { Attrs } from '../../core/value.js';
import { ProviderError } from '../../errors.js';
import { assertUnchanged } from '../fresh-check.js';
import type { ApplyContext, Inventory, ProviderAdapter, ReadOptions, ReadScope } from '../types.js';
import type { PayPalApi } from './api.js';
import { createBody, patchOperations, pricingUpdates, toAttrs } from './mapping.js';
import type { PayPalPlan } from './wire.js';

const PLAN = { provider: 'paypal', noun: 'plan' };

export function toLive(plan: PayPalPlan): LiveObject {
  return liveObject(plan.id, toAttrs(plan));
}

export class PayPalAdapter implements ProviderAdapter {
  constructor(private readonly api: PayPalApi) {}

  async readAll(scope?: ReadScope, options: ReadOptions = {}): Promise<Inventory> {
    const products = Array.isArray(scope?.product_ids) ? (scope.product_ids as string[]) : undefined;
    // Pages are counted across the listings, one per product, read in turn: the total is known once
    // the listing being read states its own, counting one page for each listing still to come.
    let before = 0;
    const listings = products ?? [undefined];
    const objects: LiveObject[] = [];
    for (const [index, product] of listings.entries()) {
      const ahead = listings.length - index - 1;
      let pages = 0;
      const onPage = (done: number, total?: number) => {
        pages = done;
        options.onProgress?.(before + done, total === undefined ? undefined : before + total + ahead);
      };
      objects.push(...(await this.api.listAll(product, toLive, onPage)));
      before += pages;
    }
    return { objects };
  }

  async create(desired: Attrs, context: ApplyContext): Promise<LiveObject> {
    const created = await this.api.create(createBody(desired), context.idempotencyKey);
    context.step(`created plan ${created.id} (${String(created.status)})`);
    if (desired.status === 'INACTIVE' && created.status !== 'INACTIVE') {
      await this.setStatus(created.id, 'deactivate', context);
      // The deactivation answers 204: read the plan back rather than assume it took.
      return toLive(await this.api.get(created.id));
    }
    return toLive(created);
  }

  /**
   * PATCH, update-pricing-schemes, activate and deactivate all answer 204 with no body: one GET after
   * the last of them reads what PayPal holds, for the engine to check.
   */
  async update(item: PlanItem, context: ApplyContext): Promise<LiveObject> {
    const id = item.id as string;
    if (context.expectedFingerprint !== undefined)
      assertUnchanged(PLAN, toLive(await this.api.get(id)), context);
    const status = item.changes.find((change) => change.path === 'status')?.after;
    if (status === 'ACTIVE') await this.setStatus(id, 'activate', context);

    const operations = patchOperations(item.changes);
    if (operations.length > 0) {
      await this.api.patch(id, operations);
      context.step(`patched plan ${id} (${operations.map((o) => o.path).join(', ')})`);
    }
    const schemes = pricingUpdates(item.changes, item.desired ?? {});
    if (schemes.length > 0) {
      await this.api.updatePricing(id, schemes);
      context.step(
        `updated pricing of plan ${id} (cycles ${schemes.map((s) => s.billing_cycle_sequence).join(', ')})`,
      );
    }

    if (status === 'INACTIVE') await this.setStatus(id, 'deactivate', context);
    return toLive(await this.api.get(id));
  }

  /** Deactivation answers 204: one GET afterwards reads the status PayPal holds. */
  async retire(id: string, context: ApplyContext): Promise<LiveObject> {
    if (context.expectedFingerprint !== undefined) {
      const current = await this.api.get(id);
      // Already where the retirement would take it: nothing to write, so nothing can be overwritten.
      if (current.status === 'INACTIVE') {
        context.step(`plan ${id} already INACTIVE; nothing sent`);
        return toLive(current);
      }
      assertUnchanged(PLAN, toLive(current), context);
    }
    await this.setStatus(id, 'deactivate', context);
    return toLive(await this.api.get(id));
  }

  /** A repeated activate/deactivate answers 422 PLAN_STATUS_INVALID: success if already there. */
  private async setStatus(
    id: string,
    action: 'activate' | 'deactivate',
    context: ApplyContext,
  ): Promise<void> {
    const target = action === 'activate' ? 'ACTIVE' : 'INACTIVE';
    try {
      await this.api.setStatus(id, action);
      context.step(`${action}d plan ${id}`);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.details.status !== 422) throw error;
      const current = await this.api.get(id);
      if (current.status !== target) throw error;
      context.step(`plan ${id} already ${target}`);
    }
  }
}
