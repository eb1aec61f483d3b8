// `npm run bench`: plansync's plan and apply against in-process emulators with generated inventories, a
// fixed latency per request and each provider's rate limit, beside a Terraform-refresh-like peer and the
// lower bound for the same work; then the pure planner over 100,000 plans and `plansync --version`.
// Prints a table per provider and size, writes bench/results/<date>-<size>[-<provider>].json and
// regenerates the generated section of docs/benchmarks.md from every results file.
//
//   npm run bench -- [--size ci|small|full] [--provider bluesnap|paypal|jpmmps|constantcontact]
//                    [--latency MS] [--only plan,apply,emptyApply,peer] [--tag NAME] [--no-planner] [--no-docs]

import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { ensureFreshDist } from './lib/dist.js';
import { ROOT } from './lib/measure.js';
import { benchPlanner, benchVersion } from './lib/planner-cpu.js';
import { BENCH_PROVIDERS, benchProvider } from './lib/providers.js';
import { runScenario } from './lib/scenario.js';
import { type BenchRun, consoleTable, updateBenchmarksDoc } from './lib/report.js';

/** Plans per size; `accounts` for quota-bound providers (Constant Contact's 4 requests/s). */
export const SIZES = {
  ci: { plans: [100], accounts: [20] },
  small: { plans: [1_000], accounts: [500] },
  full: { plans: [1_000, 10_000], accounts: [500, 5_000] },
} as const;
export type SizeName = keyof typeof SIZES;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' },
    provider: { type: 'string', multiple: true },
    latency: { type: 'string', default: '50' },
    'no-planner': { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    only: { type: 'string' },
    tag: { type: 'string' },
  },
});
const size = values.size as SizeName;
if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const chosen = values.provider?.map(benchProvider) ?? BENCH_PROVIDERS;
const latencyMs = Number(values.latency);
const only =
  values.only === undefined
    ? undefined
    : new Set(values.only.split(',') as Array<'plan' | 'apply' | 'emptyApply' | 'peer'>);
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const note = ensureFreshDist(log);
const date = new Date().toISOString().slice(0, 10);
const run: BenchRun = {
  date,
  startedAt: new Date().toISOString(),
  ...(values.tag ? { tag: values.tag } : {}),
  size,
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), shared with other jobs (load average ${loadavg()[0]?.toFixed(1)} at start); Node ${process.version}`,
  ...(note ? { note } : {}),
  scenarios: [],
};

for (const provider of chosen) {
  const counts = provider.quotaBound ? SIZES[size].accounts : SIZES[size].plans;
  for (const count of counts) {
    // A quota-bound provider is bound by its quota, not CPU: at 500+ accounts its four measurements
    // share the wait (each on its own emulator and quota).
    const result = await runScenario(provider, count, {
      latencyMs,
      concurrent: provider.quotaBound === true && count >= 500,
      log,
      ...(only ? { only } : {}),
    });
    run.scenarios.push(result);
    console.log(consoleTable(result));
  }
}
if (!values['no-planner'] && values.provider === undefined) {
  log('planner over 100,000 plans …');
  run.planner = benchPlanner(100_000);
  run.version = benchVersion();
  console.log(
    `pure planner: ${run.planner.plans} plans in ${run.planner.cpuMs.toFixed(0)} ms CPU (${run.planner.updates} updates); ` +
      `plansync --version: median ${run.version.medianMs.toFixed(0)} ms of ${run.version.runs}`,
  );
}

const dir = join(ROOT, 'bench/results');
await mkdir(dir, { recursive: true });
const suffix = `${values.provider === undefined ? '' : `-${chosen.map((p) => p.id).join('-')}`}${values.tag ? `-${values.tag}` : ''}`;
const file = join(dir, `${date}-${size}${suffix}.json`);
await writeFile(file, await formatted(file, JSON.stringify(run, null, 2)));
log(`wrote ${file}`);
if (!values['no-docs']) {
  await updateBenchmarksDoc(dir, join(ROOT, 'docs/benchmarks.md'), formatted);
  log('updated docs/benchmarks.md');
}
const over = run.scenarios.flatMap((s) => s.overMinimum.map((line) => `${s.provider} ${s.plans}: ${line}`));
if (over.length > 0) {
  console.error(`Request counts above the minimum:\n${over.join('\n')}`);
  process.exitCode = 1;
}

/** Written files pass `npm run format:check`. */
async function formatted(path: string, text: string): Promise<string> {
  const config = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...config, filepath: path });
}
