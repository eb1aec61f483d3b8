// Every provider in plansync's registry has one emulator, one entry of test support and one bench
// entry, each listed once in its own registry; the folders agree with the registries; and each
// emulator's demo credentials fill exactly the provider's credential slots.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_PROVIDERS } from '../../bench/lib/providers.js';
import { providers } from '../../src/providers/registry.js';
import { emulators } from '../../src/sandbox/registry.js';
import { PROVIDER_TESTS } from '../providers/registry.js';

const root = new URL('../../', import.meta.url);
const sorted = (ids: readonly string[]) => [...ids].sort();
const folders = (dir: string) =>
  readdirSync(new URL(dir, root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const files = (dir: string) =>
  readdirSync(new URL(dir, root))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -'.ts'.length));

describe('emulator, test and bench registries', () => {
  const ids = sorted(providers.ids());

  it('the sandbox registers one emulator per provider, and one folder each beside the kit', () => {
    const registered = emulators.map((module) => module.provider);

    expect(sorted(registered)).toEqual(ids);
    expect(sorted(folders('src/sandbox/').filter((name) => name !== 'kit'))).toEqual(ids);
  });

  it('the tests register one provider support per provider, one folder each', () => {
    const registered = PROVIDER_TESTS.map((support) => support.conformance.fixture.provider);

    expect(sorted(registered)).toEqual(ids);
    expect(sorted(folders('test/providers/'))).toEqual(ids);
    for (const support of PROVIDER_TESTS)
      expect(support.crash.provider).toBe(support.conformance.fixture.provider);
  });

  it('the bench registers one provider per provider, one file each', () => {
    const registered = BENCH_PROVIDERS.map((provider) => provider.id);

    expect(sorted(registered)).toEqual(ids);
    expect(sorted(files('bench/providers/'))).toEqual(ids);
  });

  it.each(emulators.map((module) => [module.provider, module] as const))(
    '%s demo credentials fill exactly the provider credential slots',
    (id, module) => {
      const slots = providers.get(id)?.credentials.map((slot) => slot.name);

      expect(sorted(Object.keys(module.demoCredentials))).toEqual(sorted(slots ?? []));
    },
  );
});
