// `npm run bench:startup`: the built CLI's fixed cost (issue 18, "Start-up near the floor"): the time
// from spawning `plansync plan` to the first request reaching the emulator, at a few sizes, and the
// wall time of `plansync --version`. Medians of several runs; each plan run is stopped once its first
// request has arrived, since what follows is the read the main bench measures.
//
//   npm run bench:startup -- [--provider bluesnap|jpmmps|paypal|constantcontact] [--plans 100,10000] [--runs 7]
//                            [--cli path/to/dist/cli/main.js] [--node-option=--max-semi-space-size=16]

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFreshDist } from './lib/dist.js';
import { CLI, removeProject, writeProject } from './lib/measure.js';
import { benchProvider } from './lib/providers.js';

const { values } = parseArgs({
  options: {
    provider: { type: 'string', default: 'bluesnap' },
    plans: { type: 'string', default: '100,10000' },
    runs: { type: 'string', default: '7' },
    latency: { type: 'string', default: '50' },
    // Another build of the CLI (e.g. a worktree of the commit before a change), for a before/after.
    cli: { type: 'string', default: CLI },
    // Extra Node options for the CLI (e.g. --max-semi-space-size=16), to try a runtime setting.
    'node-option': { type: 'string', multiple: true, default: [] },
  },
});
const provider = benchProvider(values.provider);
const cli = resolve(values.cli);
const runs = Number(values.runs);
const sizes = values.plans.split(',').map(Number);
const settings = { latencyMs: Number(values.latency) };
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${Math.round(x)} ms`;

/**
 * CPU (user + system) a process has used so far, ms, from /proc (Linux; NaN elsewhere). On a machine
 * shared with other jobs the wall time swings with their load; the CPU time hardly does.
 */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** USER_HZ: the unit of /proc/<pid>/stat's times; 100 on every Linux plansync is benched on. */
const CLOCK_TICKS = 100;

/**
 * Spawns `plan` and resolves with the ms from spawn to the first arrival in `log` and the CPU the
 * process had used by then, then kills it.
 */
async function toFirstRequest(
  dir: string,
  env: Record<string, string>,
  arrivals: readonly { timestamp: string }[],
): Promise<{ wallMs: number; cpuMs: number }> {
  const seen = arrivals.length;
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...values['node-option'], cli, 'plan'], {
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
      const cpuMs = cpuMsOf(child.pid);
      child.kill('SIGKILL');
      await exited;
      return { wallMs: Date.parse(first.timestamp) - startedAt, cpuMs };
    }
    if (child.exitCode !== null)
      throw new Error(`plan exited ${child.exitCode} before a request:\n${stderr}`);
    await new Promise((done) => setTimeout(done, 2));
  }
}

const note = ensureFreshDist(log);
const versionTimes: number[] = [];
for (let i = 0; i < Math.max(runs, 9); i++) {
  const started = performance.now();
  const out = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
  versionTimes.push(performance.now() - started);
  if (out.status !== 0) throw new Error(`plansync --version exited ${String(out.status)}: ${out.stderr}`);
}
const spread = (xs: number[]) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
const rows = [`| plansync --version | ${versionTimes.length} | ${spread(versionTimes)} | – |`];
for (const count of sizes) {
  const started = await provider.start(count, settings);
  const dir = await writeProject(provider, count, new Set(), settings);
  try {
    const times: Array<{ wallMs: number; cpuMs: number }> = [];
    for (let i = 0; i < runs; i++) times.push(await toFirstRequest(dir, started.env, started.emulator.log));
    const wall = times.map((t) => t.wallMs);
    const cpu = times.map((t) => t.cpuMs);
    log(`${provider.id} ${count}: ${wall.map(ms).join(', ')}`);
    rows.push(
      `| plan, ${provider.id}, ${count.toLocaleString('en-US')} plans: start to first request | ${runs} | ${spread(wall)} | ${spread(cpu)} |`,
    );
  } finally {
    await removeProject(dir);
    await started.emulator.close();
  }
}
console.log(
  [
    '| measurement | runs | wall, median (min–max) | CPU of the process, median (min–max) |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
if (note) console.log(note);
