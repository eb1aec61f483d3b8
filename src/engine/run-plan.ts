// `plan` as a sequence: read every connection, compute the plan, and wrap it in the document that is
// rendered, saved, or applied. The caller opens and closes the session and renders the result.

import { scopeOf, toPlanDocument, type PlanDocument } from '../core/plan-file.js';
import type { Shard } from '../core/shard.js';
import { blockedReasons, hasChanges } from './apply.js';
import { makePlan, type MakePlanOptions } from './make-plan.js';
import type { Session } from './session.js';

export interface RunPlanOptions {
  /** The `--target` keys the session was opened with: recorded, so `apply FILE` plans them again alike. */
  targets?: string[];
  /** Plan keys allowed to be replaced when a create-only field changes (`--replace`). */
  replaceKeys?: string[];
  /** Accept tripped safety gates. */
  force?: boolean;
  /** Only the plans of this shard (`--shard i/n`). */
  shard?: Shard;
  /** Who makes the plan, recorded in the document (`plansync 0.1.0`). */
  generator: string;
  /** When the plan is made; the clock by default. */
  now?: () => Date;
}

/** Told as connections are read: how many requests a read takes, and how it progresses. */
export type ReadHooks = Pick<MakePlanOptions, 'onReadStart' | 'onProgress' | 'onReadEnd'>;

export interface PlanRunResult {
  document: PlanDocument;
  /** Something to create, update, replace or retire. */
  changes: boolean;
  /** A blocked item or a tripped safety gate: apply would refuse the plan. */
  blocked: boolean;
}

export async function runPlan(
  session: Session,
  options: RunPlanOptions,
  hooks: ReadHooks = {},
): Promise<PlanRunResult> {
  const plan = await makePlan(session, {
    replaceKeys: options.replaceKeys ?? [],
    force: options.force ?? false,
    ...(options.shard ? { shard: options.shard } : {}),
    ...hooks,
  });
  const document = toPlanDocument(plan, {
    generator: options.generator,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    ...recordedScope(session, options),
  });
  return { document, changes: hasChanges(plan), blocked: blockedReasons(plan).length > 0 };
}

function recordedScope(
  session: Session,
  options: RunPlanOptions,
): { scope?: NonNullable<PlanDocument['scope']> } {
  // `--changed-since` chose the targets: they are recorded, with the commit they were worked out from.
  const changes = session.changes;
  const targets = changes ? changes.targets : options.targets;
  const scope = scopeOf({
    ...(targets ? { targets } : {}),
    ...(changes ? { changedSince: { ref: changes.ref, commit: changes.commit } } : {}),
    ...(options.replaceKeys ? { replace: options.replaceKeys } : {}),
    ...(options.force ? { force: options.force } : {}),
  });
  return scope ? { scope } : {};
}
