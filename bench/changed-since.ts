// Benchmark: what a pull request costs with `plan --changed-since`. A Git repository holds a large
// project (10,000 Constant Contact accounts at the standard quota; 10,000 PayPal plans over 50
// products); the working tree changes 5 plans (for PayPal, all in one product); the compiled CLI
// plans with `--changed-since HEAD`. Reported: requests by kind against the minimum (Constant
// Contact: 5 account GETs and one token; PayPal: that product's pages and one token), wall time,
// and the time from process start to the first request the emulator received. The full plan of the
// same project is measured for PayPal; for Constant Contact it takes N ÷ 4 s (42 min at 10,000), so
// it runs only with --full (`npm run bench:cc` measures it at 2,000).
//
//   npm run bench:scoped -- [--accounts N] [--plans N] [--full]

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseUrlEnvName } from '../src/engine/session.js';
import { generateAccounts, startConstantContactEmulator } from '../src/sandbox/constantcontact/index.js';
import type { RequestLogEntry } from '../src/sandbox/kit/index.js';
import { paypalEmulator, startPayPalEmulator } from '../src/sandbox/paypal/index.js';
import { generatePlans as generatePayPalPlans } from '../src/sandbox/paypal/generate.js';
import { CONNECTION } from './lib/bench-provider.js';
import { ensureFreshDist } from './lib/dist.js';
import { runCli, type CliRun } from './lib/measure.js';
import { paypalPlansYaml } from './providers/paypal.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    plans: { type: 'string', default: '10000' },
    full: { type: 'boolean', default: false },
  },
});
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
ensureFreshDist(log);

const CHANGED = 5;
const PRODUCTS = 50;

interface Row {
  provider: string;
  plans: number;
  run: string;
  exitCode: number;
  wallS: number;
  /** Process start to the first request the emulator received. */
  firstRequestS: number | null;
  requests: number;
  minimum: number;
  rssMb: number;
}

