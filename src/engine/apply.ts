// Executes a Plan: minimal requests, safe order (creates and updates first, retirements last, and a
// replacement's new plan before its old one is retired), bounded concurrency per connection, and a
// report of every operation. A failed operation never stops independent ones; rerunning converges.

import pLimit from 'p-limit';
import type { ConnectionPlan, Plan, PlanItem } from '../core/model.js';
import { BlockedPlanError, UserError } from '../errors.js';
import { idempotencyKeyFor, type ConnectionSession, type Session } from './session.js';

export type OperationStatus = 'done' | 'failed' | 'skipped';

export interface OperationResult {
  connection: string;
  key: string;
  action: PlanItem['action'];
  status: OperationStatus;
  /** Steps taken, in order (e.g. "created plan 2185254", "set plan 2185252 INACTIVE"). */
  steps: string[];
  error?: string;
  /** Id of the plan a create or replacement made. */
  createdId?: string;
}

export interface ApplyReport {
  results: OperationResult[];
}

export interface ApplyOptions {
  onResult?: (result: OperationResult) => void;
}

/** Refuses a plan that still holds blocked items or tripped safety gates: nothing is written. */
export function assertApplicable(plan: Plan): void {
  const problems: string[] = [];
  for (const connection of plan.connections) {
    for (const blocker of connection.blockers) problems.push(`${connection.connection}: ${blocker.reason}`);
    for (const item of connection.items) {
      if (item.action === 'blocked')
        problems.push(
          `${connection.connection}/${item.key}: ${item.blockers.map((b) => b.reason).join('; ')}`,
        );
    }
  }
  if (problems.length > 0) {
    throw new BlockedPlanError(
      `The plan is blocked; nothing was written.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export function hasChanges(plan: Plan): boolean {
  return plan.connections.some((c) =>
    c.items.some((item) => item.action !== 'no-op' && item.action !== 'blocked'),
  );
}

export async function applyPlan(
  session: Session,
  plan: Plan,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  assertApplicable(plan);
  const results = await Promise.all(
    plan.connections.map((saved) => {
      const connection = session.connections.find((c) => c.config.name === saved.connection);
      if (!connection)
        throw new UserError(`the plan covers connection ${saved.connection}, which is not in the project`);
      return applyConnection(connection, saved, options);
    }),
  );
  return { results: results.flat() };
}

async function applyConnection(
  connection: ConnectionSession,
  saved: ConnectionPlan,
  options: ApplyOptions,
): Promise<OperationResult[]> {
  const limit = pLimit(connection.config.limits.concurrency);
  const work = saved.items.filter((item) => item.action !== 'no-op');
  const first = work.filter((item) => item.action !== 'retire');
  const last = work.filter((item) => item.action === 'retire');

  const run = (item: PlanItem) =>
    limit(async () => {
      const result = await applyItem(connection, saved, item);
      options.onResult?.(result);
      return result;
    });
  const results = await Promise.all(first.map(run));
  results.push(...(await Promise.all(last.map(run))));
  return results;
}

async function applyItem(
  connection: ConnectionSession,
  saved: ConnectionPlan,
  item: PlanItem,
): Promise<OperationResult> {
  const result: OperationResult = {
    connection: saved.connection,
    key: item.key,
    action: item.action,
    status: 'done',
    steps: [],
  };
  const adapter = connection.adapter();
  const context = (id: string | undefined) => ({
    step: (message: string) => result.steps.push(message),
    idempotencyKey: idempotencyKeyFor(saved.connection, item.key, item.desired ?? {}),
    ...(id !== undefined && saved.fingerprints[id] ? { expectedFingerprint: saved.fingerprints[id] } : {}),
  });

  try {
    switch (item.action) {
      case 'create': {
        const created = await adapter.create(item.desired ?? {}, context(undefined));
        result.createdId = created.id;
        break;
      }
      case 'update':
        if (item.changes.length > 0) await adapter.update(item, context(item.id));
        for (const id of item.retires) await adapter.retire(id, context(id));
        break;
      case 'replace': {
        // New version first: if it fails, the old plan stays in service untouched.
        const created = await adapter.create(item.desired ?? {}, context(undefined));
        result.createdId = created.id;
        for (const id of item.retires) await adapter.retire(id, context(id));
        break;
      }
      case 'retire':
        await adapter.retire(item.id as string, context(item.id));
        break;
      case 'blocked':
      case 'no-op':
        result.status = 'skipped';
        break;
    }
  } catch (error) {
    result.status = 'failed';
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}
