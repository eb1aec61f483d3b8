import { describe, expect, it } from 'vitest';
import { CONNECTION_DEFAULTS } from '../../src/config/project-file.js';
import { readSchema, schemaValidator } from '../../src/config/schema-store.js';

type Schema = Record<string, unknown>;

/** Every property schema, with a dotted name, in a schema and its definitions. */
function properties(schema: Schema, prefix = ''): Array<[string, Schema]> {
  const out: Array<[string, Schema]> = [];
  const own = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, child] of Object.entries(own)) {
    out.push([`${prefix}${name}`, child], ...properties(child, `${prefix}${name}.`));
  }
  const definitions = (schema.definitions ?? {}) as Record<string, Schema>;
  for (const [name, child] of Object.entries(definitions)) {
    out.push(...properties(child, `#${name}.`));
  }
  return out;
}

const SCHEMAS = [
  'project.schema.json',
  'bluesnap.plans.schema.json',
  'paypal.plans.schema.json',
  'constantcontact.plans.schema.json',
  'jpmmps.plans.schema.json',
];

describe.each(SCHEMAS)('%s', (file) => {
  it('compiles in strict mode', () => {
    const compile = () => schemaValidator(file);

    expect(compile).not.toThrow();
  });

  it('describes every property (the docs reuse the descriptions)', () => {
    const schema = readSchema(file);

    const undocumented = properties(schema).filter(([, child]) => typeof child.description !== 'string');

    expect(undocumented.map(([name]) => name)).toEqual([]);
  });
});

describe('project schema defaults', () => {
  it('match the defaults the loader applies', () => {
    const connection = ((readSchema('project.schema.json').definitions as Schema).connection as Schema)
      .properties as Record<string, Schema>;
    const limits = connection.limits?.properties as Record<string, Schema>;
    const safety = connection.safety?.properties as Record<string, Schema>;

    const documented = {
      environment: connection.environment?.default,
      prune: connection.prune?.default,
      limits: {
        concurrency: limits.concurrency?.default,
        requestsPerSecond: limits.requests_per_second?.default,
        timeoutMs: limits.timeout_ms?.default,
        maxRetryWaitMs: limits.max_retry_wait_ms?.default,
        maxResponseBytes: limits.max_response_bytes?.default,
        retries: limits.retries?.default,
      },
      safety: {
        maxChangeShare: safety.max_change_share?.default,
        maxRetireShare: safety.max_retire_share?.default,
        maxPriceChangePercent: safety.max_price_change_percent?.default,
        minExisting: safety.min_existing?.default,
      },
    };

    expect(documented).toEqual(CONNECTION_DEFAULTS);
  });
});
