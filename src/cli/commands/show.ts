// `plansync show FILE`: render a saved plan, stale or not, without contacting any provider.

import { resolve } from 'node:path';
import type { PlanDocument } from '../../core/plan-file.js';
import { readSavedPlan, withRecomputedFigures } from '../../engine/saved-plan.js';
import { ExitCode, UserError } from '../../errors.js';
import { sessionOptions, type CommandContext } from '../context.js';
import { planOutput, useColor } from '../io.js';
import { renderPlan, type Format } from '../render-plan.js';

export async function showCommand(
  context: CommandContext,
  file: string,
  flags: { format: Format },
): Promise<number> {
  const saved = await readSavedPlan(resolve(context.io.cwd, file), file, sessionOptions(context).root);
  const recorded = saved.plan.environment;
  const asked = context.globals.env ?? [];
  if (asked.length > 0 && !asked.includes('all') && (recorded === undefined || !asked.includes(recorded))) {
    throw new UserError(
      `${file} was planned ${recorded === undefined ? 'without an environment' : `for environment ${recorded}`}, not ${asked.join(', ')}`,
    );
  }
  // Every figure shown is worked out from the saved amounts: a stored one is only a claim.
  const { document, warnings } = withRecomputedFigures(saved, file);
  for (const warning of warnings) context.io.stderr(`Warning: ${warning}\n`);
  // JSON carries the same facts itself, and must stay parseable.
  // Plan data, never masked: see src/cli/io.ts.
  const out = planOutput(context.io);
  if (flags.format !== 'json') {
    out.stdout(
      `Plan made ${document.createdAt} by ${document.generator} (${document.checksum.slice(0, 19)}…${signedNote(document)})\n\n`,
    );
  }
  out.stdout(renderPlan(document, flags.format, useColor(context.io), file));
  return ExitCode.ok;
}

/** Whether the file is signed; `show` does not check the signature (`apply` does, with the key). */
function signedNote(document: PlanDocument): string {
  return document.signature === undefined ? ', unsigned' : ', signed (checked by apply)';
}
