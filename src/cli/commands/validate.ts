// `plansync validate`: check the project file and every plans file, without any request.

import { ExitCode } from '../../errors.js';
import { open, type CommandContext } from '../context.js';

export async function validateCommand(context: CommandContext): Promise<number> {
  const session = await open(context);
  try {
    const plans = session.connections.reduce((n, c) => n + c.desired.length, 0);
    const files = session.project.plansFiles.length;
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
