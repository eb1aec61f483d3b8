// The validators of the JSON Schemas in the top-level `schemas/` directory (shipped with the package),
// loaded once per process. They are compiled ahead of time (scripts/compile-schemas.ts, run by
// `npm run build`) into Ajv standalone code in `schemas/compiled/`: loading Ajv and compiling the
// schemas at every start cost about a third of the time before the first request (issue 18).
// test/config/compiled-schemas.test.ts keeps the compiled code current with schemas/*.json.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

/** `schemas/` from `src/config/` (tests, tsx) and from `dist/config/` (the built CLI) alike. */
const SCHEMAS_URL = new URL('../../schemas/', import.meta.url);
// CommonJS, so each command loads only the validators it uses, when it first uses them, synchronously.
const requireCompiled = createRequire(new URL('compiled/', SCHEMAS_URL));

const compiled = new Map<string, ValidateFunction>();

/** Validator for `schemas/<fileName>`. Throws (a bug, not bad input) if it is missing. */
export function schemaValidator(fileName: string): ValidateFunction {
  const cached = compiled.get(fileName);
  if (cached) return cached;
  if (!/^[\w.-]+\.json$/.test(fileName)) throw new Error(`not a schema file name: ${fileName}`);
  const validate = requireCompiled(`./${fileName.replace(/\.json$/, '.cjs')}`) as ValidateFunction;
  compiled.set(fileName, validate);
  return validate;
}

/** The raw schema, for tests and docs. */
export function readSchema(fileName: string): Record<string, unknown> {
  const text = readFileSync(new URL(fileName, SCHEMAS_URL), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}
