// `plansync plan`: read live plans, compute the diff, print it, optionally save it for `apply`.
// The sequence is the engine's (runPlan); this file renders the plan and chooses the exit code.

import { resolve } from 'node:path';
import type { Shard } from '../../core/shard.js';
import { runPlan, type PlanRunResult } from '../../engine/run-plan.js';
import { planKeyFrom, savePlan } from '../../engine/saved-plan.js';
import { ExitCode } from '../../errors.js';
import { open, sessionOptions, type CommandContext } from '../context.js';
import { planOutput, useColor } from '../io.js';
import { readReporters } from '../read-progress.js';
import { renderPlan, type Format } from '../render-plan.js';
import { VERSION } from '../version.js';

export interface PlanFlags {
  out?: string;
  format: Format;
  detailedExitcode: boolean;
  target: string[];
  replace: string[];
  force: boolean;
  shard?: Shard;
}

export async function planCommand(context: CommandContext, flags: PlanFlags): Promise<number> {
  // Read first: a key too short to sign with stops the run before any request.
  const key = flags.out ? planKeyFrom(context.io.env) : undefined;
  const session = await open(context, flags.target);
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

  // Plan data, never masked: see src/cli/io.ts.
  planOutput(context.io).stdout(renderPlan(planned.document, flags.format, useColor(context.io), flags.out));
  if (flags.out) {
    await savePlan(
      resolve(context.io.cwd, flags.out),
      flags.out,
      planned.document,
      sessionOptions(context).root,
      key,
    );
    context.io.stderr(
      `Saved the plan to ${flags.out}. Apply exactly this plan with: plansync apply ${flags.out}\n`,
    );
  }

  if (planned.blocked) return ExitCode.blocked;
  if (flags.detailedExitcode && planned.changes) return ExitCode.changes;
  return ExitCode.ok;
}
