// Integration harness: a temporary project, a fresh BlueSnap emulator on loopback, and the real CLI
// run in-process. Every CLI call fails the test if a credential value appears in its output.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import { baseUrlEnvName } from '../../src/engine/session.js';
import {
  startBlueSnapEmulator,
  type BlueSnapEmulator,
  type BlueSnapEmulatorOptions,
  type BlueSnapWirePlan,
} from '../../src/providers/bluesnap/emulator/index.js';

/** Test credentials: distinct from the demo's, and searched for in every output. */
export const TEST_CREDENTIALS = { username: 'it-user-7f3a9c', password: 'it-secret-Q9x2Lm8Zr4' };
export const SECRETS = [
  TEST_CREDENTIALS.username,
  TEST_CREDENTIALS.password,
  Buffer.from(`${TEST_CREDENTIALS.username}:${TEST_CREDENTIALS.password}`).toString('base64'),
];

export const CONNECTION = 'bs';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Harness {
  dir: string;
  emulator: BlueSnapEmulator;
  env: NodeJS.ProcessEnv;
  cli(
    args: string[],
    options?: { isTTY?: boolean; confirm?: boolean; env?: NodeJS.ProcessEnv },
  ): Promise<CliResult>;
  writePlans(yaml: string): Promise<void>;
  /** Method and path (with query) of every request the emulator received since the last clear. */
  requests(): string[];
  /** Write requests (not GET) that reached the emulator's handler. */
  writes(): string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  seed?: BlueSnapWirePlan[];
  project?: string;
  plans?: string;
  emulator?: Partial<BlueSnapEmulatorOptions>;
}

export function projectYaml(extra = ''): string {
  return [
    'version: 1',
    'connections:',
    `  ${CONNECTION}:`,
    '    provider: bluesnap',
    '    credentials:',
    '      username: BS_USER',
    '      password: BS_PASS',
    '    limits:',
    '      requests_per_second: 1000',
    '      timeout_ms: 2000',
    extra,
  ].join('\n');
}

export function seedPlan(planId: number, fields: Partial<BlueSnapWirePlan> = {}): BlueSnapWirePlan {
  return {
    planId,
    name: `Plan ${planId}`,
    recurringChargeAmount: 10,
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    chargeOnPlanSwitch: false,
    status: 'ACTIVE',
    ...fields,
  } as BlueSnapWirePlan;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'plansync-it-'));
  const emulator = await startBlueSnapEmulator({
    credentials: TEST_CREDENTIALS,
    seed: options.seed ?? [],
    ...options.emulator,
  });
  await writeFile(join(dir, 'plansync.yaml'), options.project ?? projectYaml());
  await mkdir(join(dir, 'plans'));
  const writePlans = (yaml: string) => writeFile(join(dir, 'plans', 'bluesnap.yaml'), yaml);
  if (options.plans !== undefined) await writePlans(options.plans);

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    BS_USER: TEST_CREDENTIALS.username,
    BS_PASS: TEST_CREDENTIALS.password,
    [baseUrlEnvName(CONNECTION)]: emulator.baseUrl,
  };

  return {
    dir,
    emulator,
    env,
    async cli(args, cliOptions = {}) {
      let stdout = '';
      let stderr = '';
      const code = await run(
        args,
        {
          stdout: (text) => (stdout += text),
          stderr: (text) => (stderr += text),
          env: cliOptions.env ?? env,
          cwd: dir,
          isTTY: cliOptions.isTTY ?? false,
          confirm: async () => cliOptions.confirm ?? false,
        },
        { backoff: { baseMs: 1, maxMs: 5 } },
      );
      for (const secret of SECRETS) {
        expect(stdout, 'a credential leaked to stdout').not.toContain(secret);
        expect(stderr, 'a credential leaked to stderr').not.toContain(secret);
      }
      expect(stderr, 'a stack trace reached the user').not.toMatch(/\n\s+at .+:\d+:\d+/);
      return { code, stdout, stderr };
    },
    writePlans,
    requests() {
      return emulator.log.map((entry) => `${entry.method} ${entry.path}`);
    },
    writes() {
      return emulator.writes().map((entry) => `${entry.method} ${entry.path}`);
    },
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function plansYaml(plans: Record<string, Record<string, unknown>>): string {
  const lines = [`connection: ${CONNECTION}`, 'plans:'];
  for (const [key, fields] of Object.entries(plans)) {
    lines.push(`  ${key}:`);
    for (const [field, value] of Object.entries(fields)) {
      if (typeof value === 'object' && value !== null) {
        lines.push(`    ${field}:`);
        for (const [k, v] of Object.entries(value)) lines.push(`      ${k}: ${JSON.stringify(v)}`);
      } else lines.push(`    ${field}: ${JSON.stringify(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
