// A project with environments over real sockets: `sandbox` and `production` for a PayPal and a
// BlueSnap connection, one emulator per provider and environment, each environment with credentials
// of its own and its base URLs in `PLANSYNC_BASE_URL_<CONNECTION>_<ENV>`, in a temporary project.
// The CLI runs in-process; every run fails the test if a credential value or a stack trace reaches
// the output. Tests bring their own plans files (and so their own line numbers).

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runApply, type ApplyRunResult, type RunApplyOptions } from '../../src/engine/run-apply.js';
import { baseUrlEnvName, openSession } from '../../src/engine/session.js';
import {
  startBlueSnapEmulator,
  type BlueSnapEmulator,
  type BlueSnapEmulatorOptions,
} from '../../src/sandbox/bluesnap/index.js';
import {
  startPayPalEmulator,
  type PayPalEmulator,
  type PayPalEmulatorOptions,
} from '../../src/sandbox/paypal/index.js';
import { runCli, type CliResult } from './run-cli.js';

export const ENVIRONMENTS = ['sandbox', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Each environment's accounts, and the tag of the variables that carry their credentials. */
const ACCOUNTS = {
  sandbox: {
    tag: 'SBX',
    paypal: { clientId: 'env-sbx-client-71c2', clientSecret: 'env-sbx-paypal-secret-Qe81' },
    bluesnap: { username: 'env-sbx-user-3e9a', password: 'env-sbx-bs-secret-Lw02' },
  },
  production: {
    tag: 'PRD',
    paypal: { clientId: 'env-prd-client-5b0d', clientSecret: 'env-prd-paypal-secret-Xa44' },
    bluesnap: { username: 'env-prd-user-8c1f', password: 'env-prd-bs-secret-Rn57' },
  },
} as const;

const SECRETS = ENVIRONMENTS.flatMap((name) => [
  ...Object.values(ACCOUNTS[name].paypal),
  ...Object.values(ACCOUNTS[name].bluesnap),
]);

const BACKOFF = { baseMs: 1, maxMs: 5 };

export interface EnvironmentsOptions {
  /** The connections' names in plansync.yaml; default `paypal` and `bluesnap`. */
  connections?: { paypal: string; bluesnap: string };
  /** Whether production follows sandbox (the rehearsal gate); default yes. */
  follows?: boolean;
  /** The files under plans/, by name (`paypal.yaml`: YAML). */
  plans: Record<string, string>;
  /** Each environment's emulator, as the test wants it (products, seed…); the fixture brings the credentials. */
  paypal?: Partial<Record<EnvironmentName, Omit<PayPalEmulatorOptions, 'credentials'>>>;
  bluesnap?: Partial<Record<EnvironmentName, Omit<BlueSnapEmulatorOptions, 'credentials'>>>;
}

export interface Environments {
  dir: string;
  /** The variables every run sees: credentials and base URLs per environment. */
  env: NodeJS.ProcessEnv;
  paypal: Record<EnvironmentName, PayPalEmulator>;
  bluesnap: Record<EnvironmentName, BlueSnapEmulator>;
  cli(args: string[]): Promise<CliResult>;
  /** Applies the YAML to one environment through the engine, as `apply --env NAME` does. */
  runApply(
    environment: EnvironmentName,
    options?: Omit<RunApplyOptions, 'generator'>,
  ): Promise<ApplyRunResult>;
  readPlans(name: string): Promise<string>;
  writePlans(name: string, yaml: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * plansync.yaml for the two connections: fast limits, each environment's credentials from
 * `PP_<TAG>_ID`/`PP_<TAG>_SECRET` and `BS_<TAG>_USER`/`BS_<TAG>_PASS` (TAG: SBX, PRD).
 */
function projectYaml(connections: { paypal: string; bluesnap: string }, follows: boolean): string {
  const { paypal, bluesnap } = connections;
  const limits = '    limits: { requests_per_second: 1000, timeout_ms: 2000 }';
  const environment = (name: EnvironmentName) => {
    const { tag } = ACCOUNTS[name];
    return [
      `  ${name}:`,
      ...(follows && name === 'production' ? ['    follows: sandbox'] : []),
      '    connections:',
      `      ${paypal}: { credentials: { client_id: PP_${tag}_ID, client_secret: PP_${tag}_SECRET } }`,
      `      ${bluesnap}: { credentials: { username: BS_${tag}_USER, password: BS_${tag}_PASS } }`,
    ];
  };
  return [
    'version: 1',
    'connections:',
    `  ${paypal}:`,
    '    provider: paypal',
    limits,
    `  ${bluesnap}:`,
    '    provider: bluesnap',
    limits,
    'environments:',
    ...ENVIRONMENTS.flatMap(environment),
    '',
  ].join('\n');
}

export async function startEnvironments(options: EnvironmentsOptions): Promise<Environments> {
  const connections = options.connections ?? { paypal: 'paypal', bluesnap: 'bluesnap' };
  const dir = await mkdtemp(join(tmpdir(), 'plansync-environments-'));
  const paypal = {} as Record<EnvironmentName, PayPalEmulator>;
  const bluesnap = {} as Record<EnvironmentName, BlueSnapEmulator>;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  const close = async () => {
    await Promise.all(
      [...Object.values(paypal), ...Object.values(bluesnap)].map((emulator) => emulator.close()),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const name of ENVIRONMENTS) {
      const account = ACCOUNTS[name];
      paypal[name] = await startPayPalEmulator({ ...options.paypal?.[name], credentials: account.paypal });
      bluesnap[name] = await startBlueSnapEmulator({
        ...options.bluesnap?.[name],
        credentials: account.bluesnap,
      });
      env[`PP_${account.tag}_ID`] = account.paypal.clientId;
      env[`PP_${account.tag}_SECRET`] = account.paypal.clientSecret;
      env[`BS_${account.tag}_USER`] = account.bluesnap.username;
      env[`BS_${account.tag}_PASS`] = account.bluesnap.password;
      env[baseUrlEnvName(connections.paypal, name)] = paypal[name].baseUrl;
      env[baseUrlEnvName(connections.bluesnap, name)] = bluesnap[name].baseUrl;
    }
    await writeFile(join(dir, 'plansync.yaml'), projectYaml(connections, options.follows ?? true));
    await mkdir(join(dir, 'plans'));
    for (const [name, yaml] of Object.entries(options.plans)) await writeFile(join(dir, 'plans', name), yaml);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    dir,
    env,
    paypal,
    bluesnap,
    async cli(args) {
      const result = await runCli(args, { env, cwd: dir, run: { backoff: BACKOFF } });
      for (const secret of SECRETS) {
        expect(result.stdout + result.stderr, 'a credential leaked to the output').not.toContain(secret);
      }
      expect(result.stderr, 'a stack trace reached the user').not.toMatch(/\n\s+at .+:\d+:\d+/);
      return result;
    },
    async runApply(environment, applyOptions = {}) {
      const session = await openSession({ root: dir, env, environment, backoff: BACKOFF });
      try {
        return await runApply(session, { generator: 'plansync test', ...applyOptions });
      } finally {
        await session.close();
      }
    },
    readPlans: (name) => readFile(join(dir, 'plans', name), 'utf8'),
    writePlans: (name, yaml) => writeFile(join(dir, 'plans', name), yaml),
    close,
  };
}
