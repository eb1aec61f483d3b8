// One provider at one size: plansync `plan` (every plan declared, nothing to change), `apply` of a
// change set touching 10% of the plans, `apply` with nothing to change, and the peer's refresh, each on
// a fresh emulator with the same generated inventory. Returns figures and the minimums they are held to.

import {
  type Counts,
  type CliRun,
  countRequests,
  lowerBoundMs,
  minimumReads,
  removeProject,
  runCli,
  runInProcess,
  runPeer,
  writeProject,
} from './measure.js';
import type { BenchProvider, BenchSettings, LimitInputs } from './bench-provider.js';

export interface Measured {
  exitCode: number;
  wallMs: number;
  /** CPU the benchmark process (the emulators; the peer too) spent meanwhile, ms: emulator cost in the wall time. */
  benchCpuMs?: number;
  peakRssMb: number | null;
  requests: Counts;
  /**
   * Where the wall time went, from the emulator's arrival times: before the first request arrived
   * (process start, loading the project), from the first to the last arrival (the reading, or the
   * reading and writing), and after the last arrival (its answer, planning, rendering, exit).
   */
  phases?: { beforeFirstMs: number; requestsMs: number; afterLastMs: number };
}

interface Minimum {
  list: number;
  get: number;
  token: number;
  write: number;
  total: number;
}

export interface ScenarioResult {
  provider: string;
  plans: number;
  latencyMs: number;
  limits: LimitInputs;
  changed: number;
  minimum: { plan: Minimum; apply: Minimum; emptyApply: Minimum; peer: Minimum };
  lowerBoundMs: { plan: number; apply: number; peer: number };
  plan: Measured;
  apply: Measured;
  emptyApply: Measured;
  peer: Measured & { failures: number };
  /** Request counts above the minimum, by measurement and kind; empty when all equal it. */
  overMinimum: string[];
}

export interface ScenarioOptions extends BenchSettings {
  /** Run the four measurements at once (each has its own emulator): for rate-bound providers. */
  concurrent: boolean;
  /** Only these measurements; the others are reported as not run (NaN wall, zero requests). */
  only?: ReadonlySet<'plan' | 'apply' | 'emptyApply' | 'peer'>;
  /** Run the CLI in this process (`run()` from src/cli, for the CI test) instead of the compiled child. */
  inProcess?: boolean;
  log?: (line: string) => void;
}

/** Pause between the starts of concurrent measurements. */
const STAGGER_MS = 15_000;

/** A measurement left out with --only. */
const notRun: Measured & { failures: number } = {
  exitCode: 0,
  wallMs: Number.NaN,
  peakRssMb: null,
  requests: { list: 0, get: 0, token: 0, write: 0, throttled: 0, total: 0 },
  failures: 0,
};

const EXPECTED_EXIT = { plan: 0, apply: 0, emptyApply: 0 };

