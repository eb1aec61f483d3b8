// `npm run schemas:compile` (also run by `npm run build`): compiles every JSON Schema in `schemas/`
// into Ajv standalone validation code, `schemas/compiled/<name>.cjs`, so that the CLI loads a ready
// validator instead of loading Ajv and compiling the schemas at every start (issue 18: about a third
// of the time before the first request). schemas/*.json stay the one source of truth;
// test/config/compiled-schemas.test.ts fails when the compiled code is not what they compile to.
// CommonJS, so that src/config/schema-store.ts can load only the validator a command needs, on demand
// and synchronously (createRequire), from src/ (tests, tsx) and dist/ alike.

import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import formatsPlugin from 'ajv-formats';

const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
const COMPILED_DIR = fileURLToPath(new URL('../schemas/compiled/', import.meta.url));

/** The compiled file's name for a schema file's. */
export const compiledName = (schemaFile: string) => schemaFile.replace(/\.json$/, '.cjs');

function createAjv(): Ajv {
  // `verbose`: errors carry `schema` and `parentSchema`, which src/config/schema-issues.ts reads (the
  // standalone code embeds the schema for them). Schemas are strict: a typo in one fails here.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictNumbers: true,
    verbose: true,
    code: { source: true },
  });
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

/** Every schema's compiled code, by compiled file name. */
export function compileSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(SCHEMAS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    // One Ajv per schema: each compiled file stands alone, whatever the others hold.
    const ajv = createAjv();
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMAS_DIR + file, 'utf8')) as object);
    const code = standaloneCode.default(ajv, validate);
    out.set(
      compiledName(file),
      `// Generated from schemas/${file} by \`npm run schemas:compile\`; do not edit.\n${code}\n`,
    );
  }
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  rmSync(COMPILED_DIR, { recursive: true, force: true });
  mkdirSync(COMPILED_DIR, { recursive: true });
  for (const [name, code] of compileSchemas()) writeFileSync(COMPILED_DIR + name, code);
}
