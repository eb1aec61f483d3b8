// `plansync validate`: check the project file and every plans file, without any request.

import { ConfigError, ExitCode } from '../../errors.js';
import { open, type CommandContext } from '../context.js';

export async function validateCommand(
  context: CommandContext,
  flags: { json?: boolean } = {},
): Promise<number> {
  let session;
  try {
    session = await open(context, [], { credentials: false });
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
    context.io.stdout(`${JSON.stringify({ valid: false, issues }, null, 2)}\n`);
    return ExitCode.error;
  }
  try {
    const plans = session.connections.reduce((n, c) => n + c.desired.length, 0);
    const files = session.project.plansFiles.length;
    if (flags.json) {
      const result = {
        valid: true,
        connections: session.project.connections.length,
        plansFiles: files,
        plans,
        skipped: session.skipped,
      };
      context.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return ExitCode.ok;
    }
    context.io.stdout(
      `Valid: ${session.project.connections.length} connection(s), ${files} plans file(s), ${plans} plan(s).\n`,
    );
    for (const name of session.skipped)
      context.io.stdout(`Note: connection ${name} has no plans file; it is skipped.\n`);
    return ExitCode.ok;
  } finally {
    await session.close();
  }
}
