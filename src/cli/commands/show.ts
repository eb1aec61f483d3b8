// `plansync show FILE`: render a saved plan, stale or not, without contacting any provider.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parsePlanDocument } from '../../core/plan-file.js';
import { PLAN_SCHEMA, planSchemaProblems } from '../../config/plan-schema.js';
import { ExitCode, UserError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { useColor } from '../io.js';
import { renderPlan, type Format } from '../render-plan.js';

export async function readPlanFile(context: CommandContext, file: string) {
  let text: string;
  try {
    text = await readFile(resolve(context.io.cwd, file), 'utf8');
  } catch (error) {
    throw new UserError(`cannot read plan file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const document = parsePlanDocument(text, file);
  // The checksum proves the file is as written; the schema, that it was written in a shape this
  // plansync reads (not, say, by a tool that only copied the checksum).
  const problems = planSchemaProblems(document);
  if (problems.length > 0) {
    throw new UserError(
      `${file}: not a valid plan (schemas/${PLAN_SCHEMA}):\n${problems
        .slice(0, 5)
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
  }
  return document;
}

export async function showCommand(
  context: CommandContext,
  file: string,
  flags: { format: Format },
): Promise<number> {
  const document = await readPlanFile(context, file);
  // JSON carries the same facts itself, and must stay parseable.
  if (flags.format !== 'json') {
    context.io.stdout(
      `Plan made ${document.createdAt} by ${document.generator} (${document.checksum.slice(0, 19)}…)\n\n`,
    );
  }
  context.io.stdout(renderPlan(document, flags.format, useColor(context.io), file));
  return ExitCode.ok;
}
