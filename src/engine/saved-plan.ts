// A saved plan on disk: written whole by `plan --out`, read back (checksum and schema checked) by
// `apply FILE` and `show FILE`. Problems with the file are the user's to fix, never a crash.

import { dirname } from 'node:path';
import { PLAN_SCHEMA, planSchemaProblems } from '../config/plan-schema.js';
import { FileRefused, projectJail, readFileSafely, writeFileSafely } from '../config/safe-file.js';
import {
  MIN_PLAN_KEY_LENGTH,
  parsePlanDocument,
  serialisePlan,
  signPlanDocument,
  verifyPlanSignature,
  type PlanDocument,
} from '../core/plan-file.js';
import { describePercent, recomputeFigures } from '../core/plan-figures.js';
import { UserError } from '../errors.js';
import { providers } from '../providers/registry.js';

/** Far above any real plan (10,000 plans make a few MiB); a bigger file is refused unread. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * Reads the plan at `path`; `name` is how messages call the file (as the user gave it). The path is
 * named on the command line: anywhere outside the project `root` it is the user's choice, inside it
 * it must be a regular file whose real path stays inside (safe-file.ts). Default root: its directory.
 */
export async function readSavedPlan(path: string, name: string, root = dirname(path)): Promise<PlanDocument> {
  const read = await readFileSafely(await projectJail(root), path, MAX_PLAN_BYTES, { explicit: true });
  if (read.kind === 'missing') throw new UserError(`cannot read plan file ${name}: ENOENT`);
  if (read.kind === 'refused') throw new FileRefused(name, read.reason, 'plansync did not read it');
  if (read.kind === 'too-large') {
    throw new UserError(
      `plan file ${name} is larger than ${MAX_PLAN_BYTES / (1024 * 1024)} MiB; it was not read`,
    );
  }
  const text = read.bytes.toString('utf8');
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

/** The environment variable holding the key that signs saved plans and verifies them. */
export const PLAN_KEY_ENV = 'PLANSYNC_PLAN_KEY';

/** The plan-signing key from the environment; undefined when unset or empty (as CI writes unset). */
export function planKeyFrom(env: NodeJS.ProcessEnv): string | undefined {
  const key = env[PLAN_KEY_ENV];
  if (key === undefined || key === '') return undefined;
  if (key.length < MIN_PLAN_KEY_LENGTH) {
    throw new UserError(
      `${PLAN_KEY_ENV} is shorter than ${MIN_PLAN_KEY_LENGTH} characters: use a long random key (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  return key;
}

/**
 * What the signature of a saved plan proves, given the key (or none) in the environment. With a key,
 * only a plan signed with it passes (UntrustedPlanError otherwise). Without one, nothing can be
 * checked: a signed plan gives a warning to show, and the plan is still made again and compared.
 */
export function checkSignature(
  document: PlanDocument,
  name: string,
  key: string | undefined,
): string | undefined {
  if (key !== undefined) {
    verifyPlanSignature(document, key, name, PLAN_KEY_ENV);
    return undefined;
  }
  if (document.signature === undefined) return undefined;
  return `${name} is signed, but ${PLAN_KEY_ENV} is not set here: its signature was not checked.`;
}

/**
 * Writes the plan to `path` whole or not at all; `name` is how messages call the file. Inside the
 * project `root`, a target that is a link (in or out), a FIFO or a device is refused before writing.
 * With `key`, the file is signed with it (see checkSignature).
 */
export async function savePlan(
  path: string,
  name: string,
  document: PlanDocument,
  root = dirname(path),
  key?: string,
): Promise<void> {
  try {
    await writeFileSafely(
      await projectJail(root),
      path,
      name,
      serialisePlan(key === undefined ? document : signPlanDocument(document, key)),
      { explicit: true },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only a file-system refusal (no such directory, no permission) is the user's to fix.
    if (code === undefined) throw error;
    throw new UserError(`cannot write the plan to ${name}: ${code}`);
  }
}

/**
 * The document with every figure it states worked out again from its own amounts (see
 * core/plan-figures.ts), and a warning for each stated figure that was not what they give.
 */
export function withRecomputedFigures(
  document: PlanDocument,
  name: string,
): { document: PlanDocument; warnings: string[] } {
  const { plan, mismatches } = recomputeFigures(document.plan, (id) => providers.get(id)?.contract);
  const warnings = mismatches.map(
    (m) =>
      `${name} states a price move of ${describePercent(m.stored)} for ${m.connection}/${m.key}.${m.path}; its amounts give ${describePercent(m.recomputed)} (shown)`,
  );
  return { document: { ...document, plan }, warnings };
}
