// `plansync drift`: read the live plans and report, field by field, where they differ from the YAML
// and what can be done about each difference. Read-only. Exit 0 when nothing drifted, 2 when
// something did (for a nightly CI job), 1 on errors. The sequence is the engine's (runDrift).

import { runDrift, type DriftRunResult } from '../../engine/run-drift.js';
import { ExitCode, UserError } from '../../errors.js';
import { renderDrift } from '../../render/drift.js';
import { environmentsFor, open, reportChanges, type CommandContext } from '../context.js';
import { planOutput } from '../io.js';
import { readReporters } from '../read-progress.js';
import { nothingDeclared } from './plan.js';

export interface DriftFlags {
  format: 'human' | 'json';
  /** `--changed-since REF`: only the plans changed since that Git ref (docs/changed-since.md). */
  changedSince?: string;
}

export async function driftCommand(context: CommandContext, flags: DriftFlags): Promise<number> {
  const environments = await environmentsFor(context);
  if (flags.format === 'json' && environments.length > 1) {
    throw new UserError(
      `JSON drift reports one environment: add --env NAME (one of ${environments.map((e) => e?.name).join(', ')}), once per environment`,
    );
  }
  let drifted = false;
  for (const environment of environments) {
    const code = await driftOne(context, flags, environment?.name);
    drifted ||= code === ExitCode.changes;
  }
  return drifted ? ExitCode.changes : ExitCode.ok;
}

async function driftOne(
  context: CommandContext,
  flags: DriftFlags,
  environment: string | undefined,
): Promise<number> {
  const session = await open(context, [], { environment, changedSince: flags.changedSince });
  reportChanges(context, session);
  // Nothing declared and nothing pruned: nothing can drift, and nothing is read.
  const empty =
    flags.format === 'human' && session.changes === undefined ? nothingDeclared(session) : undefined;
  if (empty !== undefined) {
    await session.close();
    context.io.stdout(empty);
    return ExitCode.ok;
  }
  let drift: DriftRunResult;
  try {
    drift = await runDrift(session, readReporters(context.io, context.clock));
  } finally {
    await session.close();
  }
  // Plan data (declared and live values), never masked: see src/cli/io.ts.
  planOutput(context.io).stdout(
    flags.format === 'json'
      ? `${JSON.stringify({ drift: drift.drifted, ...(environment !== undefined && { environment }), ...drift.report }, null, 2)}\n`
      : `${environment === undefined ? '' : `Environment ${environment}:\n`}${renderDrift(drift.report)}`,
  );
  return drift.drifted ? ExitCode.changes : ExitCode.ok;
}
