// Output of the benchmark: a console table per provider and size, and the generated Markdown section
// of docs/benchmarks.md (between two markers), rebuilt from the newest result per provider and size.

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlannerResult, VersionResult } from './planner-cpu.js';
import type { Measured, ScenarioResult } from './scenario.js';

export interface BenchRun {
  date: string;
  /** ISO time the run started; the newest run wins per provider and size. */
  startedAt?: string;
  /** A named side run (e.g. `before` a fix): kept in results, left out of the docs table. */
  tag?: string;
  size: string;
  command: string;
  machine: string;
  note?: string;
  scenarios: ScenarioResult[];
  planner?: PlannerResult;
  version?: VersionResult;
}

const seconds = (ms: number) => (Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const ratio = (a: number, b: number) =>
  Number.isNaN(a) || Number.isNaN(b) || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
const mb = (value: number | null) => (value === null || Number.isNaN(value) ? '–' : `${value.toFixed(0)} MB`);
const kinds = (m: Measured) =>
  `${m.requests.list} list, ${m.requests.get} get, ${m.requests.token} token, ${m.requests.write} write`;

export function consoleTable(r: ScenarioResult): string {
  const rows: string[][] = [
    ['', 'wall', 'requests', '429s', 'peak RSS', 'exit', 'minimum', 'lower bound'],
    row('plan', r.plan, r.minimum.plan.total, r.lowerBoundMs.plan),
    row(`apply (${r.changed} changed)`, r.apply, r.minimum.apply.total, r.lowerBoundMs.apply),
    row('apply (nothing to do)', r.emptyApply, r.minimum.emptyApply.total, r.lowerBoundMs.plan),
    row('peer refresh', r.peer, r.minimum.peer.total, r.lowerBoundMs.peer),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((cells) => cells[i]!.length)));
  const lines = rows.map((cells) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  const l = r.limits;
  return [
    '',
    `== ${r.provider}, ${r.plans} plans, latency ${r.latencyMs} ms ==`,
    `inputs: page size ${l.pageSize || 'n/a (one GET per account)'}, concurrency ${l.concurrency} (listing ${l.listConcurrency}), rate ${l.rateLimit}/s (${l.rateSource})`,
    ...lines,
    `plansync plan ÷ lower bound ${ratio(r.plan.wallMs, r.lowerBoundMs.plan)}; peer ÷ plansync plan ${ratio(r.peer.wallMs, r.plan.wallMs)}`,
    ...(r.plan.phases
      ? [
          `plan: ${seconds(r.plan.phases.beforeFirstMs)} before the first request, ${seconds(r.plan.phases.requestsMs)} of requests, ${seconds(r.plan.phases.afterLastMs)} after the last`,
        ]
      : []),
    r.overMinimum.length === 0
      ? 'request counts: equal to the minimum'
      : `OVER MINIMUM: ${r.overMinimum.join('; ')}`,
  ].join('\n');

  function row(name: string, m: Measured, min: number, bound: number): string[] {
    return [
      name,
      seconds(m.wallMs),
      `${m.requests.total} (${kinds(m)})`,
      String(m.requests.throttled),
      mb(m.peakRssMb),
      String(m.exitCode),
      String(min),
      seconds(bound),
    ];
  }
}

const START = '<!-- bench:generated:start (npm run bench rewrites this section) -->';
const END = '<!-- bench:generated:end -->';

/** The newest result per provider and plan count across every results file, and the newest planner figures. */
async function newestResults(
  dir: string,
): Promise<{ runs: Map<string, { run: BenchRun; s: ScenarioResult }>; planner?: BenchRun }> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  const all = await Promise.all(
    files.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as BenchRun),
  );
  all.sort((a, b) => (a.startedAt ?? a.date).localeCompare(b.startedAt ?? b.date));
  const runs = new Map<string, { run: BenchRun; s: ScenarioResult }>();
  let planner: BenchRun | undefined;
  for (const run of all) {
    if (run.tag !== undefined) continue;
    if (run.planner) planner = run;
    if (run.size === 'ci') continue;
    for (const s of run.scenarios) runs.set(`${s.provider}/${String(s.plans).padStart(7, '0')}`, { run, s });
  }
  return { runs, ...(planner ? { planner } : {}) };
}

