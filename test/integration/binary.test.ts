// The real `plansync` executable in its own process: exit codes, located errors, no stack traces.
// The compiled CLI when dist/ is fresh (as after `npm ci`), else the sources through tsx.

import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand } from '../support/cli-command.js';

const cli = cliCommand();
let dir: string;

function plansync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...cli.prefix, ...args],
      { cwd: dir, env: { PATH: process.env.PATH } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plansync-bin-'));
  await mkdir(join(dir, 'plans'));
  await writeFile(
    join(dir, 'plansync.yaml'),
    'version: 1\nconnections:\n  bs:\n    provider: bluesnap\n    credentials:\n      username: BS_USER\n      password: BS_PASS\n',
  );
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('plansync executable', () => {
  it('validates a valid project with exit 0', async () => {
    await writeFile(
      join(dir, 'plans', 'b.yaml'),
      'connection: bs\nplans:\n  gold:\n    name: Gold\n    recurringChargeAmount: 9.99\n    currency: USD\n    chargeFrequency: MONTHLY\n',
    );

    const result = await plansync(['validate']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Valid: 1 connection(s), 1 plans file(s), 1 plan(s).');
  });

  it('names file, line and column of a broken plans file, exit 1, no stack trace', async () => {
    await writeFile(
      join(dir, 'plans', 'b.yaml'),
      'connection: bs\nplans:\n  gold:\n    name: Gold\n    recurringChargeAmount: 9.99\n    curency: USD\n    chargeFrequency: MONTHLY\n',
    );

    const result = await plansync(['validate']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'plans/b.yaml:6:5: plans.gold.curency: unknown key `curency` (did you mean `currency`?)',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the missing credential variable when planning', async () => {
    // A declared plan: a project that declares nothing reads nothing and needs no credential.
    await writeFile(
      join(dir, 'plans', 'b.yaml'),
      'connection: bs\nplans:\n  gold:\n    name: Gold\n    recurringChargeAmount: 9.99\n    currency: USD\n    chargeFrequency: MONTHLY\n',
    );

    const result = await plansync(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BS_USER');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help with the exit codes', async () => {
    const result = await plansync(['apply', '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4  stale');
  });
});