/** A Git repository whose HEAD declares the project as live; the working tree then differs. */
async function repository(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plansync-bench-scoped-'));
  await mkdir(join(dir, 'plans'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'base');
  return dir;
}

function firstRequestS(entries: readonly RequestLogEntry[], startedAt: number): number | null {
  if (entries.length === 0) return null;
  return (Math.min(...entries.map((entry) => Date.parse(entry.timestamp))) - startedAt) / 1000;
}

type Measurement = Awaited<ReturnType<typeof measure>>;

function rowOf(provider: string, plans: number, run: string, measured: Measurement, minimum: number): Row {
  return {
    provider,
    plans,
    run,
    exitCode: measured.run.code,
    wallS: measured.run.wallMs / 1000,
    firstRequestS: measured.firstRequestS,
    requests: measured.requests,
    minimum,
    rssMb: measured.run.peakRssMb,
  };
}

async function measure(
  dir: string,
  args: string[],
  env: Record<string, string>,
  emulatorLog: readonly RequestLogEntry[],
): Promise<{ run: CliRun; requests: number; firstRequestS: number | null }> {
  const before = emulatorLog.length;
  const startedAt = Date.now();
  const run = await runCli(args, dir, env);
  const mine = emulatorLog.slice(before);
  return { run, requests: mine.length, firstRequestS: firstRequestS(mine, startedAt) };
}

async function constantContact(count: number): Promise<Row[]> {
  const credentials = { apiKey: 'bench-api-key', clientId: 'bench-partner', clientSecret: 'bench-secret' };
  const accounts = generateAccounts(count, { seed: 42 });
  const emulator = await startConstantContactEmulator({
    credentials,
    accounts,
    requestsPerSecond: 4,
    requestsPerDay: 100_000,
  });
  const project = [
    'version: 1',
    'connections:',
    '  cc:',
    '    provider: constantcontact',
    '    credentials: { api_key: CC_API_KEY, client_id: CC_CLIENT_ID, client_secret: CC_CLIENT_SECRET }',
    '    options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }',
    '    limits: { requests_per_second: 4, concurrency: 4, daily_budget: 100000 }',
    '',
  ].join('\n');
  const plans = (changed: boolean) =>
    `connection: cc\nplans:\n${accounts
      .map((account, i) => {
        const type = account.plan_type ?? 'TRIAL';
        // Five accounts move between paid plan types: a change that needs each account read.
        const next =
          changed && i < CHANGED * 40 && i % 40 === 0 ? (type === 'GOLD' ? 'SILVER' : 'GOLD') : type;
        return `  a${account.encoded_account_id}:\n    encoded_account_id: ${account.encoded_account_id}\n    plan_type: ${next}`;
      })
      .join('\n')}\n`;
  const dir = await repository({ 'plansync.yaml': project, 'plans/cc.yaml': plans(false) });
  await writeFile(join(dir, 'plans', 'cc.yaml'), plans(true));
  const env = {
    CC_API_KEY: credentials.apiKey,
    CC_CLIENT_ID: credentials.clientId,
    CC_CLIENT_SECRET: credentials.clientSecret,
    [baseUrlEnvName('cc')]: emulator.baseUrl,
  };
  const rows: Row[] = [];
  try {
    const row = (name: string, measured: Measurement, minimum: number) =>
      rowOf('constantcontact', count, name, measured, minimum);
    log(`constantcontact ${count}: plan --changed-since HEAD …`);
    const scoped = await measure(dir, ['plan', '--changed-since', 'HEAD'], env, emulator.log);
    rows.push(row('plan --changed-since HEAD', scoped, CHANGED + 1));
    if (values.full) {
      log(`constantcontact ${count}: full plan (N ÷ 4 s) …`);
      rows.push(row('plan (full)', await measure(dir, ['plan'], env, emulator.log), count + 1));
    }
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function paypal(count: number): Promise<Row[]> {
  const credentials = paypalEmulator.demoCredentials;
  const products = Array.from({ length: PRODUCTS }, (_, i) => `PROD-SCOPED${String(i).padStart(11, '0')}`);
  // Plans spread over 50 products in runs of count ÷ 50, so the five changed ones share a product.
  const perProduct = Math.ceil(count / PRODUCTS);
  const live = generatePayPalPlans(count).map((plan, i) => ({
    ...plan,
    product_id: products[Math.floor(i / perProduct)] as string,
  }));
  const emulator = await startPayPalEmulator({
    credentials: { clientId: credentials.client_id, clientSecret: credentials.client_secret },
    products,
    seed: live,
    latencyMs: 50,
  });
  const project = [
    'version: 1',
    'connections:',
    `  ${CONNECTION}:`,
    '    provider: paypal',
    '    credentials: { client_id: PP_CLIENT_ID, client_secret: PP_CLIENT_SECRET }',
    '    limits: { requests_per_second: 100, concurrency: 10 }',
    '',
  ].join('\n');
  const changed = new Set(Array.from({ length: CHANGED }, (_, i) => perProduct * 7 + i * 3));
  const dir = await repository({
    'plansync.yaml': project,
    'plans/paypal.yaml': paypalPlansYaml(live, new Set()),
  });
  await writeFile(join(dir, 'plans', 'paypal.yaml'), paypalPlansYaml(live, changed));
  const env = {
    PP_CLIENT_ID: credentials.client_id,
    PP_CLIENT_SECRET: credentials.client_secret,
    [baseUrlEnvName(CONNECTION)]: emulator.baseUrl,
  };
  const pageSize = 20;
  const rows: Row[] = [];
  try {
    const row = (name: string, measured: Measurement, minimum: number) =>
      rowOf('paypal', count, name, measured, minimum);
    log(`paypal ${count}: plan --changed-since HEAD …`);
    const scoped = await measure(dir, ['plan', '--changed-since', 'HEAD'], env, emulator.log);
    rows.push(row('plan --changed-since HEAD', scoped, Math.ceil(perProduct / pageSize) + 1));
    log(`paypal ${count}: full plan …`);
    const full = await measure(dir, ['plan'], env, emulator.log);
    rows.push(row('plan (full)', full, PRODUCTS * Math.ceil(perProduct / pageSize) + 1));
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

const rows = [...(await constantContact(Number(values.accounts))), ...(await paypal(Number(values.plans)))];
const date = new Date().toISOString().slice(0, 10);
console.log(
  '| provider | plans | run | measured | exit | wall | process start to first request | requests (min) | peak RSS |',
);
console.log('| --- | ---: | --- | --- | ---: | ---: | ---: | --- | ---: |');
for (const row of rows) {
  const first = row.firstRequestS === null ? '–' : `${row.firstRequestS.toFixed(2)} s`;
  console.log(
    `| ${row.provider} | ${row.plans.toLocaleString('en-US')} | \`${row.run}\` | ${date} | ${row.exitCode} | ${row.wallS.toFixed(2)} s | ${first} | ${row.requests} (${row.minimum}) | ${Math.round(row.rssMb)} MB |`,
  );
}
process.exitCode = rows.some((row) => row.requests > row.minimum) ? 1 : 0;