export async function runScenario(
  provider: BenchProvider,
  count: number,
  options: ScenarioOptions,
): Promise<ScenarioResult> {
  const log = options.log ?? (() => {});
  const changes = provider.changeSet(count);
  const limits = provider.limits;
  const reads = minimumReads(limits, count, provider.listPages);
  // The peer reads every declared object once: `count` plans, or more where one plan holds several.
  const peerReads = provider.ids(count).length;
  const readTotal = reads.list + reads.get + reads.token;
  const k = changes.size;
  const minimum = {
    plan: { ...reads, write: 0, total: readTotal },
    // The design reads each changed plan once more before writing it (freshness check; BlueSnap's
    // PUT also needs the whole live plan), then sends exactly one write, then reads it back where the
    // write's answer does not carry the plan (verified writes).
    apply: {
      ...reads,
      get: reads.get + k * (1 + limits.verifyReads),
      write: k,
      total: readTotal + (2 + limits.verifyReads) * k,
    },
    emptyApply: { ...reads, write: 0, total: readTotal },
    peer: { list: 0, get: peerReads, token: reads.token, write: 0, total: peerReads + reads.token },
  };
  const apiReads = reads.list + reads.get;
  const perChange = 2 + limits.verifyReads;
  const listConcurrency = reads.list > 0 ? limits.listConcurrency : limits.concurrency;
  const lowerBound = {
    plan: lowerBoundMs(apiReads, listConcurrency, limits.rateLimit, options.latencyMs, reads.token),
    apply:
      lowerBoundMs(apiReads, listConcurrency, limits.rateLimit, options.latencyMs, reads.token) +
      // k sequences (GET, its write, any read-back): each costs one latency and one rate-limit slot
      // per request.
      lowerBoundMs(k, limits.concurrency, limits.rateLimit / perChange, perChange * options.latencyMs, 0),
    peer: lowerBoundMs(peerReads, limits.concurrency, limits.rateLimit, options.latencyMs, reads.token),
  };

  const cli = async (name: keyof typeof EXPECTED_EXIT, changed: ReadonlySet<number>, args: string[]) => {
    const started = await provider.start(count, options);
    const dir = await writeProject(provider, count, changed, options);
    try {
      log(`${provider.id} ${count}: ${name} …`);
      const cpu = process.cpuUsage();
      const startedAt = Date.now();
      const run: CliRun = options.inProcess
        ? await runInProcess(args, dir, started.env)
        : await runCli(args, dir, started.env);
      const endedAt = Date.now();
      const used = process.cpuUsage(cpu);
      const phases = phasesOf(started.emulator.log, startedAt, endedAt);
      const measured: Measured = {
        exitCode: run.code,
        wallMs: run.wallMs,
        benchCpuMs: (used.user + used.system) / 1000,
        peakRssMb: options.inProcess ? null : run.peakRssMb,
        requests: countRequests(started.emulator.log, provider.classify),
        ...(phases ? { phases } : {}),
      };
      if (run.code !== EXPECTED_EXIT[name]) {
        log(
          `${provider.id} ${count}: ${name} exited ${run.code}\n${run.stderr.slice(-3000)}\n${run.stdout.slice(-3000)}`,
        );
      }
      log(`${provider.id} ${count}: ${name} done in ${(run.wallMs / 1000).toFixed(1)} s`);
      return measured;
    } finally {
      await removeProject(dir);
      await started.emulator.close();
    }
  };
  const peer = async (): Promise<Measured & { failures: number }> => {
    const started = await provider.start(count, options);
    try {
      log(`${provider.id} ${count}: peer …`);
      const cpu = process.cpuUsage();
      const run = await runPeer(started.peer, provider.ids(count), limits.concurrency);
      const used = process.cpuUsage(cpu);
      log(`${provider.id} ${count}: peer done in ${(run.wallMs / 1000).toFixed(1)} s`);
      return {
        exitCode: run.failures === 0 ? 0 : 1,
        wallMs: run.wallMs,
        benchCpuMs: (used.user + used.system) / 1000,
        peakRssMb: null,
        requests: countRequests(started.emulator.log, provider.classify),
        failures: run.failures,
      };
    } finally {
      await started.emulator.close();
    }
  };

  const none = new Set<number>();
  const skip = <T extends Measured>(name: keyof ScenarioResult['minimum'], step: () => Promise<T>) =>
    options.only === undefined || options.only.has(name) ? step : async () => notRun as unknown as T;
  const steps = [
    skip('plan', () => cli('plan', none, ['plan', '--detailed-exitcode'])),
    skip('apply', () => cli('apply', changes, ['apply', '--auto-approve'])),
    skip('emptyApply', () => cli('emptyApply', none, ['apply', '--auto-approve'])),
    skip('peer', peer),
  ] as const;
  let results: [Measured, Measured, Measured, Measured & { failures: number }];
  if (options.concurrent) {
    // Staggered so that CLI start-ups (CPU-heavy on 2 cores) do not stall the emulators' event loop,
    // which would bunch arrivals into one quota second; the peer, which meets 429s, starts last.
    const after = <T>(i: number, step: () => Promise<T>) =>
      new Promise<void>((done) => setTimeout(done, i * STAGGER_MS)).then(step);
    results = await Promise.all([
      after(0, steps[0]),
      after(1, steps[1]),
      after(2, steps[2]),
      after(3, steps[3]),
    ]);
  } else {
    results = [await steps[0](), await steps[1](), await steps[2](), await steps[3]()];
  }
  const [plan, apply, emptyApply, peerRun] = results;

  const overMinimum: string[] = [];
  const check = (name: string, measured: Measured, min: Minimum) => {
    if (measured === notRun) return;
    for (const kind of ['list', 'get', 'token', 'write'] as const) {
      if (measured.requests[kind] > min[kind])
        overMinimum.push(`${name}: ${measured.requests[kind]} ${kind} requests, minimum ${min[kind]}`);
    }
    if (measured.requests.throttled > 0)
      overMinimum.push(`${name}: ${measured.requests.throttled} answers 429`);
  };
  check('plan', plan, minimum.plan);
  check('apply', apply, minimum.apply);
  check('emptyApply', emptyApply, minimum.emptyApply);
  for (const [name, m] of [
    ['plan', plan],
    ['apply', apply],
    ['emptyApply', emptyApply],
  ] as const) {
    if (m !== notRun && m.exitCode !== EXPECTED_EXIT[name])
      overMinimum.push(`${name}: exit code ${m.exitCode}`);
  }

  return {
    provider: provider.id,
    plans: count,
    latencyMs: options.latencyMs,
    limits,
    changed: k,
    minimum,
    lowerBoundMs: lowerBound,
    plan,
    apply,
    emptyApply,
    peer: peerRun,
    overMinimum,
  };
}

/** Splits a run's wall time at the first and last request the emulator received. */
function phasesOf(
  log: readonly { timestamp: string }[],
  startedAt: number,
  endedAt: number,
): Measured['phases'] | undefined {
  if (log.length === 0) return undefined;
  const arrivals = log.map((entry) => Date.parse(entry.timestamp));
  const first = Math.min(...arrivals);
  const last = Math.max(...arrivals);
  return { beforeFirstMs: first - startedAt, requestsMs: last - first, afterLastMs: endedAt - last };
}
