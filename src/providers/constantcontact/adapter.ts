// Ties Constant Contact's endpoints to plansync's operations: one GET per declared account (there is
// no bulk plan read), and for each changed account one GET (still as planned?) and one PUT. No create,
// no delete: partners only pick plans.

import pLimit from 'p-limit';
import { liveObject } from '../../core/live.js';
import type { LiveObject, PlanItem } from '../../core/model.js';
import type { Attrs } from '../../core/value.js';
import { InternalError } from '../../errors.js';
import { assertUnchanged, vanished } from '../fresh-check.js';
import type { ApplyContext, Inventory, ProviderAdapter, ReadOptions, ReadScope } from '../types.js';
import type { ConstantContactApi } from './api.js';
import type { PlanInfo, PlanTiers } from './wire.js';

function toAttrs(plan: PlanTiers): Attrs {
  const attrs: Attrs = { plan_type: plan.plan_type };
  if (plan.billing_status !== undefined) attrs.billing_status = plan.billing_status;
  if (typeof plan.billing_day_of_month === 'number') attrs.billing_day_of_month = plan.billing_day_of_month;
  if (plan.current_tiers !== undefined) attrs.current_tiers = plan.current_tiers as Attrs[string];
  return attrs;
}

function toLive(id: string, plan: PlanTiers): LiveObject {
  return liveObject(id, toAttrs(plan));
}

const ACCOUNT = { provider: 'constantcontact', noun: 'account' };

export function accountIds(scope: ReadScope | undefined): string[] {
  return Array.isArray(scope?.account_ids) ? (scope.account_ids as string[]) : [];
}

export class ConstantContactAdapter implements ProviderAdapter {
  constructor(
    private readonly api: ConstantContactApi,
    private readonly concurrency: number,
  ) {}

  async readAll(scope?: ReadScope, options: ReadOptions = {}): Promise<Inventory> {
    const ids = accountIds(scope);
    const limit = pLimit(this.concurrency);
    let done = 0;
    const plans = await Promise.all(
      ids.map((id) =>
        limit(async () => {
          const plan = await this.api.getPlan(id);
          options.onProgress?.(++done, ids.length);
          return plan === undefined ? undefined : toLive(id, plan);
        }),
      ),
    );
    return { objects: plans.filter((plan): plan is LiveObject => plan !== undefined) };
  }

  create(): Promise<LiveObject> {
    // The contract says `create: false`, so the planner blocks every create: reaching this is a bug.
    throw new InternalError('constantcontact: partners cannot create account plans');
  }

  /**
   * The PUT answers with the account's plan as stored; a field it leaves out that this update
   * changed is read back with one GET, so the engine checks what the provider holds.
   */
  async update(item: PlanItem, context: ApplyContext): Promise<LiveObject> {
    const id = item.id as string;
    if (context.expectedFingerprint !== undefined) {
      // One GET per changed account (the PUT has no precondition): it counts against the quotas too.
      const current = await this.api.getPlan(id);
      if (current === undefined) throw vanished(ACCOUNT, id);
      assertUnchanged(ACCOUNT, toLive(id, current), context);
    }
    const desired = item.desired ?? {};
    // plan_type always travels: it is what moves an account off TRIAL or reactivates it.
    const body: PlanInfo = { plan_type: String(desired.plan_type) };
    if (item.changes.some((change) => change.path === 'billing_day_of_month')) {
      body.billing_day_of_month = Number(desired.billing_day_of_month);
    }
    const answer = await this.api.setPlan(id, body);
    context.step(
      answer.plan_type === body.plan_type
        ? `set account ${id} to ${body.plan_type} (${answer.billing_status ?? 'status unknown'})`
        : `asked for account ${id} on ${body.plan_type}; the provider answered ${answer.plan_type}`,
    );
    const answered = toAttrs(answer);
    if (item.changes.every((change) => change.path in answered)) return liveObject(id, answered);
    const after = await this.api.getPlan(id);
    if (after === undefined) throw vanished(ACCOUNT, id);
    return toLive(id, after);
  }

  retire(): Promise<LiveObject | undefined> {
    // The contract says `retire: 'none'`, so the planner never retires an account: reaching this is a bug.
    throw new InternalError('constantcontact: plansync does not cancel accounts');
  }
}
