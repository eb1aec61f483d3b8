// Profiles one plansync command against one generated inventory: starts the emulator in process, runs
// the compiled CLI with --cpu-prof (profiles in bench/results/profiles/) and reports wall time and the
// emulator's own CPU time, to tell where time goes. Rerun:
//   npx tsx bench/profile.ts PROVIDER PLANS [plan|apply] [LATENCY_MS]

import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI, ROOT, countRequests, removeProject, writeProject } from './lib/measure.js';
import { benchProvider } from './lib/providers.js';

const [id = 'paypal', plans = '1000', command = 'plan', latency = '50'] = process.argv.slice(2);
const provider = benchProvider(id);
const count = Number(plans);
const started = await provider.start(count, { latencyMs: Number(latency) });
const dir = await writeProject(provider, count, command === 'apply' ? provider.changeSet(count) : new Set());
const profiles = join(ROOT, 'bench/results/profiles');
await mkdir(profiles, { recursive: true });
const cpu = process.cpuUsage();
const t0 = performance.now();
const child = spawn(
  process.execPath,
  [
    '--cpu-prof',
    `--cpu-prof-dir=${profiles}`,
    CLI,
    command,
    ...(command === 'apply' ? ['--auto-approve'] : []),
  ],
  {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...started.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const code = await new Promise<number | null>((done) => child.on('close', done));
const used = process.cpuUsage(cpu);
console.log(
  `${id} ${count} ${command}: exit ${code}, ${((performance.now() - t0) / 1000).toFixed(1)} s wall; ` +
    `emulator CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; requests ${JSON.stringify(countRequests(started.emulator.log, provider.classify))}`,
);
await removeProject(dir);
await started.emulator.close();
