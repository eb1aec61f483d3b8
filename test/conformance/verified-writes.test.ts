// Verified writes, for every provider: a provider that ignores a field of an update, stores another
// value than a create asked for, or answers a create with a plan that already existed, makes that
// operation fail with the field named (exit 1). Nothing is retried, nothing depending on it runs,
// and the next plan still shows the change.

import { afterEach, describe, expect, it } from 'vitest';
import {
  plansFileYaml,
  startProviderHarness,
  type FixtureEmulator,
  fixtureProjectYaml,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { PROVIDER_TESTS } from '../providers/registry.js';
import type { ProviderTests } from '../providers/provider-tests.js';
import { BULK_SAFETY } from '../reliability/crash-scenarios.js';
import type { Spec } from './case.js';

const CASES = PROVIDER_TESTS.map((p) => [p.conformance.fixture.provider, p] as const);

describe.each(CASES)('%s verified writes', (_provider, { conformance: c, faults }: ProviderTests) => {
  let h: ProviderHarness<FixtureEmulator>;
  afterEach(async () => h?.close());

  const start = async (seed: unknown[], plans: Record<string, Spec>) => {
    h = await startProviderHarness(c.fixture, { seed, plans: plansFileYaml(c.fixture.connection, plans) });
    return h;
  };
  const output = (run: { stdout: string; stderr: string }) => run.stdout + run.stderr;

  it('fails an update the provider ignores, naming the field; the next plan shows it again', async () => {
    const one = c.existing(1);
    const changed = c.inPlace(one.spec);
    const { update } = c.unmet;
    await start([one.seed], { one: changed.spec });
    h.emulator.faults.inject({
      method: update.method,
      path: update.path,
      fault: { kind: 'rewrite-request', rewrite: (body) => update.ignore(body, one.spec) },
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const writes = h.writes().filter((w) => changed.request.test(w));
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, output(apply)).toBe(1);
    expect(output(apply)).toMatch(new RegExp(`kept \`${update.field}\` at .* \\(asked `));
    expect(output(apply)).toContain('did not retry');
    expect(writes).toHaveLength(1);
    expect(again.code, again.stdout).toBe(2);
    expect(again.stdout).toContain(update.field);
  });

  it.skipIf(!c.unmet.create)(
    'fails a create stored with another value, naming the field; nothing retried, the next plan shows it',
    async () => {
      const fresh = c.fresh!(2);
      const { create } = c.unmet;
      await start([], { two: fresh });
      h.emulator.faults.inject({
        method: c.create.method,
        path: c.create.path,
        fault: { kind: 'rewrite-request', rewrite: (body) => create!.alter(body) },
      });

      const apply = await h.cli(['apply', '--auto-approve']);
      const creates = h.writes().filter((w) => w.startsWith(`${c.create.method} `));
      const again = await h.cli(['plan', '--detailed-exitcode']);

      expect(apply.code, output(apply)).toBe(1);
      expect(output(apply)).toMatch(new RegExp(`created \\S+ with \`${create!.field}\` .* \\(asked `));
      expect(creates.filter((w) => c.create.path.test(w.split(' ')[1] ?? ''))).toHaveLength(1);
      expect(c.count(h.emulator, String(fresh.name))).toBe(1);
      // Still there: as a change (2), or blocked where the field is fixed at creation (3).
      expect([2, 3], again.stdout).toContain(again.code);
      expect(again.stdout).toContain(create!.field);
    },
  );

  it.skipIf(!c.unmet.answerAs)(
    'fails a create answered with a plan that existed before, and retires nothing for it',
    async () => {
      const one = c.existing(1);
      const changed = c.createOnly(one.spec);
      await start([one.seed], { one: c.replaceable!(changed.spec) });
      h.emulator.faults.inject({
        method: c.create.method,
        path: c.create.path,
        fault: { kind: 'rewrite-response', rewrite: (body) => c.unmet.answerAs!(body, one.id) },
      });

      const apply = await h.cli(['apply', '--auto-approve']);

      expect(apply.code, output(apply)).toBe(1);
      expect(output(apply)).toContain(`answered the create with ${one.id}, which existed before this apply`);
      expect(h.writes().filter((w) => c.retire.test(w))).toEqual([]);
    },
  );

  it.skipIf(!c.unmet.retire)('fails a retirement the provider answers as done without doing it', async () => {
    const [one, two] = [c.existing(1), c.existing(2)];
    const retire = c.unmet.retire!;
    h = await startProviderHarness(c.fixture, {
      seed: [one.seed, two.seed],
      plans: plansFileYaml(c.fixture.connection, { two: two.spec }),
      // Pruning on (the fault matrix's settings), its share gate opened: plan one goes.
      project: fixtureProjectYaml(c.fixture, [...faults.connectionYaml, ...BULK_SAFETY].join('\n')),
    });
    h.emulator.faults.inject({ method: retire.method, path: retire.path, fault: retire.fault });

    const apply = await h.cli(['apply', '--auto-approve']);
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, output(apply)).toBe(1);
    expect(output(apply)).toContain(`accepted the retirement of ${one.id} but shows it still`);
    expect(again.code, again.stdout).toBe(2);
    expect(again.stdout).toContain(one.id);
  });
});
