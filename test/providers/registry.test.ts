// The provider registry, the provider folders, the schemas and the docs must agree.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCapabilityTable } from '../../src/docs/capability-table.js';
import { providers } from '../../src/providers/registry.js';

const root = new URL('../../', import.meta.url);

describe('provider registry', () => {
  it('registers exactly the provider folders', () => {
    const folders = readdirSync(new URL('src/providers/', root), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

    expect(providers.ids().sort()).toEqual(folders);
  });

  it.each(providers.ids())('%s has its plans schema', (id) => {
    const provider = providers.get(id);

    expect(existsSync(new URL(`schemas/${provider?.planSchema}`, root))).toBe(true);
  });

  it.each(providers.ids())('%s has a docs page whose capability table matches its contract', (id) => {
    const page = readFileSync(new URL(`docs/providers/${id}.md`, root), 'utf8');
    const provider = providers.get(id);

    expect(page).toContain('capability-table:start');
    expect(withCapabilityTable(page, provider!.contract), 'run `npm run docs`').toBe(page);
  });

  it.each(providers.ids())('%s declares a rule for every field its contract names only once', (id) => {
    const paths = providers.get(id)!.contract.fields.map((field) => field.path);

    expect(new Set(paths).size).toBe(paths.length);
  });
});
