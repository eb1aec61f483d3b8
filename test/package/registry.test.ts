// plansync as a user gets it: packed, published to a local npm registry (Verdaccio, in this process,
// its storage in a temporary directory, other packages proxied from the public registry), installed
// into an empty directory with `npm install -D plansync`, and run with `npx plansync`: --version,
// validate, and a plan against `npx plansync sandbox`. Also: what the tarball holds, and that
// `npm publish` keeps the `bin`. Nothing here touches the user's ~/.npmrc: npm reads a temporary
// user config (NPM_CONFIG_USERCONFIG) holding the registry and a throwaway token.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runServer } from 'verdaccio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { version: string };

/** Installs take minutes on a busy machine, the first one with dependencies from the network. */
const SLOW = 15 * 60_000;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

let base: string;
let registry: string;
let server: Server | undefined;
let env: NodeJS.ProcessEnv;
let sandbox: ChildProcess | undefined;
const timings: string[] = [];

/** The environment without what an enclosing `npm test` passes to its scripts (npm_config_*, npm_*). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && !/^NPM_CONFIG_/i.test(name)),
  );
}

function run(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs, and fails with what it printed unless it exits 0. */
async function ok(command: string, args: string[], cwd: string): Promise<Ran> {
  const started = Date.now();
  const ran = await run(command, args, cwd);
  timings.push(`${command} ${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (ran.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
  return ran;
}

async function startRegistry(): Promise<void> {
  const config = join(base, 'verdaccio.yaml');
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(join(base, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(base, 'htpasswd'))}`,
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      '    timeout: 60s',
      'packages:',
      // Only what this test publishes: never the public registry's package of the same name.
      '  plansync:',
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  const app = (await runServer(config)) as { listen(port: number, host: string): Server };
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server?.once('listening', resolve);
    server?.once('error', reject);
  });
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  // A throwaway user: Verdaccio's htpasswd plugin creates it and answers with a token.
  const response = await fetch(`${registry}-/user/org.couchdb.user:plansync-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'plansync-test', password: 'plansync-test-password' }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || !token) throw new Error(`could not create the registry user: ${response.status}`);

  const userconfig = join(base, '.npmrc');
  const host = registry.replace(/^http:/, '');
  await writeFile(
    userconfig,
    [`registry=${registry}`, `${host}:_authToken=${token}`, 'fund=false', 'audit=false', ''].join('\n'),
  );
  env = {
    ...cleanEnv(),
    NPM_CONFIG_USERCONFIG: userconfig,
    npm_config_registry: registry,
    npm_config_update_notifier: 'false',
  };
}

/** One plan in the plans file `init` wrote for paypal-live. */
async function writePlans(dir: string): Promise<void> {
  const file = join(dir, 'plans', 'paypal-live.yaml');
  // init's first line (the editor's schema line) stays; the plan replaces `plans: {}`.
  const [modeline] = (await readFile(file, 'utf8')).split('\n');
  await writeFile(
    file,
    [
      modeline,
      'connection: paypal-live',
      'plans:',
      '  starter-monthly:',
      '    product_id: PROD-PLANSYNCDEMO00001',
      '    name: Starter Monthly',
      '    billing_cycles:',
      '      - tenure_type: REGULAR',
      '        sequence: 1',
      '        frequency: { interval_unit: MONTH, interval_count: 1 }',
      '        total_cycles: 0',
      "        pricing_scheme: { fixed_price: { value: '12', currency_code: USD } }",
      '    payment_preferences:',
      '      auto_bill_outstanding: true',
      '',
    ].join('\n'),
  );
}

/** `npx plansync sandbox`, running until killed: the variables it prints, once it is listening. */
function startSandbox(cwd: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    // Its own process group: npx runs plansync as a child, and both go when the group is signalled.
    const child = spawn('npx', ['plansync', 'sandbox'], { cwd, env, detached: true, stdio: 'pipe' });
    sandbox = child;
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Press Ctrl-C to stop.')) return;
      const variables: Record<string, string> = {};
      for (const [, name, value] of stdout.matchAll(/^\s*export ([A-Z0-9_]+)=(.*)$/gm))
        variables[name as string] = value as string;
      resolve(variables);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`plansync sandbox exited ${code}\n${stdout}\n${stderr}`)));
  });
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'plansync-package-'));
  await startRegistry();
  // `npm pack` runs prepack (the build) first, as `npm publish` does.
  await ok('npm', ['pack', '--pack-destination', base], repo);
}, SLOW);

afterAll(async () => {
  if (sandbox?.pid !== undefined && sandbox.exitCode === null) {
    try {
      process.kill(-sandbox.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (base) await rm(base, { recursive: true, force: true });
  console.log(`package test timings:\n  ${timings.join('\n  ')}`);
}, SLOW);

describe('the packed package', () => {
  it('holds no tests, benchmarks or source maps, and does hold what runs', async () => {
    const { stdout } = await ok('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], repo);
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const files = (packed?.files ?? []).map((file) => file.path);

    expect(files.filter((file) => /^(test|bench)\/|\.map$|\.test\.js$/.test(file))).toEqual([]);
    for (const needed of [
      'LICENSE',
      'dist/cli/main.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/sandbox/sandbox.js',
      'dist/demo/main.js',
      'plansync.yaml',
      'plans/paypal.yaml',
      'examples/environments/plansync.yaml',
      'examples/environments/plans/paypal.yaml',
      'schemas/plan.v1.schema.json',
      'schemas/compare.v1.schema.json',
    ])
      expect(files).toContain(needed);
  });

  it('keeps its bin through npm publish', async () => {
    const { stdout, stderr } = await ok(
      'npm',
      ['publish', '--dry-run', '--ignore-scripts', '--registry', registry],
      repo,
    );

    expect(`${stdout}\n${stderr}`).not.toMatch(/bin|auto-corrected/i);
  });
});

describe('installed from a registry into an empty directory', () => {
  it(
    'runs --version, validate, and a plan against its own sandbox',
    async () => {
      await ok('npm', ['publish', join(base, `plansync-${pkg.version}.tgz`)], base);

      const consumer = join(base, 'consumer');
      await mkdir(consumer);
      await writeFile(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
      await ok('npm', ['install', '-D', 'plansync'], consumer);

      const version = await ok('npx', ['plansync', '--version'], consumer);
      expect(version.stdout.trim()).toBe(pkg.version);

      const init = ['plansync', 'init', '--provider', 'paypal', '--connection', 'paypal-live'];
      const first = await ok('npx', init, consumer);
      expect(first.stdout).toContain('wrote plansync.yaml');
      await ok('npx', ['plansync', 'validate'], consumer);
      const again = await ok('npx', init, consumer);
      expect(again.stdout).toContain('Nothing to do');
      // The editor's schema line points at the schema the package installed.
      const plansFile = await readFile(join(consumer, 'plans', 'paypal-live.yaml'), 'utf8');
      const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(plansFile)?.[1];
      expect(schema).toMatch(/^\.\.\/node_modules\/plansync\/schemas\//);
      await readFile(join(consumer, 'plans', schema as string), 'utf8');

      await writePlans(consumer);
      await ok('npx', ['plansync', 'validate'], consumer);

      // The library entry resolves through `exports` and loads the same project.
      const library = await ok(
        'node',
        [
          '--input-type=module',
          '-e',
          "import { loadProject, plan, apply } from 'plansync';" +
            'const project = await loadProject();' +
            'console.log(project.connections.map((c) => c.name).join(), typeof plan, typeof apply);',
        ],
        consumer,
      );
      expect(library.stdout.trim()).toBe('paypal-live function function');

      const variables = await startSandbox(consumer);
      expect(Object.keys(variables)).toContain('PLANSYNC_BASE_URL_PAYPAL_LIVE');
      const saved = env;
      env = { ...env, ...variables };
      let plan: Ran;
      try {
        plan = await run('npx', ['plansync', 'plan', '--detailed-exitcode'], consumer);
      } finally {
        env = saved;
      }

      expect([0, 2], `${plan.stdout}\n${plan.stderr}`).toContain(plan.code);
      expect(plan.stdout).toContain('paypal-live');
      expect(plan.stdout).toContain('starter-monthly');
    },
    SLOW,
  );
});
