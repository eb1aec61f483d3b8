// The provider registry, the provider folders, the schemas and the docs must agree: every registered
// provider has each part a provider is made of (CONTRIBUTING.md lists them), in each tree and each
// registry, and what is generated from the registry is up to date. Removing any one part of a
// registered provider fails a test here that names the provider and the part.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSchema } from '../../src/config/schema-store.js';
import { withCapabilityTable } from '../../src/docs/capability-table.js';
import { withPlanProviders, withProviderParts } from '../../src/docs/project-schema.js';
import { providers } from '../../src/providers/registry.js';
import { emulators } from '../../src/sandbox/registry.js';
import { BENCH_PROVIDERS } from '../../bench/lib/providers.js';
import { PROVIDER_TESTS } from './registry.js';

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

  it('has the project schema written from the registered providers', () => {
    const schema = readSchema('project.schema.json');

    expect(withProviderParts(schema, providers.all()), 'run `npm run docs`').toEqual(schema);
  });

  it('has the saved plan schema name every registered provider', () => {
    const schema = readSchema('plan.v1.schema.json');

    expect(withPlanProviders(schema, providers.ids()), 'run `npm run docs`').toEqual(schema);
  });
});

/**
 * Each part a provider is made of, checked for every registered provider, so a provider missing one
 * fails here by name. Parts of the module itself come first, then the files beside it.
 */
describe.each(providers.ids())('provider %s has every part', (id) => {
  const provider = providers.get(id)!;

  it('a contract for its own id, with named capabilities', () => {
    const { capabilities } = provider.contract;

    expect(provider.contract.provider).toBe(id);
    expect(['deactivate', 'delete', 'none']).toContain(capabilities.retire);
    expect(['list', 'by-id']).toContain(capabilities.reads);
  });

  it('an options parser (`noOptions` for none)', () => {
    expect(provider.options.keys).toBeTypeOf('object');
    expect(provider.options.parse).toBeTypeOf('function');
  });

  it('plans rules', () => {
    expect(provider.rules).toBeTypeOf('object');
  });

  it('an adapter factory and a way to authenticate', () => {
    expect(provider.connect).toBeTypeOf('function');
    expect(provider.authenticator).toBeTypeOf('function');
  });

  it('an importer', () => {
    expect(provider.importer?.toSpec).toBeTypeOf('function');
  });

  it('what its read style needs: ids to read one by one, and no natural key to match by', () => {
    const byId = provider.contract.capabilities.reads === 'by-id';

    // A listing provider may bound its reads; one that reads by id cannot read without its ids.
    expect(provider.readScope !== undefined || !byId).toBe(true);
    expect(provider.estimateReads !== undefined || !byId).toBe(true);
    expect(provider.contract.identity.naturalKey.length === 0 || !byId).toBe(true);
  });

  it('a pruning opt-in where pruning deletes', () => {
    const deletes = provider.contract.capabilities.retire === 'delete';

    expect(provider.pruneAllowed !== undefined).toBe(deletes);
  });

  it('a plans schema in schemas/', () => {
    expect(existsSync(new URL(`schemas/${provider.planSchema}`, root))).toBe(true);
  });

  it('a docs page, docs/providers/<id>.md', () => {
    expect(existsSync(new URL(`docs/providers/${id}.md`, root))).toBe(true);
  });

  it('an emulator in src/sandbox/<id>/, registered once, whose demo credentials fill its slots', () => {
    const registered = emulators.filter((module) => module.provider === id);
    const slots = provider.credentials.map((slot) => slot.name).sort();

    expect(registered).toHaveLength(1);
    expect(Object.keys(registered[0]!.demoCredentials).sort()).toEqual(slots);
    expect(existsSync(new URL(`src/sandbox/${id}/index.ts`, root))).toBe(true);
  });

  it('test support in test/providers/<id>/, registered once: conformance case, faults, crash scenario', () => {
    const registered = PROVIDER_TESTS.filter((kit) => kit.conformance.fixture.provider === id);

    expect(registered).toHaveLength(1);
    expect(registered[0]!.crash.provider).toBe(id);
    expect(registered[0]!.faults).toBeTypeOf('object');
    expect(existsSync(new URL(`test/providers/${id}/index.ts`, root))).toBe(true);
  });

  it('bench inputs in bench/providers/<id>.ts, registered once', () => {
    expect(BENCH_PROVIDERS.filter((bench) => bench.id === id)).toHaveLength(1);
    expect(existsSync(new URL(`bench/providers/${id}.ts`, root))).toBe(true);
  });
});

/** No tree holds a provider the registry does not know: a leftover folder is a half-removed provider. */
describe('each tree holds exactly the registered providers', () => {
  const ids = [...providers.ids()].sort();
  const folders = (dir: string) =>
    readdirSync(new URL(dir, root), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

  it('src/sandbox/ beside its kit, and the sandbox registry', () => {
    expect(folders('src/sandbox/').filter((name) => name !== 'kit')).toEqual(ids);
    expect(emulators.map((module) => module.provider).sort()).toEqual(ids);
  });

  it('test/providers/, and the test registry', () => {
    expect(folders('test/providers/')).toEqual(ids);
    expect(PROVIDER_TESTS.map((kit) => kit.conformance.fixture.provider).sort()).toEqual(ids);
  });

  it('bench/providers/, and the bench registry', () => {
    const files = readdirSync(new URL('bench/providers/', root))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.slice(0, -'.ts'.length))
      .sort();

    expect(files).toEqual(ids);
    expect(BENCH_PROVIDERS.map((bench) => bench.id).sort()).toEqual(ids);
  });
});
