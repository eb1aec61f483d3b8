// Executes a Plan: minimal requests, safe order (creates and updates first, retirements last, and a
// replacement's new plan before its old one is retired), bounded concurrency per connection, and a
// report of every operation. By default the first failure stops new operations from starting (those
// in flight finish); with `continueOnError` every operation that does not depend on a failed one
// still runs. Either way nothing done is undone, and rerunning plan/apply converges.

import pLimit from 'p-limit';
import type { ConnectionPlan, Plan, PlanItem } from '../core/model.js';
import { BlockedPlanError, InternalError, PlansyncError, UserError } from '../errors.js';
import { idempotencyKeyFor, type ConnectionSession, type Session } from './session.js';
import { NEVER_STOP, type RunStop } from './stop.js';
import { checkCreated, checkRetired, checkUpdated } from './verify-write.js';

type OperationStatus = 'done' | 'failed' | 'skipped';

export interface OperationResult {
  connection: string;
  key: string;
  action: PlanItem['action'];
  status: OperationStatus;
  /** Steps taken, in order (e.g. "created plan 2185254", "set plan 2185252 INACTIVE"). */
  steps: string[];
  error?: string;
  /** Why a skipped operation did not run. */
  reason?: string;
  /** Id of the plan a create or replacement made. */
  createdId?: string;
}

export interface ApplyReport {
  results: OperationResult[];
}

export interface ApplyOptions {
  onResult?: (result: OperationResult) => void;
  /** Keep applying what does not depend on a failed operation (default: stop at the first failure). */
  continueOnError?: boolean;
}

/** What every connection's apply shares: whether anything has failed yet. */
interface ApplyRun {
  options: ApplyOptions;
  failed: boolean;
  /** A signal or the deadline: no operation starts once it is stopping. */
  stop: RunStop;
}

export const STOPPED_REASON =
  'not started: an earlier operation failed (--continue-on-error applies independent changes)';
const RETIRE_AFTER_FAILED_CREATE_REASON =
  'not started: a create in this connection failed, and retiring now could leave no plan in its place';

/** Why the plan cannot be applied: each tripped safety gate and blocked item, located. */
export function blockedReasons(plan: Plan): string[] {
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
  return problems;
}

/** Refuses a plan that still holds blocked items or tripped safety gates: nothing is written. */
export function assertApplicable(plan: Plan): void {
  const problems = blockedReasons(plan);
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
  const state: ApplyRun = { options, failed: false, stop: session.stop ?? NEVER_STOP };
  const results = await Promise.all(
    plan.connections.map((saved) => {
      const connection = session.connections.find((c) => c.config.name === saved.connection);
      if (!connection)
        throw new UserError(`the plan covers connection ${saved.connection}, which is not in the project`);
      return applyConnection(connection, saved, state);
    }),
  );
  return { results: results.flat() };
}

async function applyConnection(
  connection: ConnectionSession,
  saved: ConnectionPlan,
  state: ApplyRun,
): Promise<OperationResult[]> {
  const limit = pLimit(connection.config.limits.concurrency);
  const work = saved.items.filter((item) => item.action !== 'no-op');
  const first = work.filter((item) => item.action !== 'retire');
  const last = work.filter((item) => item.action === 'retire');
  // Retirements go last so a renamed or replaced plan's successor exists first; a failed create
  // therefore holds back this connection's retirements even with --continue-on-error.
  let createFailed = false;

  const run = (item: PlanItem) =>
    limit(async () => {
      const holdBack = !state.options.continueOnError && state.failed;
      const dependsOnFailure = item.action === 'retire' && createFailed;
      const { stopping } = state.stop;
      const result = stopping.aborted
        ? skipped(saved, item, `not started: ${stopReason(stopping)}`)
        : holdBack || dependsOnFailure
          ? skipped(saved, item, dependsOnFailure ? RETIRE_AFTER_FAILED_CREATE_REASON : STOPPED_REASON)
          : await applyItem(connection, saved, item, state.stop);
      if (result.status === 'failed') {
        state.failed = true;
        if (result.createdId === undefined && (item.action === 'create' || item.action === 'replace'))
          createFailed = true;
      }
      state.options.onResult?.(result);
      return result;
    });
  const results = await Promise.all(first.map(run));
  results.push(...(await Promise.all(last.map(run))));
  return results;
}

function resultOf(saved: ConnectionPlan, item: PlanItem, status: OperationStatus): OperationResult {
  return { connection: saved.connection, key: item.key, action: item.action, status, steps: [] };
}

function skipped(saved: ConnectionPlan, item: PlanItem, reason: string): OperationResult {
  return { ...resultOf(saved, item, 'skipped'), reason };
}

/** What stopped the run, as a report says it: `interrupted by SIGINT`. */
function stopReason(signal: AbortSignal): string {
  return signal.reason instanceof PlansyncError ? signal.reason.message : 'the run was stopped';
}

async function applyItem(
  connection: ConnectionSession,
  saved: ConnectionPlan,
  item: PlanItem,
  stop: RunStop,
): Promise<OperationResult> {
  const result = resultOf(saved, item, 'done');
  const adapter = connection.adapter();
  const { contract, title } = connection.provider;
  const desired = item.desired ?? {};
  const context = (id: string | undefined) => ({
    step: (message: string) => result.steps.push(message),
    idempotencyKey: idempotencyKeyFor(saved.connection, item.key, desired),
    ...(id !== undefined && saved.fingerprints[id] ? { expectedFingerprint: saved.fingerprints[id] } : {}),
    ...(id === undefined && item.action === 'replace' && { replacing: item.retires }),
  });
  // Every write is checked against the provider's answer (or one re-read): see verify-write.ts.
  const create = async () => {
    const created = await adapter.create(desired, context(undefined));
    checkCreated(title, contract, desired, created, (id) => Object.hasOwn(saved.fingerprints, id));
    result.createdId = created.id;
  };
  const retire = async (id: string) =>
    checkRetired(title, contract, id, await adapter.retire(id, context(id)));

  try {
    switch (item.action) {
      case 'create':
        await create();
        break;
      case 'update':
        if (item.changes.length > 0) {
          const after = await adapter.update(item, context(item.id));
          const changed = item.changes.map((change) => change.path);
          checkUpdated(title, contract, item.id as string, desired, changed, after);
        }
        for (const id of item.retires) await retire(id);
        break;
      case 'replace':
        // New version first: if it fails, the old plan stays in service untouched.
        await create();
        for (const id of item.retires) await retire(id);
        break;
      case 'retire':
        await retire(item.id as string);
        break;
      case 'blocked':
      case 'no-op':
        result.status = 'skipped';
        break;
    }
  } catch (error) {
    result.status = 'failed';
    // The other operations go on either way; a bug is said to be one, not passed off as the provider's.
    const known = InternalError.from(error);
    result.error = known.forUser ? known.message : `internal error (a bug in plansync): ${known.message}`;
    if (stop.aborting.aborted) {
      // A forced stop (a second signal) abandoned it: a write already sent may still have landed.
      result.error = `abandoned in flight (${known.message}): the provider may or may not have applied it; plansync plan shows what is live`;
    }
  }
  return result;
}
