// `npm run docs`: regenerate the capability tables in docs/providers/<id>.md from the contracts.

import { readFile, writeFile } from 'node:fs/promises';
import { providers } from '../providers/registry.js';
import { withCapabilityTable } from './capability-table.js';

for (const provider of providers.all()) {
  const file = new URL(`../../docs/providers/${provider.id}.md`, import.meta.url);
  const before = await readFile(file, 'utf8');
  const after = withCapabilityTable(before, provider.contract);
  if (after !== before) {
    await writeFile(file, after);
    process.stdout.write(`updated docs/providers/${provider.id}.md\n`);
  }
}
