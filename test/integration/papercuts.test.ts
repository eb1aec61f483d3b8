// Issue 16's papercuts, through the real CLI in-process: a bounded `--target` error with "did you
// mean", short usage errors, exit codes in every command's help, every missing credential in one
// message before anything is read, the host in network errors, and FORCE_COLOR / NO_COLOR / --no-color.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useColor, type CliIo } from '../../src/cli/io.js';
import { gold, plansYaml, startHarness } from '../support/harness.js';
import { runCli } from '../support/run-cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const PROJECT = `version: 1
plans: plans
connections:
  bs:
    provider: bluesnap
    environment: sandbox
    credentials:
      username: PC_BS_USER
      password: PC_BS_PASSWORD
    limits:
      retries: 0
  pp:
    provider: bluesnap
    environment: sandbox
    credentials:
      username: PC_PP_ID
      password: PC_PP_SECRET
`;

const CREDENTIALS = {
  PC_BS_USER: 'bs-user-0123456789',
  PC_BS_PASSWORD: 'bs-password-0123456789',
  PC_PP_ID: 'pp-id-0123456789',
  PC_PP_SECRET: 'pp-secret-0123456789',
};

function plansFile(connection: string, keys: string[]): string {
  const lines = [`connection: ${connection}`, 'plans:'];
  for (const key of keys) {
    lines.push(
      `  ${key}:`,
      `    name: "Plan ${key}"`,
      '    recurringChargeAmount: 9.99',
      '    currency: USD',
      '    chargeFrequency: MONTHLY',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A project with `count` BlueSnap plans (`plan-0001` …) and a second connection's plans file if asked. */
function project(count: number, options: { second?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'plansync-papercuts-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'plans'));
  writeFileSync(join(dir, 'plansync.yaml'), PROJECT);
  const keys = Array.from({ length: count }, (_, i) => `plan-${String(i + 1).padStart(4, '0')}`);
  writeFileSync(join(dir, 'plans', 'bs.yaml'), plansFile('bs', keys));
  if (options.second) {
    writeFileSync(join(dir, 'plans', 'pp.yaml'), plansFile('pp', ['basic']));
  }
  return dir;
}

describe('--target that names no plan', () => {
  it('on 5,000 plans: a short message with "did you mean", not every key', async () => {
    const cwd = project(5000);
    const result = await runCli(['plan', '--target', 'plam-4242'], { cwd, env: CREDENTIALS });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--target plam-4242: no plan with that key.');
    expect(result.stderr).toContain('did you mean `bs/plan-4242`?');
    expect(result.stderr).toContain('5000 plans in connection bs');
    expect(result.stderr).not.toContain('plan-4999');
    expect(result.stderr.length).toBeLessThan(600);
  });

  it('lists the 3 nearest keys when nothing is a plausible typo', async () => {
    const cwd = project(5000);
    const result = await runCli(['plan', '--target', 'bs/zzzzzzzzzzzzzzzz'], { cwd, env: CREDENTIALS });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('did you mean');
    const nearest = /nearest: (.*)/.exec(result.stderr)?.[1] ?? '';
    expect(nearest.split(', ')).toHaveLength(3);
    expect(result.stderr.length).toBeLessThan(600);
  });

  it('names a misspelt connection', async () => {
    const cwd = project(3);
    const result = await runCli(['plan', '--target', 'bz/plan-0001'], { cwd, env: CREDENTIALS });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no connection `bz`; did you mean `bs`?');
  });
});

describe('usage errors', () => {
  it.each([
    [['plan', '--bogus'], "error: unknown option '--bogus'", 'Run `plansync plan --help` for usage.'],
    [['import'], "required option '--connection <name>' not specified", 'Run `plansync import --help`'],
    [['frob'], "error: unknown command 'frob'", 'Run `plansync --help` for usage.'],
  ])('%j prints the error and a one-line hint, not the whole help', async (args, error, hint) => {
    const result = await runCli(args, { cwd: tmpdir(), env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(error);
    expect(result.stderr).toContain(hint);
    expect(result.stderr + result.stdout).not.toContain('Options:');
    expect(result.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
  });
});

describe('--help of every command', () => {
  it.each(['plan', 'apply', 'drift', 'compare', 'validate', 'import', 'show', 'sandbox'])(
    '%s --help lists the exit codes, 130 and 143 included',
    async (command) => {
      const result = await runCli([command, '--help'], { cwd: tmpdir(), env: {} });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Exit codes');
      expect(result.stdout).toContain('130  interrupted by SIGINT');
      expect(result.stdout).toContain('143  stopped by SIGTERM');
    },
  );
});

describe('missing credentials', () => {
  it('lists every unset variable of every connection, before anything about reading', async () => {
    const cwd = project(2, { second: true });
    const result = await runCli(['plan'], { cwd, env: { PC_BS_USER: CREDENTIALS.PC_BS_USER } });
    expect(result.code).toBe(1);
    for (const name of ['PC_BS_PASSWORD', 'PC_PP_ID', 'PC_PP_SECRET']) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stderr).not.toContain('PC_BS_USER (');
    expect(result.stderr).toContain('3 credential environment variables are not set or empty');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Reading/i);
  });

  it('validate needs no credentials', async () => {
    const cwd = project(2, { second: true });
    const result = await runCli(['validate'], { cwd, env: {} });
    expect(result.code).toBe(0);
  });
});

describe('network errors', () => {
  it('name the provider, the connection and the host, not the URL', async () => {
    // A port that was just free: nothing listens there, so the connection is refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const cwd = project(1);
    const result = await runCli(['plan'], {
      cwd,
      env: {
        ...CREDENTIALS,
        PLANSYNC_BASE_URL_BS: `http://127.0.0.1:${port}/services/2`,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`connection refused by host 127.0.0.1:${port}`);
    expect(result.stderr).toContain('bluesnap: GET /recurring/plans');
    expect(result.stderr).toContain('(connection bs)');
    expect(result.stderr).not.toContain(`http://127.0.0.1:${port}/services`);
  });
});

