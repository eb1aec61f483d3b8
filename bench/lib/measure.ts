// What one benchmark measurement does: write a project, run the compiled CLI as a child process (its
// own wall time and peak RSS), run the Terraform-refresh-like peer in process, sort an emulator's
// request log into kinds, and compute the minimum requests and the lower bound on time.

import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import type { RequestLogEntry } from '../../src/sandbox/kit/index.js';
import type { BenchProvider, BenchSettings, LimitInputs, PeerTarget, RequestKind } from './bench-provider.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli/main.js');

/** Written into the CLI process with --import: its own peak RSS (KiB) lands in $BENCH_RSS_FILE at exit. */
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';process.on('exit',()=>{const f=process.env.BENCH_RSS_FILE;if(f)writeFileSync(f,String(process.resourceUsage().maxRSS))});",
)}`;

export interface Counts {
  list: number;
  get: number;
  token: number;
  write: number;
  throttled: number;
  total: number;
}

export function countRequests(
  log: readonly RequestLogEntry[],
  classify: (e: RequestLogEntry) => RequestKind,
): Counts {
  const counts: Counts = { list: 0, get: 0, token: 0, write: 0, throttled: 0, total: 0 };
  for (const entry of log) {
    counts.total++;
    if (entry.status === 429) counts.throttled++;
    counts[classify(entry)]++;
  }
  return counts;
}

export interface CliRun {
  code: number;
  wallMs: number;
  /** Peak resident set of the CLI process, MiB. */
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string, env: Record<string, string>): Promise<CliRun> {
  const rssFile = join(cwd, '.bench-rss');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_PRELOAD, CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (status) => done(status ?? -1));
  });
  const wallMs = performance.now() - started;
  const rssKb = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
  return { code, wallMs, peakRssMb: rssKb / 1024, stdout, stderr };
}

/** The same command through `run()` of src/cli in this process: exact counts, no RSS of its own. */
export async function runInProcess(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<CliRun> {
  const { run } = await import('../../src/cli/run.js');
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await run(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    cwd,
    isTTY: false,
    confirm: async () => false,
  });
  return { code, wallMs: performance.now() - started, peakRssMb: Number.NaN, stdout, stderr };
}

/** A temporary project declaring `count` plans of one provider; `changed` differ from live. */
export async function writeProject(
  provider: BenchProvider,
  count: number,
  changed: ReadonlySet<number>,
  settings?: BenchSettings,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `plansync-bench-${provider.id}-`));
  await mkdir(join(dir, 'plans'));
  await writeFile(join(dir, 'plansync.yaml'), provider.projectYaml(settings));
  await writeFile(join(dir, 'plans', 'bench.yaml'), provider.plansYaml(count, changed));
  return dir;
}

export async function removeProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface PeerRun {
  wallMs: number;
  /** GETs that failed for another reason than 429 after retries (should be 0). */
  failures: number;
}

/**
 * The peer: reconciles the way Terraform's refresh does, one read request per declared plan by id with
 * parallelism 10. Like Terraform providers it retries a 429 with exponential backoff (Retry-After when
 * sent), and it does not pace itself.
 */
export async function runPeer(
  target: PeerTarget,
  ids: readonly string[],
  parallelism: number,
): Promise<PeerRun> {
  const started = performance.now();
  const headers = await target.authenticate();
  const limit = pLimit(parallelism);
  let failures = 0;
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        for (let attempt = 0; ; attempt++) {
          const response = await fetch(target.urlFor(id), { headers });
          await response.arrayBuffer();
          if (response.status === 429 && attempt < 8) {
            const after = Number(response.headers.get('retry-after'));
            const wait =
              Number.isFinite(after) && after > 0 ? after * 1000 : Math.min(100 * 2 ** attempt, 5000);
            await new Promise((done) => setTimeout(done, wait));
            continue;
          }
          if (!response.ok) failures++;
          return;
        }
      }),
    ),
  );
  return { wallMs: performance.now() - started, failures };
}

/** The fewest requests that read `count` plans: list pages at the largest size, or one GET each. */
export function minimumReads(
  limits: LimitInputs,
  count: number,
  listPages?: (count: number) => number,
): { list: number; get: number; token: number } {
  const token = limits.tokenRequest ? 1 : 0;
  if (limits.pageSize === 0) return { list: 0, get: count, token };
  return { list: listPages?.(count) ?? Math.max(1, Math.ceil(count / limits.pageSize)), get: 0, token };
}

/**
 * Lower bound on wall time for `requests` requests: spread over the usable concurrency, each costs one
 * latency; or, paced at the rate limit, one interval each; whichever is larger. Token requests are
 * served before the rest and are outside Constant Contact's quota: they add one latency.
 */
export function lowerBoundMs(
  requests: number,
  concurrency: number,
  rateLimit: number,
  latencyMs: number,
  tokenRequests: number,
): number {
  const byLatency = Math.ceil(requests / concurrency) * latencyMs;
  const byRate = (requests / rateLimit) * 1000;
  return Math.max(byLatency, byRate) + tokenRequests * latencyMs;
}
