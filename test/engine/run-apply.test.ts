// The apply sequence as the engine runs it, without the CLI: what runApply returns, what it writes to
// the provider and the project, and that the project's apply lock is held while it works and
// released whatever the outcome. Against the BlueSnap emulator over real sockets.

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StalePlanError, UserError } from '../../src/errors.js';
import { runApply, type RunApplyHooks } from '../../src/engine/run-apply.js';
import { runPlan } from '../../src/engine/run-plan.js';
import { openSession, type Session } from '../../src/engine/session.js';
import { gold, plansYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';

const GENERATOR = 'plansync test';

let h: Harness;
let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
  await h?.close();
});

const open = async () => {
  session = await openSession({ root: h.dir, env: h.env, backoff: { baseMs: 1, maxMs: 5 } });
  return session;
};
const lockFile = () => join(h.dir, '.plansync', 'apply.lock');

/** Hooks that record whether the lock was held at each step the engine reported. */
function lockWatch(): { hooks: RunApplyHooks; heldAt: string[] } {
  const heldAt: string[] = [];
  const note = (step: string) => {
    if (existsSync(lockFile())) heldAt.push(step);
  };
  return {
    heldAt,
    hooks: {
      onPlan: () => note('plan'),
      onApplyStart: () => note('apply'),
      onResult: (result) => note(`result ${result.key}`),
    },
  };
}

describe('runApply', () => {
  it('writes nothing for a plan without changes, and takes and releases the lock', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
    const { hooks, heldAt } = lockWatch();

    const run = await runApply(await open(), { generator: GENERATOR }, hooks);

    expect(run.outcome).toBe('nothing-to-apply');
    expect(run.results).toEqual([]);
    expect(run.document.plan.connections[0]?.items.map((item) => item.action)).toEqual(['no-op']);
    expect(heldAt).toEqual(['plan']);
    expect(existsSync(lockFile())).toBe(false);
    expect(h.writes()).toEqual([]);
  });

  it('refuses a stale saved plan, writing nothing, and releases the lock', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    const { document } = await runPlan(await open(), { generator: GENERATOR });
    h.emulator.setPlan(seedPlan(100, { ...gold, trialPeriodDays: 14 }));

    const run = await runApply(session as Session, { saved: document, generator: GENERATOR });

    expect(run.outcome).toBe('stale');
    expect(run.refusal).toBeInstanceOf(StalePlanError);
    expect(run.refusal?.message).toContain('bs: plan 100 changed');
    expect(run.results).toEqual([]);
    expect(existsSync(lockFile())).toBe(false);
    expect(h.writes()).toEqual([]);
  });

  it('stops before reading anything while another apply holds the lock', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    await mkdir(join(h.dir, '.plansync'));
    const holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    await writeFile(lockFile(), `${JSON.stringify(holder)}\n`);

    const attempt = runApply(await open(), { generator: GENERATOR });

    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow('another apply is running on this project');
    expect(h.requests()).toEqual([]);
    expect(existsSync(lockFile())).toBe(true);
  });

  it('releases the lock when approval throws, and writes nothing', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const attempt = runApply(
      await open(),
      { generator: GENERATOR },
      {
        approve: () => {
          expect(existsSync(lockFile())).toBe(true);
          return Promise.reject(new Error('no terminal'));
        },
      },
    );

    await expect(attempt).rejects.toThrow('no terminal');
    expect(existsSync(lockFile())).toBe(false);
    expect(h.writes()).toEqual([]);
  });

  it('writes nothing when approval is refused', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const run = await runApply(await open(), { generator: GENERATOR }, { approve: async () => false });

    expect(run.outcome).toBe('cancelled');
    expect(run.document.plan.connections[0]?.items.map((item) => item.action)).toEqual(['create']);
    expect(h.writes()).toEqual([]);
  });

  it('pins the ids of created plans in the YAML when asked, and reports them', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    const { hooks, heldAt } = lockWatch();

    const run = await runApply(await open(), { generator: GENERATOR, writeIds: true }, hooks);

    expect(run.outcome).toBe('applied');
    expect(run.counts).toEqual({ done: 1, failed: 0, skipped: 0 });
    expect(run.results.map((r) => [r.key, r.status, r.createdId])).toEqual([['gold', 'done', '1000000']]);
    expect(run.pinned).toEqual([
      { file: 'plans/bluesnap.yaml', key: 'gold', field: 'planId', id: '1000000' },
    ]);
    expect(run.unwritten).toEqual([]);
    expect(await readFile(join(h.dir, 'plans', 'bluesnap.yaml'), 'utf8')).toContain(
      '  gold:\n    planId: 1000000\n    name: "Gold"\n',
    );
    expect(heldAt).toEqual(['plan', 'apply', 'result gold']);
    expect(existsSync(lockFile())).toBe(false);
  });

  it('leaves the YAML alone without writeIds', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const run = await runApply(await open(), { generator: GENERATOR });

    expect(run.outcome).toBe('applied');
    expect(run.pinned).toEqual([]);
    expect(await readFile(join(h.dir, 'plans', 'bluesnap.yaml'), 'utf8')).toBe(plansYaml({ gold }));
  });
});
