// `apply` as a sequence: take the project's apply lock; make a plan (or check a saved one is still
// fresh); refuse a blocked or stale plan; ask for approval; apply; pin created ids; release the lock.
// It returns what happened as a value and reports progress through hooks: it prints nothing, so the
// CLI, a library caller or a test reads the same result.

import type { PlanDocument } from '../core/plan-file.js';
import type { Shard } from '../core/shard.js';
import { BlockedPlanError, InternalError, PlansyncError, StalePlanError } from '../errors.js';
import { acquireApplyLock } from './apply-lock.js';
import { STOPPED_REASON, applyPlan, assertApplicable, hasChanges, type OperationResult } from './apply.js';
import { runPlan, type ReadHooks } from './run-plan.js';
import { assertReviewed } from './reviewed-plan.js';
import { rehearsalRefusal, type RehearsalOptions } from './rehearsal.js';
import type { Session } from './session.js';
import { NEVER_STOP } from './stop.js';
import { writeCreatedIds, type PinnedId, type UnwrittenId } from './write-ids.js';

export interface RunApplyOptions {
  /**
   * A plan saved by `plan --out`: applied as it is, once its live objects are found unchanged, its
   * changes are found to be what the YAML implies, and its amounts pass the safety gates.
   */
  saved?: PlanDocument;
  /** Shape a new plan (without `saved`): see RunPlanOptions. */
  replaceKeys?: string[];
  force?: boolean;
  shard?: Shard;
  /** Who makes a new plan, recorded in its document (`plansync 0.1.0`). */
  generator: string;
  now?: () => Date;
  /** After a failed operation, still apply the changes that do not depend on it. */
  continueOnError?: boolean;
  /** Pin the ids of created plans in the YAML that declares them. */
  writeIds?: boolean;
  /**
   * How to reach the environment this one follows, for the rehearsal gate (rehearsal.ts). Absent:
   * an environment that follows another is refused, as the gate cannot be checked.
   */
  rehearsal?: RehearsalOptions;
}

export interface RunApplyHooks extends ReadHooks {
  /** A new plan was made (never called for a saved one), before it is checked or approved. */
  onPlan?(document: PlanDocument): void;
  /**
   * Asked before a new plan with changes is applied; false cancels and nothing is written. Absent:
   * approved. It may throw (no terminal to ask on); the lock is released all the same.
   */
  approve?(document: PlanDocument): Promise<boolean>;
  /** The first write is about to be sent. */
  onApplyStart?(): void;
  /** One operation finished (done, failed or skipped), as it happens. */
  onResult?(result: OperationResult): void;
}

type ApplyRunOutcome =
  /** The plan changes nothing: nothing was written. */
  | 'nothing-to-apply'
  /** Not approved: nothing was written. */
  | 'cancelled'
  /** Every operation was done. */
  | 'applied'
  /** At least one operation failed; the others are in `results`. */
  | 'failed'
  /** The plan holds blocked items or tripped safety gates: nothing was written. */
  | 'blocked'
  /**
   * A saved plan no longer matches the live state, or is not what the YAML implies, or its signature
   * is wrong: nothing was written.
   */
  | 'stale';

export interface ApplyRunResult {
  outcome: ApplyRunOutcome;
  /** The plan applied, found to need nothing, or refused. */
  document: PlanDocument;
  /** Each operation's outcome, in the order they finished. */
  results: OperationResult[];
  counts: { done: number; failed: number; skipped: number };
  /** A failure stopped new operations from starting (no `continueOnError`). */
  stopped: boolean;
  /** Ids of created plans written into the YAML (`writeIds`). */
  pinned: PinnedId[];
  /** Ids of created plans that could not be written, with why. */
  unwritten: UnwrittenId[];
  /** Why a blocked or stale plan was refused, as the error the CLI reports. */
  refusal?: BlockedPlanError | StalePlanError;
  /**
   * A signal or the run's deadline stopped the apply after writing began: no operation started after
   * it, those in flight finished (or, on a forced stop, were abandoned), and `results` holds every
   * operation. The error the run ends with (InterruptedError, DeadlineError).
   */
  stoppedBy?: PlansyncError;
}

export async function runApply(
  session: Session,
  options: RunApplyOptions,
  hooks: RunApplyHooks = {},
): Promise<ApplyRunResult> {
  // Held from the stale check to the last write: a second apply on this project stops before writing.
  const lock = await acquireApplyLock(session.project.root);
  try {
    return await lockedApply(session, options, hooks);
  } finally {
    await lock.release();
  }
}

