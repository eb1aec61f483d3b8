// The shared conformance suite: every provider, the same promises. Apply converges (a second plan is
// empty and only reads), a no-op writes nothing, a create-only change is blocked or replaced in the
// safe order, and a lost or killed create never leaves two plans.

import { execFile, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  plansFileYaml,
  startProviderHarness,
  type FixtureEmulator,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { PROVIDER_TESTS } from '../providers/registry.js';
import type { Spec } from './case.js';
import { cliCommand } from '../support/cli-command.js';

/** Each provider once with its emulator's defaults, then once per documented variant. */
const RUNS = PROVIDER_TESTS.flatMap(({ conformance: c }) => [
  [c.fixture.provider, c, {}] as const,
  ...Object.entries(c.variants ?? {}).map(
    ([name, settings]) => [`${c.fixture.provider} (${name})`, c, settings] as const,
  ),
]);

// The killed apply runs in a process of its own: the compiled CLI when dist/ is fresh, else tsx.
const cli = cliCommand();

describe.each(RUNS)('%s conformance', (_provider, c, emulator) => {
  let h: ProviderHarness<FixtureEmulator>;
  afterEach(async () => h?.close());

  const yaml = (plans: Record<string, Spec>) => plansFileYaml(c.fixture.connection, plans);
  const start = async (seed: unknown[], plans: Record<string, Spec>) => {
    h = await startProviderHarness(c.fixture, { seed, plans: yaml(plans), emulator });
    return h;
  };

  it('applies an in-place update (and a create where supported), then a second plan is empty and only reads', async () => {
    const one = c.existing(1);
    const changed = c.inPlace(one.spec);
    await start([one.seed], { one: changed.spec, ...(c.fresh ? { two: c.fresh(2) } : {}) });

    const apply = await h.cli(['apply', '--auto-approve']);
    const writes = h.writes();
    h.emulator.clearLog();
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(writes.filter((w) => changed.request.test(w))).toHaveLength(1);
    expect(again.code, again.stdout).toBe(0);
    expect(h.writes()).toEqual([]);
  });

  it('sends no write for a no-op', async () => {
    const one = c.existing(1);
    await start([one.seed], { one: one.spec });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Nothing to apply');
    expect(h.writes()).toEqual([]);
  });

  it('blocks a create-only change with its exit code and the field, writing nothing', async () => {
    const one = c.existing(1);
    const changed = c.createOnly(one.spec);
    await start([one.seed], { one: changed.spec });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(changed.field);
    expect(apply.code).toBe(3);
    expect(h.writes()).toEqual([]);
  });

  it.skipIf(!c.replaceable)(
    'replaces an opted-in plan: creates the new one before retiring the old, then converges',
    async () => {
      const one = c.existing(1);
      const changed = c.createOnly(one.spec);
      await start([one.seed], { one: c.replaceable!(changed.spec) });

      const apply = await h.cli(['apply', '--auto-approve']);
      const writes = h.writes();
      h.emulator.clearLog();
      const again = await h.cli(['plan', '--detailed-exitcode']);

      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      const created = writes.findIndex(
        (w) => w.startsWith(`${c.create.method} `) && c.create.path.test(w.split(' ')[1] ?? ''),
      );
      const retired = writes.findIndex((w) => c.retire.test(w) && w.includes(one.id));
      expect(created).toBeGreaterThanOrEqual(0);
      expect(retired).toBeGreaterThan(created);
      expect(again.code, again.stdout).toBe(0);
    },
  );

  it.skipIf(!c.fresh)(
    'leaves exactly one plan when a create response is lost after the provider stored it',
    async () => {
      const fresh = c.fresh!(3);
      await start([], { three: fresh });
      h.emulator.faults.inject({
        method: c.create.method,
        path: c.create.path,
        fault: { kind: 'reset-after' },
      });

      const apply = await h.cli(['apply', '--auto-approve']);
      const again = await h.cli(['plan', '--detailed-exitcode']);

      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      expect(c.count(h.emulator, String(fresh.name))).toBe(1);
      expect(again.code).toBe(0);
    },
  );

  it.skipIf(!c.fresh)(
    'leaves exactly one plan when the process is killed after a create was sent',
    async () => {
      const fresh = c.fresh!(4);
      await start([], { four: fresh });
      // The provider stores the plan, then holds the answer: the process dies waiting for it.
      h.emulator.faults.inject({
        method: c.create.method,
        path: c.create.path,
        fault: { kind: 'delay', ms: 30_000 },
      });

      const child = spawnApply(h);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await waitFor(() => c.count(h.emulator, String(fresh.name)) === 1, exited);
      child.kill('SIGKILL');
      await exited;
      h.emulator.faults.clear();
      const apply = await h.cli(['apply', '--auto-approve']);
      const again = await h.cli(['plan', '--detailed-exitcode']);

      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      expect(c.count(h.emulator, String(fresh.name))).toBe(1);
      expect(again.code).toBe(0);
    },
  );
});

function spawnApply(h: ProviderHarness<FixtureEmulator>): ChildProcess {
  return execFile(process.execPath, [...cli.prefix, 'apply', '--auto-approve'], {
    cwd: h.dir,
    env: h.env,
  });
}

/** Polls until `check` holds; fails at once if the child exits first. The test timeout bounds the wait. */
async function waitFor(check: () => boolean, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (!check()) {
    if (gone) throw new Error('the child exited before the condition held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
