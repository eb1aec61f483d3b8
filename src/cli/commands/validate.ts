// `plansync validate`: check the project file and every plans file, without any request.

import { ConfigError, ExitCode } from '../../errors.js';
import { environmentsFor, open, type CommandContext } from '../context.js';

export async function validateCommand(
  context: CommandContext,
  flags: { json?: boolean } = {},
): Promise<number> {
  const environments = await environmentsFor(context);
  const results: Record<string, unknown>[] = [];
  for (const environment of environments) {
    const result = await validateOne(context, flags, environment?.name);
    if (result === undefined) return ExitCode.error;
    results.push(result);
  }
  if (flags.json) {
    const [only] = results;
    const document =
      environments.length === 1 && environments[0] === undefined
        ? only
        : { valid: true, environments: results };
    context.io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  }
  return ExitCode.ok;
}

/** One environment's check (or the project's, without environments); undefined once problems are printed. */
async function validateOne(
  context: CommandContext,
  flags: { json?: boolean },
  environment: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  let session;
  try {
    session = await open(context, [], { credentials: false, environment });
  } catch (error) {
    if (!flags.json || !(error instanceof ConfigError)) throw error;
    // Every problem, located, for tools that annotate a pull request.
    const issues = error.issues.map((issue) => ({
      file: issue.location.file,
      ...(issue.location.line === undefined ? {} : { line: issue.location.line }),
      ...(issue.location.column === undefined ? {} : { column: issue.location.column }),
      ...(issue.path ? { path: issue.path } : {}),
      message: issue.message,
      ...(issue.hint ? { hint: issue.hint } : {}),
    }));
    const where = environment === undefined ? {} : { environment };
    context.io.stdout(`${JSON.stringify({ valid: false, ...where, issues }, null, 2)}\n`);
    return undefined;
  }
  try {
    const plans = session.connections.reduce((n, c) => n + c.desired.length, 0);
    const files = session.project.plansFiles.length;
    const result = {
      valid: true,
      ...(environment !== undefined && { environment }),
      connections: session.project.connections.length,
      plansFiles: files,
      plans,
      skipped: session.skipped,
    };
    if (flags.json) return result;
    const where = environment === undefined ? '' : ` (environment ${environment})`;
    context.io.stdout(
      `Valid${where}: ${session.project.connections.length} connection(s), ${files} plans file(s), ${plans} plan(s).\n`,
    );
    for (const name of session.skipped)
      context.io.stdout(`Note: connection ${name} has no plans file; it is skipped.\n`);
    return result;
  } finally {
    await session.close();
  }
}
