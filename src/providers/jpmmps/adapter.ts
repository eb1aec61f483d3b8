// Ties J.P. Morgan MPS endpoints to plansync's operations. Creates are never retried blindly: after
// a create whose answer was lost, the plan is looked up by name and creation time first. Before a
// PATCH or DELETE, one GET checks that the plan is still the one the saved plan saw.

import { fieldsEqual } from '../../core/compare.js';
import { liveObject } from '../../core/live.js';
import type { LiveObject, PlanItem } from '../../core/model.js';
import type { Attrs } from '../../core/value.js';
import { ProviderError } from '../../errors.js';
import { assertUnchanged, vanished } from '../fresh-check.js';
import type { ApplyContext, Inventory, ProviderAdapter, ReadOptions, ReadScope } from '../types.js';
import type { JpmApi } from './api.js';
import { jpmmpsContract } from './contract.js';
import { apiTime, createBody, patchBody, toAttrs } from './mapping.js';
import type { JpmPlan } from './wire.js';

/** Allowance for clock skew between this machine and the API when looking up a lost create. */
const SKEW_MS = 5 * 60 * 1000;

/**
 * Creates sent again after one that may have stored a plan and was looked up first: as many as the
 * HTTP client's default retries, since the client itself never resends a POST without a key.
 */
const CREATE_RETRIES = 4;

/** No answer (timeout, reset, unreadable body) or a server error: the plan may or may not be stored. */
function mayHaveStored(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return false;
  const status = error.details.status;
  return status === undefined || status >= 500;
}

const PLAN = { provider: 'jpmmps', noun: 'plan' };

const isDeleted = (plan: JpmPlan): boolean => typeof plan.deletedAt === 'string' && plan.deletedAt !== '';

function toLive(plan: JpmPlan): LiveObject {
  return liveObject(plan.id, toAttrs(plan as unknown as Record<string, unknown>));
}

function sameAs(desired: Attrs, plan: JpmPlan): boolean {
  const live = toAttrs(plan as unknown as Record<string, unknown>);
  return jpmmpsContract.fields.every((rule) => fieldsEqual(rule, desired[rule.path], live[rule.path]));
}

export class JpmAdapter implements ProviderAdapter {
  constructor(
    private readonly api: JpmApi,
    private readonly now: () => number = Date.now,
  ) {}

  async readAll(_scope?: ReadScope, options: ReadOptions = {}): Promise<Inventory> {
    return { objects: await this.api.list({}, toLive, options.onProgress) };
  }

  async create(desired: Attrs, context: ApplyContext): Promise<LiveObject> {
    const startedAt = this.now();
    for (let retry = 0; ; retry++) {
      try {
        const created = await this.api.create(createBody(desired));
        context.step(`created plan ${created.id}`);
        return toLive(created);
      } catch (error) {
        // A refusal (4xx) is final; a lost answer or a server error may hide a stored plan.
        if (!mayHaveStored(error) || retry >= CREATE_RETRIES) throw error;
        const found = await this.findCreated(desired, startedAt);
        if (found) {
          const status = (error as ProviderError).details.status;
          const why =
            status === undefined ? "the create's answer was lost" : `the create was answered ${status}`;
          context.step(`${why}; found plan ${found.id} created by it`);
          return toLive(found);
        }
        context.step('the create was not stored; creating once more');
      }
    }
  }

  /** The PATCH answers with the plan as stored: that answer is what the engine checks. */
  async update(item: PlanItem, context: ApplyContext): Promise<LiveObject> {
    const id = item.id as string;
    if (context.expectedFingerprint !== undefined) {
      const current = await this.api.get(id);
      if (current === undefined || isDeleted(current)) throw vanished(PLAN, id);
      assertUnchanged(PLAN, toLive(current), context);
    }
    const body = patchBody(item.changes, item.desired ?? {});
    const after = await this.api.patch(id, body);
    context.step(`patched plan ${id} (${Object.keys(body).join(', ')})`);
    return toLive(after);
  }

  /**
   * DELETE answers 204 with no body: one GET afterwards shows whether the plan is deleted
   * (`deletedAt` set, or 404), so the engine checks what the provider holds.
   */
  async retire(id: string, context: ApplyContext): Promise<LiveObject | undefined> {
    if (context.expectedFingerprint !== undefined) {
      const current = await this.api.get(id);
      // Already deleted: nothing to write, so nothing can be overwritten.
      if (current === undefined || isDeleted(current)) {
        context.step(`plan ${id} already deleted; nothing sent`);
        return undefined;
      }
      assertUnchanged(PLAN, toLive(current), context);
    }
    await this.api.delete(id);
    context.step(`deleted plan ${id} (soft delete: deletedAt set)`);
    const after = await this.api.get(id);
    return after === undefined || isDeleted(after) ? undefined : toLive(after);
  }

  /** The plan a lost create stored: same name, created since the attempt, same values. */
  private async findCreated(desired: Attrs, startedAt: number): Promise<JpmPlan | undefined> {
    const candidates = await this.api.list({
      name: String(desired.name),
      createdAtGte: apiTime(startedAt - SKEW_MS),
    });
    const matches = candidates.filter((plan) => plan.name === desired.name && sameAs(desired, plan));
    return matches.length === 1 ? matches[0] : undefined;
  }
}
