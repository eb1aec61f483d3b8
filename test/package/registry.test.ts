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