function markdownSection(
  runs: Map<string, { run: BenchRun; s: ScenarioResult }>,
  planner?: BenchRun,
): string {
  const lines = [
    START,
    '',
    '## Plan and apply at scale, beside a refresh-style peer and the lower bound',
    '',
    '`npm run bench -- --size full` (sizes: `ci` 100 plans / 20 accounts, `small` 1,000 / 500, `full` adds',
    '10,000 / 5,000; `--provider ID` and `--latency MS` narrow it). Emulators run in the benchmark process',
    'with generated inventories, a fixed latency per request and a rate limit; plansync runs as the',
    'compiled CLI in a child process, so wall time and peak RSS are its own. The peer reads the way',
    "Terraform's refresh does: one GET per declared plan by id, parallelism 10, retrying 429s with backoff.",
    'The lower bound is max(minimum requests ÷ usable concurrency × latency, minimum requests ÷ rate',
    'limit), plus one latency for a token request. Times are from 2 shared, noisy cores: compare ratios,',
    'not seconds; request counts are exact. "Emulator CPU in it" is the CPU the benchmark process (the',
    'emulators) spent during the plan: time the CLI spent waiting on the emulators rather than on the',
    'latency or the rate limit. "Plan before / after requests" splits the plan\'s wall time at the first',
    'and last request the emulator received: process start and loading the project before, the last',
    'answer, planning, rendering and exit after.',
    '',
    '| provider | plans | measured | plan wall | emulator CPU in it | lower bound | plan ÷ bound | plan before / after requests | plan requests (min) | plan 429s | peer wall | peer requests | peer 429s | peer ÷ plan | apply wall | apply requests (min) | apply writes (min) | empty apply writes | peak RSS |',
    '| -------- | ----: | -------- | --------: | -----------------: | ----------: | -----------: | --------------------------: | ------------------- | --------: | --------: | ------------: | --------: | ----------: | ---------: | -------------------- | -----------------: | -----------------: | -------: |',
  ];
  const keys = [...runs.keys()].sort();
  for (const key of keys) {
    const { run, s } = runs.get(key)!;
    lines.push(
      `| ${s.provider} | ${s.plans.toLocaleString('en-US')} | ${run.date} | ${seconds(s.plan.wallMs)} | ${seconds(s.plan.benchCpuMs ?? Number.NaN)} | ${seconds(s.lowerBoundMs.plan)} | ${ratio(s.plan.wallMs, s.lowerBoundMs.plan)} | ${s.plan.phases ? `${seconds(s.plan.phases.beforeFirstMs)} / ${seconds(s.plan.phases.afterLastMs)}` : '–'} | ${s.plan.requests.total} (${s.minimum.plan.total}) | ${s.plan.requests.throttled} | ${seconds(s.peer.wallMs)} | ${s.peer.requests.total} | ${s.peer.requests.throttled} | ${ratio(s.peer.wallMs, s.plan.wallMs)} | ${seconds(s.apply.wallMs)} | ${s.apply.requests.total} (${s.minimum.apply.total}) | ${s.apply.requests.write} (${s.minimum.apply.write}) | ${s.emptyApply.requests.write} | ${mb(Math.max(s.plan.peakRssMb ?? 0, s.apply.peakRssMb ?? 0, s.emptyApply.peakRssMb ?? 0))} |`,
    );
  }
  lines.push('', 'Inputs of the lower bound (latency per request as measured):', '');
  // Each provider's inputs as its newest run states them (older results may predate a figure).
  const newest = new Map<string, { run: BenchRun; s: ScenarioResult }>();
  for (const key of keys) {
    const entry = runs.get(key)!;
    const known = newest.get(entry.s.provider);
    if (known === undefined || entry.run.date >= known.run.date) newest.set(entry.s.provider, entry);
  }
  for (const { s } of [...newest.values()].sort((a, b) => a.s.provider.localeCompare(b.s.provider))) {
    const l = s.limits;
    lines.push(
      `- ${s.provider}: latency ${s.latencyMs} ms; ${l.pageSize ? `largest page ${l.pageSize}` : 'no bulk read: one GET per account'}; concurrency ${l.concurrency}${l.listConcurrency !== l.concurrency ? ` (the listing follows a cursor: ${l.listConcurrency})` : ''}; rate ${l.rateLimit}/s, ${l.rateSource}${l.tokenRequest ? '; one token request first' : ''}${verifiedWrites(l.verifyReads)}.`,
    );
  }
  if (planner?.planner && planner.version) {
    lines.push(
      '',
      `Pure planner (src/core/planner.ts, ${planner.planner.plans.toLocaleString('en-US')} in-memory PayPal plans, ${planner.planner.updates.toLocaleString('en-US')} changed): ${planner.planner.cpuMs.toFixed(0)} ms CPU (${planner.date}).`,
      `\`plansync --version\`: median ${planner.version.medianMs.toFixed(0)} ms over ${planner.version.runs} runs (min ${planner.version.minMs.toFixed(0)}, max ${planner.version.maxMs.toFixed(0)}).`,
    );
  }
  const machines = new Set([...runs.values()].map(({ run }) => run.machine));
  lines.push('', `Machine: ${[...machines].join('; ')}.`, '', END);
  return lines.join('\n');
}

export async function updateBenchmarksDoc(
  dir: string,
  docPath: string,
  format: (path: string, text: string) => Promise<string>,
): Promise<void> {
  const { runs, planner } = await newestResults(dir);
  const section = markdownSection(runs, planner);
  const doc = await readFile(docPath, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}`
      : `${doc.trimEnd()}\n\n${section}\n`;
  await writeFile(docPath, await format(docPath, next));
}

/** What verified writes cost per update; results from before they existed carry no figure. */
function verifiedWrites(reads: number | undefined): string {
  if (reads === undefined) return '';
  return reads === 0
    ? "; verified writes: each write's answer is checked, no extra request"
    : `; verified writes: ${reads} GET after each update (the writes answer without the plan)`;
}
