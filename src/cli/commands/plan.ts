// `plansync plan`: read live plans, compute the diff, print it, optionally save it for `apply`.
// The sequence is the engine's (runPlan); this file renders the plan and chooses the exit code.

import { resolve } from 'node:path';
import type { Shard } from '../../core/shard.js';
import { runPlan, type PlanRunResult } from '../../engine/run-plan.js';
import type { Session } from '../../engine/session.js';
import { planKeyFrom, savePlan } from '../../engine/saved-plan.js';
import { ExitCode, UserError } from '../../errors.js';
import { environmentsFor, open, reportChanges, sessionOptions, type CommandContext } from '../context.js';
import { planOutput, useColor } from '../io.js';
import { readReporters } from '../read-progress.js';
import { renderPlan, type Format } from '../render-plan.js';
import { VERSION } from '../version.js';

export interface PlanFlags {
  out?: string;
  format: Format;
  detailedExitcode: boolean;
  target: string[];
  /** `--changed-since REF`: only the plans changed since that Git ref (docs/changed-since.md). */
  changedSince?: string;
  replace: string[];
  force: boolean;
  shard?: Shard;
}

export async function planCommand(context: CommandContext, flags: PlanFlags): Promise<number> {
  // Read first: a key too short to sign with stops the run before any request.
  const key = flags.out ? planKeyFrom(context.io.env) : undefined;
  const environments = await environmentsFor(context);
  if (environments.length > 1 && (flags.out !== undefined || flags.format === 'json')) {
    throw new UserError(
      `a ${flags.out !== undefined ? 'saved' : 'JSON'} plan is made for one environment: add --env NAME (one of ${environments.map((environment) => environment?.name).join(', ')}), once per environment`,
    );
  }
  let blocked = false;
  let changes = false;
  for (const [index, environment] of environments.entries()) {
    // Environments' plans are separated, so one never reads as a continuation of the other.
    if (index > 0) context.io.stdout(flags.format === 'markdown' ? '\n---\n\n' : '\n');
    const planned = await planOne(context, flags, environment?.name, key);
    if (planned === undefined) continue;
    blocked ||= planned.blocked;
    changes ||= planned.changes;
  }
  if (blocked) return ExitCode.blocked;
  if (flags.detailedExitcode && changes) return ExitCode.changes;
  return ExitCode.ok;
}

/** One environment's plan (or the project's, without environments): printed, and saved with --out. */
async function planOne(
  context: CommandContext,
  flags: PlanFlags,
  environment: string | undefined,
  key: string | undefined,
): Promise<PlanRunResult | undefined> {
  const session = await open(context, flags.target, { environment, changedSince: flags.changedSince });
  reportChanges(context, session);
  // A project that declares nothing and prunes nothing has nothing to compare: no request is sent.
  // A saved or JSON plan still reads, so what it records is what the live side holds. Under
  // --changed-since, an empty session is a change that touched no plan, said above, and its (empty)
  // plan is printed and saved like any other, so CI finds its plan file.
  const empty =
    flags.out === undefined && flags.format === 'human' && session.changes === undefined
      ? nothingDeclared(session)
      : undefined;
  if (empty !== undefined) {
    await session.close();
    context.io.stdout(empty);
    return undefined;
  }
  let planned: PlanRunResult;
  try {
    planned = await runPlan(
      session,
      {
        targets: flags.target,
        replaceKeys: flags.replace,
        force: flags.force,
        ...(flags.shard ? { shard: flags.shard } : {}),
        generator: `plansync ${VERSION}`,
      },
      readReporters(context.io, context.clock),
    );
  } finally {
    await session.close();
  }
  for (const name of session.skipped)
    context.io.stderr(`Note: connection ${name} has no plans file; it is skipped.\n`);
  const follows = session.project.environment?.follows;
  if (follows !== undefined && planned.changes) {
    context.io.stderr(
      `Note: ${environment} follows ${follows}: apply will first check that ${follows} already holds these changes (exit 3 if not).\n`,
    );
  }

  // Plan data, never masked: see src/cli/io.ts.
  // Every environment's plan shares one pull-request comment: each Markdown plan gets its share.
  const sharedBy = Math.max(1, session.project.environments?.length ?? 1);
  planOutput(context.io).stdout(
    renderPlan(planned.document, flags.format, useColor(context.io), flags.out, sharedBy),
  );
  if (flags.out) {
    await savePlan(
      resolve(context.io.cwd, flags.out),
      flags.out,
      planned.document,
      sessionOptions(context).root,
      key,
    );
    const env = environment === undefined ? '' : ` (environment ${environment})`;
    context.io.stderr(
      `Saved the plan${env} to ${flags.out}. Apply exactly this plan with: plansync apply ${flags.out}\n`,
    );
  }
  return planned;
}

/**
 * What to say when no connection declares a plan and none prunes (so nothing needs reading), with
 * the next step; undefined when there is something to read.
 */
export function nothingDeclared(session: Session): string | undefined {
  if (session.connections.some((c) => c.desired.length > 0 || (c.config.prune && !c.targeted))) {
    return undefined;
  }
  const names = [...session.connections.map((c) => c.config.name), ...session.skipped];
  if (names.length === 0) return undefined;
  const files = new Map(session.connections.map((c) => [c.config.name, c.plansFile.file]));
  const plansDir = session.project.plansDir ?? 'plans';
  const steps = names.map(
    (name) =>
      `  plansync import --connection ${name}   (or add a plan to ${files.get(name) ?? `${plansDir}/${name}.yaml`})\n`,
  );
  return (
    'No plans declared yet: the plans files declare no plan, so nothing was read and nothing would change.\n' +
    'Start from the live plans, or declare plans by hand:\n' +
    steps.join('')
  );
}