describe('a host that does not resolve', () => {
  it('is named, with the DNS failure, not the URL', async () => {
    const cwd = project(1);
    const result = await runCli(['plan'], {
      cwd,
      env: { ...CREDENTIALS, PLANSYNC_BASE_URL_BS: 'https://plansync-papercut.invalid/services/2?x=1' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/host plansync-papercut\.invalid not found \(DNS (ENOTFOUND|EAI_AGAIN)/);
    expect(result.stderr).toContain('(connection bs)');
    expect(result.stderr).not.toContain('https://plansync-papercut.invalid');
  });
});

describe('colour', () => {
  const io = (env: NodeJS.ProcessEnv, isTTY: boolean, noColor?: boolean): CliIo => ({
    stdout: () => undefined,
    stderr: () => undefined,
    env,
    cwd: '/',
    isTTY,
    confirm: async () => false,
    ...(noColor === undefined ? {} : { noColor }),
  });

  it.each([
    ['a terminal', {}, true, undefined, true],
    ['no terminal', {}, false, undefined, false],
    ['FORCE_COLOR=1 without a terminal', { FORCE_COLOR: '1' }, false, undefined, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, undefined, false],
    ['FORCE_COLOR empty: as unset', { FORCE_COLOR: '' }, false, undefined, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, undefined, false],
    ['FORCE_COLOR outranks NO_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, false, undefined, true],
    ['--no-color outranks FORCE_COLOR', { FORCE_COLOR: '1' }, true, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, true, undefined, false],
  ] as const)('%s', (_, env, isTTY, noColor, expected) => {
    expect(useColor(io(env, isTTY, noColor))).toBe(expected);
  });

  it('--no-color is a global flag every command accepts', async () => {
    const cwd = project(1);
    const result = await runCli(['--no-color', 'validate'], { cwd, env: {}, isTTY: true });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
  });
});

describe('a provider that publishes no host', () => {
  const mpsProject = `version: 1
plans: plans
connections:
  mps:
    provider: jpmmps
    credentials:
      api_key: PC_MPS_KEY
`;
  const mpsPlans = `connection: mps
plans:
  basic:
    name: Basic
    description: Basic plan
    recurrentAmount: 9.99
    currencyIsoCode: EUR
    billingOccurrence: 1
    billingUnit: month
    billingCycles: -1
`;
  function mps(): string {
    const dir = mkdtempSync(join(tmpdir(), 'plansync-papercuts-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'plans'));
    writeFileSync(join(dir, 'plansync.yaml'), mpsProject);
    writeFileSync(join(dir, 'plans', 'mps.yaml'), mpsPlans);
    return dir;
  }

  it('validate refuses a J.P. Morgan MPS connection without base_url, at the connection', async () => {
    const result = await runCli(['validate'], { cwd: mps(), env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/plansync\.yaml:4:3: connections\.mps: `base_url` is required/);
    expect(result.stderr).toContain('PLANSYNC_BASE_URL_MPS');
  });

  it('plan refuses it before any reading or credential message', async () => {
    const result = await runCli(['plan'], { cwd: mps(), env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('`base_url` is required');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Reading|PC_MPS_KEY/);
  });

  it('validate accepts it when the environment gives the host', async () => {
    const result = await runCli(['validate'], {
      cwd: mps(),
      env: { PLANSYNC_BASE_URL_MPS: 'https://mps.example.com/api' },
    });
    expect(result.code).toBe(0);
  });
});

const ESC = String.fromCharCode(27);

describe('colour reaches the plan output', () => {
  it('FORCE_COLOR colours a piped plan, and --no-color wins over it', async () => {
    const h = await startHarness({ plans: plansYaml({ gold }) });
    try {
      const forced = await h.cli(['plan'], { env: { ...h.env, FORCE_COLOR: '1' }, isTTY: false });
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stdout).toContain(`${ESC}[`);
      expect(forced.stdout.replaceAll(ESC, '')).toContain('gold');

      const off = await h.cli(['--no-color', 'plan'], { env: { ...h.env, FORCE_COLOR: '1' }, isTTY: true });
      expect(off.stdout).toContain('create gold');
      expect(off.stdout).not.toContain(ESC);
    } finally {
      await h.close();
    }
  });
});