async function lockedApply(
  session: Session,
  options: RunApplyOptions,
  hooks: RunApplyHooks,
): Promise<ApplyRunResult> {
  let document: PlanDocument;
  if (options.saved) {
    document = options.saved;
    const refusal = await refused(async () => {
      assertApplicable(document.plan);
      // Stale check, the plan made again from the YAML, and the safety gates: see reviewed-plan.ts.
      await assertReviewed(session, document);
      if (document.scope?.force !== true) await assertRehearsed(session, document, options);
    });
    if (refusal)
      return writtenNothing(refusal instanceof StalePlanError ? 'stale' : 'blocked', document, refusal);
  } else {
    const planned = await runPlan(session, options, {
      onReadStart: hooks.onReadStart,
      onProgress: hooks.onProgress,
      onReadEnd: hooks.onReadEnd,
    });
    document = planned.document;
    hooks.onPlan?.(document);
    const refusal = await refused(async () => {
      assertApplicable(document.plan);
      if (options.force !== true) await assertRehearsed(session, document, options);
    });
    if (refusal) return writtenNothing('blocked', document, refusal);
    if (planned.changes && hooks.approve && !(await hooks.approve(document)))
      return writtenNothing('cancelled', document);
  }
  if (!hasChanges(document.plan)) return writtenNothing('nothing-to-apply', document);

  // Stopped before the first write (while reading, or at the prompt): nothing was written.
  const stop = session.stop ?? NEVER_STOP;
  stop.stopping.throwIfAborted();
  stop.beginWrites();
  hooks.onApplyStart?.();
  const { results } = await applyPlan(session, document.plan, {
    ...(hooks.onResult ? { onResult: hooks.onResult } : {}),
    continueOnError: options.continueOnError ?? false,
  });
  const ids = options.writeIds
    ? await writeCreatedIds(session, document.plan, results)
    : { pinned: [], unwritten: [] };
  const counts = countResults(results);
  return {
    outcome: counts.failed > 0 ? 'failed' : 'applied',
    document,
    results,
    counts,
    stopped: results.some((result) => result.reason === STOPPED_REASON),
    pinned: ids.pinned,
    unwritten: ids.unwritten,
    ...(stop.stopping.aborted ? { stoppedBy: stoppedBy(stop.stopping) } : {}),
  };
}

/** The rehearsal gate: see rehearsal.ts. Throws the refusal. */
async function assertRehearsed(
  session: Session,
  document: PlanDocument,
  options: RunApplyOptions,
): Promise<void> {
  const follows = session.project.environment?.follows;
  if (follows === undefined || !hasChanges(document.plan)) return;
  if (!options.rehearsal) {
    throw new InternalError(`the rehearsal gate needs a way to reach environment ${follows}`);
  }
  const refusal = await rehearsalRefusal(session, document.plan, {
    ...options.rehearsal,
    replaceKeys: options.saved ? (document.scope?.replace ?? []) : (options.replaceKeys ?? []),
  });
  if (refusal) throw refusal;
}

function stoppedBy(signal: AbortSignal): PlansyncError {
  return signal.reason instanceof PlansyncError
    ? signal.reason
    : InternalError.from(new Error('the run was stopped without a reason'));
}

/** The refusal a check raised (blocked or stale), or undefined when it passed; other errors propagate. */
async function refused(check: () => Promise<void>): Promise<BlockedPlanError | StalePlanError | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    if (error instanceof BlockedPlanError || error instanceof StalePlanError) return error;
    throw error;
  }
}

function writtenNothing(
  outcome: ApplyRunOutcome,
  document: PlanDocument,
  refusal?: BlockedPlanError | StalePlanError,
): ApplyRunResult {
  return {
    outcome,
    document,
    results: [],
    counts: { done: 0, failed: 0, skipped: 0 },
    stopped: false,
    pinned: [],
    unwritten: [],
    ...(refusal ? { refusal } : {}),
  };
}

function countResults(results: readonly OperationResult[]): ApplyRunResult['counts'] {
  const count = (status: OperationResult['status']) => results.filter((r) => r.status === status).length;
  return { done: count('done'), failed: count('failed'), skipped: count('skipped') };
}
