// The rehearsal gate: an environment that follows another (`production` follows `sandbox`) only
// receives changes its predecessor already holds. Checked statelessly, as Git is the only state:
// before applying, the predecessor is planned for the same plans; any change still pending there,
// or blocked there, refuses the apply (exit 3) with the list. Nothing records that a rehearsal
// happened: the predecessor's live plans are the record.

import type { Plan } from '../core/model.js';
import { BlockedPlanError } from '../errors.js';
import { makePlan, type MakePlanOptions } from './make-plan.js';
import type { Session } from './session.js';

/** Opens a session on another environment of the same project, for these plan targets. */
type OpenEnvironment = (environment: string, targets: string[]) => Promise<Session>;

export interface RehearsalOptions {
  /** Open the predecessor environment (the CLI's own session opening: credentials, clock, stop). */
  openEnvironment: OpenEnvironment;
  /** The replacements the apply allows, allowed in the predecessor's plan alike. */
  replaceKeys?: string[];
  /** Read progress of the predecessor's read. */
  hooks?: Pick<MakePlanOptions, 'onReadStart' | 'onProgress' | 'onReadEnd'>;
}

/** Actions that write: the ones a predecessor must already hold. */
const WRITES = new Set(['create', 'update', 'replace', 'retire']);

/**
 * The `--target`s naming, in the predecessor, the plans `plan` is about to change: a plan by its key,
 * a member of a group entry (accounts differ per environment) by its entry's key. Live objects no
 * plan declares (pruned ones) have no counterpart and are not rehearsed.
 */
function changingTargets(session: Session, plan: Plan): string[] {
  const targets = new Set<string>();
  for (const connectionPlan of plan.connections) {
    const connection = session.connections.find((c) => c.config.name === connectionPlan.connection);
    if (!connection) continue;
    for (const item of connectionPlan.items) {
      if (!WRITES.has(item.action)) continue;
      const declared = connection.plansFile.plans.find((source) => source.key === item.key);
      if (!declared) continue;
      targets.add(`${connectionPlan.connection}/${declared.group?.key ?? declared.key}`);
    }
  }
  return [...targets].sort();
}

/**
 * Refusal when `plan` (for `session`'s environment) changes a plan its predecessor environment still
 * has a pending or blocked change for; undefined when the environment follows none, changes
 * nothing declared, or every such plan is already as the YAML says in the predecessor.
 */
export async function rehearsalRefusal(
  session: Session,
  plan: Plan,
  options: RehearsalOptions,
): Promise<BlockedPlanError | undefined> {
  const environment = session.project.environment;
  if (environment?.follows === undefined) return undefined;
  const targets = changingTargets(session, plan);
  if (targets.length === 0) return undefined;
  const predecessor = await options.openEnvironment(environment.follows, targets);
  let rehearsed: Plan;
  try {
    // Safety gates weigh a whole apply of the predecessor, not whether it holds these changes.
    rehearsed = await makePlan(predecessor, {
      replaceKeys: options.replaceKeys ?? [],
      force: true,
      ...options.hooks,
    });
  } finally {
    await predecessor.close();
  }
  const pending: string[] = [];
  for (const connectionPlan of rehearsed.connections) {
    for (const item of connectionPlan.items) {
      if (item.action === 'no-op') continue;
      const why =
        item.action === 'blocked'
          ? `blocked there: ${item.blockers.map((blocker) => blocker.reason).join('; ')}`
          : `${item.action} still pending there${describeChanges(item.changes)}`;
      pending.push(`  ${connectionPlan.connection}/${item.key}: ${why}`);
    }
  }
  if (pending.length === 0) return undefined;
  const { name, follows } = environment;
  return new BlockedPlanError(
    `Refusing to apply to ${name}: it follows ${follows}, and ${follows} does not hold ${pending.length === 1 ? 'this change' : `these ${pending.length} changes`} yet:\n` +
      `${pending.join('\n')}\n` +
      `Apply them to ${follows} first (plansync apply --env ${follows}), check them there, then apply ${name}. ` +
      `Nothing was written. --force (on plan or apply) skips this check.`,
  );
}

function describeChanges(changes: Plan['connections'][number]['items'][number]['changes']): string {
  const paths = changes.map((change) => change.path).slice(0, 4);
  if (paths.length === 0) return '';
  const more = changes.length > paths.length ? `, +${changes.length - paths.length} more` : '';
  return ` (${paths.join(', ')}${more})`;
}
