import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchemas } from '../../scripts/compile-schemas.js';
import { schemaValidator } from '../../src/config/schema-store.js';

const COMPILED = new URL('../../schemas/compiled/', import.meta.url);

describe('compiled schemas (schemas/compiled/, from scripts/compile-schemas.ts)', () => {
  it('are what schemas/*.json compile to today (run `npm run schemas:compile` after editing a schema)', () => {
    const expected = compileSchemas();
    const actual = new Map(
      readdirSync(COMPILED).map((name) => [name, readFileSync(new URL(name, COMPILED), 'utf8')] as const),
    );

    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, code] of expected) expect(actual.get(name), name).toBe(code);
  });

  it('report errors with the schema and parent schema the error formatter reads (verbose)', () => {
    const validate = schemaValidator('project.schema.json');

    expect(validate({ version: 'one' })).toBe(false);
    const error = validate.errors?.find((e) => e.instancePath === '/version');
    expect(error?.parentSchema).toBeTypeOf('object');
    expect(error).toHaveProperty('schema');
  });
});
