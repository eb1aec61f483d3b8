// `npm run bench:startup`: the built CLI's fixed cost (issue 18, "Start-up near the floor"): the time
// from spawning `plansync plan` to the first request reaching the emulator, at a few sizes, and the
// wall time of `plansync --version`. Medians of several runs; each plan run is stopped once its first
// request has arrived, since what follows is the read the main bench measures.
//
//   npm run bench:startup -- [--provider bluesnap|jpmmps|paypal|constantcontact] [--plans 100,10000] [--runs 7]
//                            [--node-option=--max-semi-space-size=16]

import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ensureFreshDist } from './lib/dist.js';
import { CLI, removeProject, writeProject } from './lib/measure.js';
import { benchVersion } from './lib/planner-cpu.js';
import { benchProvider } from './lib/providers.js';

const { values } = parseArgs({
  options: {
    provider: { type: 'string', default: 'bluesnap' },
    plans: { type: 'string', default: '100,10000' },
    runs: { type: 'string', default: '7' },
    latency: { type: 'string', default: '50' },
    // Extra Node options for the CLI (e.g. --max-semi-space-size=16), to try a runtime setting.
    'node-option': { type: 'string', multiple: true, default: [] },
  },
});
const provider = benchProvider(values.provider);
const runs = Number(values.runs);
const sizes = values.plans.split(',').map(Number);
const settings = { latencyMs: Number(values.latency) };
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${Math.round(x)} ms`;

/** Spawns `plan` and resolves with the ms from spawn to the first arrival in `log`, then kills it. */
async function toFirstRequest(
  dir: string,
  env: Record<string, string>,
  arrivals: readonly { timestamp: string }[],
): Promise<number> {
  const seen = arrivals.length;
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...values['node-option'], CLI, 'plan'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
  for (;;) {
    const first = arrivals[seen];
    if (first !== undefined) {
      child.kill('SIGKILL');
      await exited;
      return Date.parse(first.timestamp) - startedAt;
    }
    if (child.exitCode !== null)
      throw new Error(`plan exited ${child.exitCode} before a request:\n${stderr}`);
    await new Promise((done) => setTimeout(done, 2));
  }
}

const note = ensureFreshDist(log);
const version = benchVersion(Math.max(runs, 9));
const rows = [
  `| plansync --version | ${version.runs} | ${ms(version.medianMs)} (${ms(version.minMs)}–${ms(version.maxMs)}) |`,
];
for (const count of sizes) {
  const started = await provider.start(count, settings);
  const dir = await writeProject(provider, count, new Set(), settings);
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await toFirstRequest(dir, started.env, started.emulator.log));
    log(`${provider.id} ${count}: ${times.map(ms).join(', ')}`);
    rows.push(
      `| plan, ${provider.id}, ${count.toLocaleString('en-US')} plans: start to first request | ${runs} | ${ms(median(times))} (${ms(Math.min(...times))}–${ms(Math.max(...times))}) |`,
    );
  } finally {
    await removeProject(dir);
    await started.emulator.close();
  }
}
console.log(['| measurement | runs | median (min–max) |', '| --- | --- | --- |', ...rows].join('\n'));
if (note) console.log(note);
