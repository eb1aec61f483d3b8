// `plansync plan`: read live plans, compute the diff, print it, optionally save it for `apply`.

import { resolve } from 'node:path';
import { writeFileAtomic } from '../../write-file-atomic.js';
import { toPlanDocument, serialisePlan, type PlanDocument } from '../../core/plan-file.js';
import { makePlan } from '../../engine/make-plan.js';
import type { Shard } from '../../core/shard.js';
import { readReporters } from '../read-progress.js';
import { hasChanges } from '../../engine/apply.js';
import { ExitCode } from '../../errors.js';
import { isBlocked } from '../../render/summary.js';
import { open, type CommandContext } from '../context.js';
import { useColor } from '../io.js';
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
  const session = await open(context, flags.target);
  let document: PlanDocument;
  try {
    const plan = await makePlan(session, {
      replaceKeys: flags.replace,
      force: flags.force,
      ...(flags.shard ? { shard: flags.shard } : {}),
      ...readReporters(context.io),
    });
    document = toPlanDocument(plan, {
      generator: `plansync ${VERSION}`,
      createdAt: new Date().toISOString(),
    });
  } finally {
    await session.close();
  }
  for (const name of session.skipped)
    context.io.stderr(`Note: connection ${name} has no plans file; it is skipped.\n`);

  context.io.stdout(renderPlan(document, flags.format, useColor(context.io), flags.out));
  if (flags.out) {
    const path = resolve(context.io.cwd, flags.out);
    await writeFileAtomic(path, serialisePlan(document));
    context.io.stderr(
      `Saved the plan to ${flags.out}. Apply exactly this plan with: plansync apply ${flags.out}\n`,
    );
  }

  if (isBlocked(document.plan)) return ExitCode.blocked;
  if (flags.detailedExitcode && hasChanges(document.plan)) return ExitCode.changes;
  return ExitCode.ok;
}
