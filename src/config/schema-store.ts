// Loads and compiles the JSON Schemas in the top-level `schemas/` directory (shipped with the
// package), once per process. Schemas are strict: a typo in a schema is a bug that fails loudly here.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

/** `schemas/` from `src/config/` (tests, tsx) and from `dist/config/` (the built CLI) alike. */
const SCHEMAS_URL = new URL('../../schemas/', import.meta.url);

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictNumbers: true, verbose: true });
  // ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `default`
  // property is the plugin itself.
  formatsPlugin.default(ajv, ['uri']);
  // Annotations plansync adds to its schemas; editors ignore them, the error formatter reads them.
  // `x-expected`: what a valid value looks like, in words ("a decimal string like \"29.99\"").
  // `x-redact`: never echo the value (credentials, where a pasted secret would otherwise leak).
  // `x-aliases`: for an enum, words people write for a value ({"Active": "Open"}), for "did you mean".
  // `x-unsupported`: for an enum, words for values the provider lacks, with what to write instead
  // ({"week": "week is not supported: use `day` × 7"}); a value starting with the word (any case) matches.
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-redact', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'x-aliases', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-unsupported', schemaType: 'object' });
  return ajv;
}

let shared: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Compiled validator for `schemas/<fileName>`. Throws (a bug, not bad input) if it is missing or invalid. */
export function schemaValidator(fileName: string): ValidateFunction {
  const cached = compiled.get(fileName);
  if (cached) return cached;
  if (!/^[\w.-]+\.json$/.test(fileName)) throw new Error(`not a schema file name: ${fileName}`);
  shared ??= createAjv();
  const validate = shared.compile(readSchema(fileName));
  compiled.set(fileName, validate);
  return validate;
}

/** The raw schema, for tests and docs. */
export function readSchema(fileName: string): Record<string, unknown> {
  const text = readFileSync(new URL(fileName, SCHEMAS_URL), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}
