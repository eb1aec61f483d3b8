// The project directory as a jail, through the CLI in-process: `validate` and `plan` both refuse a
// plans file linking to a file of secrets outside the project (exit 1, the secret in no output), a
// FIFO as a plans or project file (an error, not a hang), and `plan --out` through a link out of the
// project. No provider is contacted: every case fails while loading, or has no plans to read.

import { execFileSync } from 'node:child_process';
import { constants, openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';

const SECRET = 'CI_DEPLOY_TOKEN=ghp_TESTSECRET';
const PROJECT = `version: 1
connections:
  bluesnap-sandbox:
    provider: bluesnap
    credentials:
      username: BLUESNAP_USERNAME
      password: BLUESNAP_PASSWORD
`;
const ENV = { BLUESNAP_USERNAME: 'jail-user', BLUESNAP_PASSWORD: 'jail-password' };

let root: string;
let away: string;
const fifos: string[] = [];

/** mkfifo(1), where the platform has it. */
function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file], { stdio: 'ignore' });
    fifos.push(file);
    return true;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'plansync-jail-'));
  away = await mkdtemp(path.join(os.tmpdir(), 'plansync-away-'));
  await writeFile(path.join(root, 'plansync.yaml'), PROJECT);
  await mkdir(path.join(root, 'plans'));
  await writeFile(path.join(away, 'environ'), `${SECRET}\nPATH=/usr/bin\n`);
});

afterEach(async () => {
  // Should a reader ever block on a FIFO, a writer opening and closing it lets it go.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader: nothing blocked
    }
  }
  await rm(root, { recursive: true, force: true });
  await rm(away, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<CliResult> => runCli(args, { env: ENV, cwd: root });

describe.each([['validate'], ['plan']])('%s', (command) => {
  it('refuses a plans file linking outside the project, and prints none of it', async () => {
    await symlink(path.join(away, 'environ'), path.join(root, 'plans', 'bluesnap.yaml'));

    const result = await cli(command);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('plans/bluesnap.yaml: file is a symlink to a file outside the project');
    expect(`${result.stdout}${result.stderr}`).not.toContain('ghp_');
    expect(`${result.stdout}${result.stderr}`).not.toContain('CI_DEPLOY_TOKEN');
  });

  it('refuses a plans file that is a FIFO instead of waiting on it', async (context) => {
    if (!mkfifo(path.join(root, 'plans', 'bluesnap.yaml'))) context.skip();

    const result = await cli(command);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('plans/bluesnap.yaml: file is a FIFO, not a regular file');
  }, 20_000);

  it('refuses a project file that is a FIFO instead of waiting on it', async (context) => {
    await rm(path.join(root, 'plansync.yaml'));
    if (!mkfifo(path.join(root, 'plansync.yaml'))) context.skip();

    const result = await cli(command);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('plansync.yaml: file is a FIFO, not a regular file');
  }, 20_000);

  it('refuses a project file linking to /dev/zero without reading it', async () => {
    await rm(path.join(root, 'plansync.yaml'));
    await symlink('/dev/zero', path.join(root, 'plansync.yaml'));

    const result = await cli(command);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'plansync.yaml: file is a symlink to a character device outside the project',
    );
  }, 20_000);

  it('refuses a plans directory linking outside the project', async () => {
    await rm(path.join(root, 'plans'), { recursive: true });
    await mkdir(path.join(away, 'plans'));
    await writeFile(path.join(away, 'plans', 'bluesnap.yaml'), 'connection: bluesnap-sandbox\nplans: {}\n');
    await symlink(path.join(away, 'plans'), path.join(root, 'plans'));

    const result = await cli(command);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'plans directory `plans` is a symlink to a directory outside the project',
    );
  });

  it('refuses a dangling link and a link loop rather than calling the project valid', async () => {
    await symlink(path.join(away, 'gone.yaml'), path.join(root, 'plans', 'bluesnap.yaml'));
    await symlink('loop.yaml', path.join(root, 'plans', 'loop.yaml'));

    const result = await cli(command);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('plans/bluesnap.yaml: file is a dangling symlink');
    expect(result.stderr).toContain('plans/loop.yaml: file is a symlink loop');
    expect(result.stdout).not.toMatch(/valid/i);
  });
});

describe('validate', () => {
  it('accepts a plans file linking to a file inside the project', async () => {
    await mkdir(path.join(root, 'shared'));
    await writeFile(path.join(root, 'shared', 'bluesnap.yaml'), 'connection: bluesnap-sandbox\nplans: {}\n');
    await symlink(path.join(root, 'shared', 'bluesnap.yaml'), path.join(root, 'plans', 'bluesnap.yaml'));

    const result = await cli('validate');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('plan --out', () => {
  it('refuses to write through a link out of the project, and leaves its target alone', async () => {
    await symlink(path.join(away, 'environ'), path.join(root, 'plan.json'));

    const result = await cli('plan', '--out', 'plan.json');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'plan.json is a symlink to a file outside the project; nothing was written',
    );
    expect(await readFile(path.join(away, 'environ'), 'utf8')).toContain(SECRET);
    expect(`${result.stdout}${result.stderr}`).not.toContain('ghp_');
  });

  it('refuses a FIFO as its target, without blocking', async (context) => {
    if (!mkfifo(path.join(root, 'plan.json'))) context.skip();

    const result = await cli('plan', '--out', 'plan.json');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('plan.json is a FIFO, not a regular file; nothing was written');
  }, 20_000);

  it('writes a path named outside the project (the user chose it)', async () => {
    const result = await cli('plan', '--out', path.join(away, 'plan.json'));

    expect(result.code).toBe(0);
    expect(await readdir(away)).toContain('plan.json');
  });
});

describe('apply FILE', () => {
  it('refuses a saved plan inside the project linking outside it, before contacting anyone', async () => {
    await symlink(path.join(away, 'environ'), path.join(root, 'plan.json'));

    const result = await cli('apply', 'plan.json');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'plan.json is a symlink to a file outside the project; plansync did not read it',
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain('ghp_');
  });
});

describe('apply', () => {
  it('refuses to take its lock through a .plansync linking outside the project', async () => {
    await writeFile(path.join(root, 'plans', 'bluesnap.yaml'), 'connection: bluesnap-sandbox\nplans: {}\n');
    await symlink(away, path.join(root, '.plansync'));

    const result = await cli('apply', '--auto-approve');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/apply\.lock is outside the project .*; nothing was written/);
    expect(await readdir(away)).toEqual(['environ']);
  });
});
