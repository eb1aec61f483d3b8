// Ties BlueSnap's endpoints to plansync's operations: create (then INACTIVE if asked), GET-merge-PUT
// updates, and retirement by status INACTIVE (BlueSnap has no delete). Every write answers with the
// plan as stored, which the engine checks against the intent at no extra request.

import { liveObject } from '../../core/live.js';
import type { LiveObject, PlanItem } from '../../core/model.js';
import type { Attrs } from '../../core/value.js';
import { assertUnchanged } from '../fresh-check.js';
import type { ApplyContext, Inventory, ProviderAdapter, ReadOptions, ReadScope } from '../types.js';
import type { BlueSnapApi } from './api.js';
import { createBody, liveAttrs, updateBody } from './mapping.js';
import type { BlueSnapPlan } from './wire.js';

function toLive(plan: BlueSnapPlan): LiveObject {
  return liveObject(String(plan.planId), liveAttrs(plan));
}

const KIND = { provider: 'bluesnap', noun: 'plan' };

export class BlueSnapAdapter implements ProviderAdapter {
  constructor(private readonly api: BlueSnapApi) {}

  async readAll(_scope?: ReadScope, options: ReadOptions = {}): Promise<Inventory> {
    const plans = await this.api.listAll(options.onProgress);
    return { objects: plans.map(toLive) };
  }

  async create(desired: Attrs, context: ApplyContext): Promise<LiveObject> {
    let created = await this.api.create(createBody(desired), context.idempotencyKey);
    context.step(`created plan ${created.planId}`);
    if (desired.status === 'INACTIVE' && created.status !== 'INACTIVE') {
      created = await this.api.put(
        String(created.planId),
        updateBody(created, [{ path: 'status', after: 'INACTIVE' }]),
      );
      context.step(`set plan ${created.planId} INACTIVE`);
    }
    return toLive(created);
  }

  /** The PUT answers with the plan as stored: that answer is what the engine checks. */
  async update(item: PlanItem, context: ApplyContext): Promise<LiveObject> {
    const id = item.id as string;
    const current = await this.freshCopy(id, context);
    const after = await this.api.put(id, updateBody(current, item.changes));
    context.step(`updated plan ${id} (${item.changes.map((c) => c.path).join(', ')})`);
    return toLive(after);
  }

  async retire(id: string, context: ApplyContext): Promise<LiveObject> {
    // Already INACTIVE (someone retired it meanwhile) is the state asked for: nothing to write,
    // whatever else changed, as with PayPal and J.P. Morgan MPS.
    const current = await this.api.get(id);
    if (current.status === 'INACTIVE') {
      context.step(`plan ${id} already INACTIVE`);
      return toLive(current);
    }
    assertUnchanged(KIND, toLive(current), context);
    const after = await this.api.put(id, updateBody(current, [{ path: 'status', after: 'INACTIVE' }]));
    context.step(`set plan ${id} INACTIVE`);
    return toLive(after);
  }

  /** GET before PUT: BlueSnap's PUT replaces the whole plan, so it must start from the live copy. */
  private async freshCopy(id: string, context: ApplyContext): Promise<BlueSnapPlan> {
    const current = await this.api.get(id);
    assertUnchanged(KIND, toLive(current), context);
    return current;
  }
}
