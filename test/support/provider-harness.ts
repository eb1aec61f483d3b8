// A provider-generic integration harness: a temporary project with one connection, a fresh emulator
// on loopback, and the real CLI run in-process. Every CLI call fails the test if a credential value
// or a token reaches the output or any file in the project directory, or a stack trace reaches the
// output. Provider fixtures (test/providers/<id>/fixture.ts) fill in the rest.

import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliResult } from './run-cli.js';
import { planSchemaProblems } from '../../src/config/plan-schema.js';
import type { RunningEmulator } from '../../src/sandbox/kit/index.js';
import { baseUrlEnvName } from '../../src/engine/session.js';
import type { Clock } from '../../src/http/pacer.js';

export type { CliResult } from './run-cli.js';

export interface FixtureEmulator extends RunningEmulator {
  baseUrl: string;
}

/** What a provider brings to the harness. */
export interface ProviderFixture<Emulator extends FixtureEmulator, Seed> {
  provider: string;
  connection: string;
  /** Credential slot → environment variable and its test value (never the demo's). */
  credentials: Record<string, { env: string; value: string }>;
  /** Strings that must never appear in output (credential values and what derives from them). */
  secrets: string[];
  /** Extra YAML lines for the connection (e.g. provider options), indented four spaces. */
  connectionYaml?: string[];
  start(seed: Seed[], options?: Record<string, unknown>): Promise<Emulator>;
}

export interface ProviderHarness<Emulator extends FixtureEmulator> {
  dir: string;
  emulator: Emulator;
  env: NodeJS.ProcessEnv;
  cli(
    args: string[],
    options?: { isTTY?: boolean; confirm?: boolean; env?: NodeJS.ProcessEnv },
  ): Promise<CliResult>;
  writePlans(yaml: string): Promise<void>;
  /** Method and path of every request the emulator received since the last clear. */
  requests(): string[];
  /** Write requests (not GET) that reached the emulator's handler. */
  writes(): string[];
  close(): Promise<void>;
}

export function fixtureProjectYaml(fixture: ProviderFixture<FixtureEmulator, unknown>, extra = ''): string {
  return [
    'version: 1',
    'connections:',
    `  ${fixture.connection}:`,
    `    provider: ${fixture.provider}`,
    '    credentials:',
    ...Object.entries(fixture.credentials).map(([slot, { env }]) => `      ${slot}: ${env}`),
    '    limits:',
    '      requests_per_second: 1000',
    '      timeout_ms: 2000',
    ...(fixture.connectionYaml ?? []),
    extra,
  ].join('\n');
}

export async function startProviderHarness<Emulator extends FixtureEmulator, Seed>(
  fixture: ProviderFixture<Emulator, Seed>,
  options: {
    seed?: Seed[];
    project?: string;
    plans?: string;
    emulator?: Record<string, unknown>;
    /** The clock every CLI run paces and waits on (test/support/virtual-clock.ts); the emulator needs it too. */
    clock?: Clock;
  } = {},
): Promise<ProviderHarness<Emulator>> {
  const dir = await mkdtemp(join(tmpdir(), `plansync-${fixture.provider}-`));
  const emulator = await fixture.start(options.seed ?? [], options.emulator);
  await writeFile(join(dir, 'plansync.yaml'), options.project ?? fixtureProjectYaml(fixture));
  await mkdir(join(dir, 'plans'));
  const writePlans = (yaml: string) => writeFile(join(dir, 'plans', `${fixture.provider}.yaml`), yaml);
  if (options.plans !== undefined) await writePlans(options.plans);

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    [baseUrlEnvName(fixture.connection)]: emulator.baseUrl,
  };
  for (const { env: name, value } of Object.values(fixture.credentials)) env[name] = value;

  return {
    dir,
    emulator,
    env,
    async cli(args, cliOptions = {}) {
      const { code, stdout, stderr } = await runCli(args, {
        env: cliOptions.env ?? env,
        cwd: dir,
        ...(cliOptions.isTTY === undefined ? {} : { isTTY: cliOptions.isTTY }),
        ...(cliOptions.confirm === undefined ? {} : { confirm: cliOptions.confirm }),
        run: { backoff: { baseMs: 1, maxMs: 5 }, ...(options.clock ? { clock: options.clock } : {}) },
      });
      for (const secret of fixture.secrets) {
        expect(stdout, 'a credential leaked to stdout').not.toContain(secret);
        expect(stderr, 'a credential leaked to stderr').not.toContain(secret);
      }
      expect(stdout + stderr, 'an access token leaked to the output').not.toMatch(TOKEN_SHAPE);
      expect(stderr, 'a stack trace reached the user').not.toMatch(/\n\s+at .+:\d+:\d+/);
      await expectNoSecretInFiles(dir, fixture.secrets);
      await expectPlansMatchSchema(args, code, stdout, dir);
      return { code, stdout, stderr };
    },
    writePlans,
    requests: () => emulator.log.map((entry) => `${entry.method} ${entry.path}`),
    writes: () => emulator.writes().map((entry) => `${entry.method} ${entry.path}`),
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** PayPal's access tokens (`A21AA…`) and JWTs such as Constant Contact's partner token. */
const TOKEN_SHAPE = /A21AA[\w-]{20,}|eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./;

/** Every file the run left in the project (saved plans, `.plansync/`): a few small files, cheap to read. */
async function expectNoSecretInFiles(dir: string, secrets: readonly string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const secret of secrets) expect(text, `a credential leaked to ${path}`).not.toContain(secret);
    expect(text, `an access token leaked to ${path}`).not.toMatch(TOKEN_SHAPE);
  }
}

/**
 * Every plan the suite produces matches the published schema (schemas/plan.v1.schema.json): the JSON
 * that `plan`/`show --format json` print, and the file `plan --out` saves.
 */
async function expectPlansMatchSchema(args: string[], code: number, stdout: string, dir: string) {
  if (args[0] !== 'plan' && args[0] !== 'show') return;
  const formatAt = args.indexOf('--format');
  if (formatAt >= 0 && args[formatAt + 1] === 'json' && [0, 2, 3].includes(code)) {
    const problems = planSchemaProblems(JSON.parse(stdout));
    expect(problems, `plan JSON does not match the schema:\n${problems.join('\n')}`).toEqual([]);
  }
  const outAt = args.indexOf('--out');
  if (args[0] === 'plan' && outAt >= 0 && [0, 2, 3].includes(code)) {
    const saved = JSON.parse(await readFile(join(dir, args[outAt + 1] as string), 'utf8')) as unknown;
    const problems = planSchemaProblems(saved);
    expect(problems, `saved plan does not match the schema:\n${problems.join('\n')}`).toEqual([]);
  }
}

/** YAML for a plans file: a connection and a map of plans (nested values as flow JSON). */
export function plansFileYaml(connection: string, plans: Record<string, Record<string, unknown>>): string {
  const lines = [`connection: ${connection}`, 'plans:'];
  for (const [key, fields] of Object.entries(plans)) {
    lines.push(`  ${key}:`);
    for (const [field, value] of Object.entries(fields)) lines.push(`    ${field}: ${JSON.stringify(value)}`);
  }
  return `${lines.join('\n')}\n`;
}
