// `npm run docs`: regenerate what is written from the provider registry: the capability tables in
// docs/providers/<id>.md (from the contracts) and the provider-dependent parts of
// schemas/project.schema.json (from the provider modules), and the provider ids a saved plan
// (schemas/plan.v1.schema.json) may name.

import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { providers } from '../providers/registry.js';
import { withCapabilityTable } from './capability-table.js';
import {
  withEnvironmentParts,
  withPlanEnvironments,
  withPlanProviders,
  withProviderParts,
} from './project-schema.js';

for (const provider of providers.all()) {
  const file = new URL(`../../docs/providers/${provider.id}.md`, import.meta.url);
  const before = await readFile(file, 'utf8');
  const after = withCapabilityTable(before, provider.contract);
  if (after !== before) {
    await writeFile(file, after);
    process.stdout.write(`updated docs/providers/${provider.id}.md\n`);
  }
}

type Schema = Record<string, unknown>;

/** Rewrites `schemas/<name>` with `derive`, formatted as the formatter would write it. */
async function regenerate(name: string, derive: (schema: Schema) => Schema): Promise<void> {
  const schemaFile = new URL(`../../schemas/${name}`, import.meta.url);
  const schemaBefore = await readFile(schemaFile, 'utf8');
  const schema = derive(JSON.parse(schemaBefore) as Schema);
  // Written as the formatter would write it, so `npm run format:check` stays clean. Prettier is a
  // development dependency: this script runs from a checkout only.
  const prettier = await import('prettier');
  const path = fileURLToPath(schemaFile);
  const schemaAfter = await prettier.format(JSON.stringify(schema, null, 2), {
    ...(await prettier.resolveConfig(path)),
    filepath: path,
  });
  if (schemaAfter !== schemaBefore) {
    await writeFile(schemaFile, schemaAfter);
    process.stdout.write(`updated schemas/${name}\n`);
  }
}

await regenerate('project.schema.json', (schema) =>
  withEnvironmentParts(withProviderParts(schema, providers.all())),
);
for (const provider of providers.all()) await regenerate(provider.planSchema, withPlanEnvironments);
await regenerate('plan.v1.schema.json', (schema) => withPlanProviders(schema, providers.ids()));
