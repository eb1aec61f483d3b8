// `plansync compare A B`: read the declared plans' live objects in two environments of the project
// and report what they differ in, beyond ids and environment-bound values. Read-only. Exit 0 when
// the environments hold the same plans, 2 when they differ, 1 on errors. The sequence is the
// engine's (compareEnvironments); this file checks the names, renders and chooses the exit code.

import { didYouMean } from '../../config/did-you-mean.js';
import { quote } from '../../config/describe-value.js';
import type { EnvironmentComparison } from '../../core/environment-diff.js';
import { compareEnvironments } from '../../engine/compare-environments.js';
import type { Session } from '../../engine/session.js';
import { ExitCode, UserError } from '../../errors.js';
import { compareDocument, renderCompare } from '../../render/compare.js';
import { environmentsFor, open, sessionOptions, type CommandContext } from '../context.js';
import { planOutput } from '../io.js';
import { readReporters } from '../read-progress.js';

export async function compareCommand(
  context: CommandContext,
  names: { a: string; b: string },
  flags: { format: 'human' | 'json' },
): Promise<number> {
  if ((context.globals.env ?? []).length > 0) {
    throw new UserError(
      `compare takes its two environments as arguments (plansync compare ${names.a} ${names.b}); leave out --env`,
    );
  }
  if (names.a === names.b) {
    throw new UserError(
      `compare needs two different environments; both are ${quote(names.a)}. For one environment against its YAML, run plansync drift --env ${names.a}`,
    );
  }
  await checkDeclared(context, [names.a, names.b]);

  const sessions: Session[] = [];
  let comparison: EnvironmentComparison;
  try {
    const a = await open(context, [], { environment: names.a });
    sessions.push(a);
    const b = await open(context, [], { environment: names.b });
    sessions.push(b);
    comparison = await compareEnvironments(a, b, readReporters(context.io, context.clock));
  } finally {
    await Promise.all(sessions.map((session) => session.close()));
  }
  // Plan data (live values), never masked: see src/cli/io.ts.
  planOutput(context.io).stdout(
    flags.format === 'json'
      ? `${JSON.stringify(compareDocument(comparison), null, 2)}\n`
      : renderCompare(comparison),
  );
  return comparison.differences ? ExitCode.changes : ExitCode.ok;
}

/** Both names are environments the project declares; a project without environments is refused. */
async function checkDeclared(context: CommandContext, names: string[]): Promise<void> {
  const declared = (await environmentsFor(context)).flatMap((environment) =>
    environment === undefined ? [] : [environment.name],
  );
  const projectFile = sessionOptions(context).projectFile ?? 'plansync.yaml';
  if (declared.length === 0) {
    // A missing or broken project file says so first, located, as every command does.
    const session = await open(context, [], { credentials: false });
    await session.close();
    throw new UserError(
      `compare needs environments: ${projectFile} declares none. Declare them under \`environments:\` (see docs/environments.md)`,
    );
  }
  for (const name of names) {
    if (declared.includes(name)) continue;
    const hint = didYouMean(name, declared);
    throw new UserError(
      `unknown environment ${quote(name)}: ${projectFile} declares ${declared.join(', ')}${hint ? ` (${hint})` : ''}`,
    );
  }
}
