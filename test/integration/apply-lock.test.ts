// Two applies on one project: the second stops before writing while the first holds the lock.

import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireApplyLock } from '../../src/engine/apply-lock.js';
import { plansYaml, seedPlan, startHarness, type Harness, gold } from '../support/harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('apply lock', () => {
  it('refuses a second apply while one holds the lock, writing nothing', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 3 } }),
    });
    const held = await acquireApplyLock(h.dir);

    const blocked = await h.cli(['apply', '--auto-approve']);
    await held.release();
    const after = await h.cli(['apply', '--auto-approve']);

    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('another apply is running on this project');
    expect(after.code).toBe(0);
    expect(h.writes()).toEqual(['PUT /services/2/recurring/plans/100']);
  });

  it('takes over a lock left by a process that is gone', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    await mkdir(join(h.dir, '.plansync'), { recursive: true });
    const { hostname } = await import('node:os');
    await writeFile(
      join(h.dir, '.plansync', 'apply.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'x' }),
    );

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code, result.stderr).toBe(0);
    expect(h.writes()).toEqual(['POST /services/2/recurring/plans']);
  });

  it('lets only one of two applies take over the same dead lock', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    await mkdir(join(h.dir, '.plansync'), { recursive: true });
    const { hostname } = await import('node:os');
    const lockFile = join(h.dir, '.plansync', 'apply.lock');
    await writeFile(lockFile, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'x' }));
    // Both judge the dead lock; the second takes it over first, then the first tries to.
    let second: Awaited<ReturnType<typeof acquireApplyLock>> | undefined;
    const first = acquireApplyLock(h.dir, () => new Date('2026-01-01T00:00:00Z'), {
      beforeTakeOver: async () => {
        second = await acquireApplyLock(h.dir, () => new Date('2026-02-02T00:00:00Z'));
      },
    });

    await expect(first).rejects.toThrow('another apply is running on this project');
    expect(second).toBeDefined();
    expect(await readFile(lockFile, 'utf8')).toContain('2026-02-02');
    expect((await readdir(join(h.dir, '.plansync'))).sort()).toEqual(['apply.lock']);
    await second?.release();
  });

  it('releases the lock after an apply, also a refused one', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, recurringChargeAmount: 1.5 } }),
    });

    const refused = await h.cli(['apply', '--auto-approve']);

    expect(refused.code).toBe(3);
    expect(existsSync(join(h.dir, '.plansync', 'apply.lock'))).toBe(false);
  });
});
