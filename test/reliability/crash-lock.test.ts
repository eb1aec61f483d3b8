// The apply lock after a kill at its most awkward point: the lock file is created empty and its holder
// written right after, so a SIGKILL between the two leaves an empty lock with no process to ask.
// Before the fix, every later apply refused to run ("another apply is running") until someone
// deleted the file by hand: a crash loop that lands there never converges.

import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  plansFileYaml,
  startProviderHarness,
  type FixtureEmulator,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { bluesnapCase } from '../providers/bluesnap/conformance.js';

let h: ProviderHarness<FixtureEmulator>;
afterEach(async () => h?.close());

const start = async () => {
  const fresh = bluesnapCase.fresh!(1);
  h = await startProviderHarness(bluesnapCase.fixture as never, {
    plans: plansFileYaml(bluesnapCase.fixture.connection, { one: fresh }),
  });
  await mkdir(join(h.dir, '.plansync'), { recursive: true });
  return join(h.dir, '.plansync', 'apply.lock');
};

/** Creates the lock file exclusively, as acquireApplyLock does, and is killed before writing to it. */
async function createAndDie(file: string): Promise<void> {
  const script = `require('node:fs').openSync(${JSON.stringify(file)}, 'wx'); process.stdout.write('open\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('apply lock after a kill', () => {
  it('takes over an empty lock whose creator was killed before writing its holder', async () => {
    const file = await start();
    await createAndDie(file);

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.writes()).toEqual(['POST /services/2/recurring/plans']);
  });

  it('respects a lock whose holder is written during the grace period', async () => {
    const file = await start();
    await writeFile(file, '');
    const holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    setTimeout(() => void writeFile(file, JSON.stringify(holder)), 200);

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('another apply is running on this project');
    expect(h.writes()).toEqual([]);
  });
});
