// A saved plan on disk: written whole by `plan --out`, read back (checksum and schema checked) by
// `apply FILE` and `show FILE`. Problems with the file are the user's to fix, never a crash.

import { readFile } from 'node:fs/promises';
import { PLAN_SCHEMA, planSchemaProblems } from '../config/plan-schema.js';
import { parsePlanDocument, serialisePlan, type PlanDocument } from '../core/plan-file.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../write-file-atomic.js';

/** Reads the plan at `path`; `name` is how messages call the file (as the user gave it). */
export async function readSavedPlan(path: string, name: string): Promise<PlanDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read plan file ${name}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const document = parsePlanDocument(text, name);
  // The checksum proves the file is as written; the schema, that it was written in a shape this
  // plansync reads (not, say, by a tool that only copied the checksum).
  const problems = planSchemaProblems(document);
  if (problems.length > 0) {
    throw new UserError(
      `${name}: not a valid plan (schemas/${PLAN_SCHEMA}):\n${problems
        .slice(0, 5)
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
  }
  return document;
}

/** Writes the plan to `path` whole or not at all; `name` is how messages call the file. */
export async function savePlan(path: string, name: string, document: PlanDocument): Promise<void> {
  try {
    await writeFileAtomic(path, serialisePlan(document));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only a file-system refusal (no such directory, no permission) is the user's to fix.
    if (code === undefined) throw error;
    throw new UserError(`cannot write the plan to ${name}: ${code}`);
  }
}
