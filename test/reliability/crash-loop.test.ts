// Crash-safe apply (issue 6): SIGKILL `plansync apply --auto-approve` at random points of a long,
// mixed apply, again and again on the same live state, then let one apply finish. The end state must
// be exactly where one uninterrupted apply ends (no duplicate, nothing lost, replaced and pruned
// plans retired) and a second plan must be empty; between kills, the invariants in
// crash-invariants.ts must hold.
//
// - Scenarios (test/providers/<id>/crash.ts): per provider 14 creates, 6 in-place updates, 1 replacement,
//   3 prunes and 2 unchanged plans; Constant Contact, which cannot create or retire, 16 plan changes
//   (leaving TRIAL, up, down, reactivation) and 4 unchanged accounts. Emulator latency LATENCY_MS
//   per request, so one apply lasts about 1–2 s and a kill can land in a read, between requests, or
//   while a write is in flight (committed at the server, its answer not yet sent).
// - Kills: PLANSYNC_CRASH_KILLS in total, split evenly over the four providers (default 16, for CI;
//   the full run uses 240). 16 keeps this file well under a minute on a 2-core CI runner (measured:
//   68 s on a 2-core machine under a load average of 11, the children starting in ~2 s instead of
//   ~0.4 s). Only kills that landed count: a child that finished first ends its
//   scenario (the state has converged) and the loop goes on with a fresh one. A scenario also ends
//   when the kills alone brought it to the end state, or after MAX_KILLS_PER_SCENARIO kills; then
//   one apply must finish and converge.
// - Kill times come from a seeded PRNG: STARTUP_SHARE of them at a random point before the first
//   request (loading, reading YAML, the lock; as long as the last child took to get there), the
//   rest at a random point after the child's first request at the emulator, up to the reads plus
//   the share of writes still due (measured by an uninterrupted reference apply, scaled by how much of the end state is still missing), so the kills
//   spread over the work that is actually left. The seed is the suite's (test/support/seed.ts: fixed
//   under CI, PLANSYNC_TEST_SEED sets it) unless PLANSYNC_CRASH_SEED=<seed> sets this loop's alone;
//   it is printed, and replays the same draws (the machine's timing still varies from run to run).
// - Child process: the compiled CLI when dist/ is fresh, else tsx (test/support/cli-command.ts).
// - PLANSYNC_RELIABILITY_OUT=path writes the figures to `${path}.crash.json`.

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type FixtureEmulator,
  type ProviderHarness,
} from '../support/provider-harness.js';
import {
  classifyKill,
  cliCommand,
  runChild,
  type ChildOutcome,
  type KillAt,
  type KillPhase,
} from './crash-child.js';
import { CrashInvariants, remainingWork, stateList } from './crash-invariants.js';
import { prng } from '../../src/sandbox/kit/prng.js';
import type { CrashScenario, LiveRecord } from './crash-scenarios.js';
import { PROVIDER_TESTS } from '../providers/registry.js';
import { parseSeed, subSeed, testSeed } from '../support/seed.js';

const CRASH_SCENARIOS = PROVIDER_TESTS.map((p) => p.crash);
const LATENCY_MS = 60;
const MAX_KILLS_PER_SCENARIO = 8;
const STARTUP_SHARE = 0.1;
const TOTAL_KILLS = Number(process.env.PLANSYNC_CRASH_KILLS ?? 16);
if (!Number.isInteger(TOTAL_KILLS) || TOTAL_KILLS < 1)
  throw new Error(`PLANSYNC_CRASH_KILLS must be a positive integer, not ${process.env.PLANSYNC_CRASH_KILLS}`);
const SEED = process.env.PLANSYNC_CRASH_SEED
  ? parseSeed(process.env.PLANSYNC_CRASH_SEED, 'PLANSYNC_CRASH_SEED')
  : testSeed();
const KILLS_PER_PROVIDER = Math.ceil(TOTAL_KILLS / CRASH_SCENARIOS.length);
const CLI = cliCommand();
const APPLY = ['apply', '--auto-approve'];

interface ProviderReport {
  provider: string;
  kills: number;
  /** Children that finished before their kill: each ended a scenario that had converged. */
  finishedBeforeKill: number;
  scenarios: number;
  phases: Record<KillPhase, number>;
  createsInFlight: number;
  /** From the reference run: first request → first write, first write → last answer. */
  calibration: { readMs: number; writeMs: number };
  /** Spawn → first request of the last child that got that far (the CLI's start-up). */
  startupMs?: number;
  durationMs: number;
  passed: boolean;
}

const reports: ProviderReport[] = [];

async function startScenario(scenario: CrashScenario): Promise<ProviderHarness<FixtureEmulator>> {
  return startProviderHarness(scenario.fixture, {
    seed: scenario.seeds,
    project: fixtureProjectYaml(scenario.fixture, scenario.connectionExtra.join('\n')),
    plans: plansFileYaml(scenario.fixture.connection, scenario.plans),
    emulator: { latencyMs: LATENCY_MS },
  });
}

function firstRequestAfter(h: ProviderHarness<FixtureEmulator>, from: number): () => number | undefined {
  return () => {
    const entry = h.emulator.log[from];
    return entry === undefined ? undefined : Date.parse(entry.timestamp);
  };
}

function tail(outcome: ChildOutcome): string {
  return `exit ${outcome.code} signal ${outcome.signal}\n${(outcome.stdout + outcome.stderr).slice(-3000)}`;
}

/** Where the reference apply spent its time, from the emulator's log. */
function calibrate(h: ProviderHarness<FixtureEmulator>): ProviderReport['calibration'] {
  const at = (entry: { timestamp: string } | undefined) => (entry ? Date.parse(entry.timestamp) : 0);
  const first = at(h.emulator.log[0]);
  const firstWrite = at(h.emulator.writes()[0]);
  const last = at(h.emulator.log.at(-1)) + LATENCY_MS;
  return {
    readMs: firstWrite - first,
    writeMs: last - firstWrite,
  };
}

/** Requests the server had already read when the child died are still handled: let them land. */
const settle = () => sleep(25);

describe('crash loop: SIGKILL during apply, then one apply converges', () => {
  console.log(
    `crash loop: seed ${SEED} (replay with PLANSYNC_CRASH_SEED=${SEED}), ${KILLS_PER_PROVIDER} kills per provider, CLI from ${CLI.kind}`,
  );

  afterAll(async () => {
    const total = reports.reduce((n, r) => n + r.kills, 0);
    reports.sort((a, b) => a.provider.localeCompare(b.provider));
    for (const r of reports) {
      const phases = Object.entries(r.phases)
        .map(([phase, n]) => `${phase} ${n}`)
        .join(', ');
      console.log(
        `crash loop ${r.provider}: ${r.kills} kills (${phases}; ${r.createsInFlight} with a create in flight), ` +
          `${r.scenarios} scenarios, ${r.finishedBeforeKill} children finished first, ` +
          `reference apply: reads ${r.calibration.readMs} ms, writes ${r.calibration.writeMs} ms; child start-up ${r.startupMs} ms; ` +
          `${(r.durationMs / 1000).toFixed(1)} s, ${r.passed ? 'passed' : 'FAILED'}`,
      );
    }
    console.log(`crash loop: ${total} kills in total, seed ${SEED}`);
    const out = process.env.PLANSYNC_RELIABILITY_OUT;
    if (out) {
      const summary = {
        seed: SEED,
        requestedKills: TOTAL_KILLS,
        kills: total,
        cli: CLI.kind,
        latencyMs: LATENCY_MS,
        maxKillsPerScenario: MAX_KILLS_PER_SCENARIO,
        allPassed: reports.length === CRASH_SCENARIOS.length && reports.every((r) => r.passed),
        providers: reports,
      };
      await writeFile(`${out}.crash.json`, `${JSON.stringify(summary, null, 2)}\n`);
    }
  });

  it.each(CRASH_SCENARIOS.map((scenario) => [scenario.provider, scenario] as const))(
    '%s',
    async (provider, scenario) => {
      const started = Date.now();
      const report: ProviderReport = {
        provider,
        kills: 0,
        finishedBeforeKill: 0,
        scenarios: 0,
        phases: { startup: 0, read: 0, write: 0, between: 0 },
        createsInFlight: 0,
        calibration: { readMs: 0, writeMs: 0 },
        durationMs: 0,
        passed: false,
      };
      reports.push(report);
      const random = prng(subSeed(SEED, provider));

      // The reference: one uninterrupted apply from the same seeds gives the end state and the timing.
      // In process: the children's CLI is the same code, and a spawn here would only add start-up.
      let initial: LiveRecord[];
      let final: LiveRecord[];
      const reference = await startScenario(scenario);
      try {
        initial = scenario.live(reference.emulator);
        const run = await reference.cli(APPLY);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        final = scenario.live(reference.emulator);
        report.calibration = calibrate(reference);
        const again = await reference.cli(['plan', '--detailed-exitcode']);
        expect(again.code, again.stdout).toBe(0);
      } finally {
        await reference.close();
      }
      const work = remainingWork(initial, final);
      expect(work, 'the reference apply changed nothing').toBeGreaterThan(0);
      // Kill points spread over what is left to do: the reads, then the share of writes still due.
      // Both draws are always made, so a seed replays the same sequence whatever the timing.
      const { readMs, writeMs } = report.calibration;
      const draw = (left: number): KillAt => {
        const [kind, at] = [random(), random()];
        if (kind < STARTUP_SHARE && report.startupMs !== undefined)
          return { fromSpawnMs: Math.round(at * report.startupMs) };
        return { afterFirstRequestMs: Math.round(at * (readMs + (writeMs * left) / work)) };
      };

      while (report.kills < KILLS_PER_PROVIDER) {
        report.scenarios += 1;
        const where = `${provider} scenario ${report.scenarios} (seed ${SEED})`;
        const h = await startScenario(scenario);
        try {
          const invariants = new CrashInvariants(initial, final, scenario.replaced);
          expect(stateList(scenario.live(h.emulator))).toEqual(stateList(initial));

          for (let k = 0; k < MAX_KILLS_PER_SCENARIO && report.kills < KILLS_PER_PROVIDER; k++) {
            const left = remainingWork(scenario.live(h.emulator), final);
            // Converged through the kills alone: the apply below must find nothing to do.
            if (left === 0) break;
            const from = h.emulator.log.length;
            const killAt = draw(left);
            let point: ReturnType<typeof classifyKill> | undefined;
            const outcome = await runChild(CLI, APPLY, {
              cwd: h.dir,
              env: h.env,
              killAt,
              firstRequest: firstRequestAfter(h, from),
              beforeKill: () => {
                const writes = new Set(h.emulator.writes());
                point = classifyKill(
                  h.emulator.log.slice(from),
                  Date.now(),
                  LATENCY_MS,
                  (entry) => writes.has(entry),
                  scenario.isCreate,
                );
              },
            });
            await settle();
            if (outcome.firstRequestMs !== undefined) report.startupMs = outcome.firstRequestMs;
            if (outcome.signal !== 'SIGKILL' || point === undefined) {
              // It finished before the kill: that apply must have succeeded, and the state converged.
              expect(outcome.code, `${where}: a child that was not killed failed\n${tail(outcome)}`).toBe(0);
              report.finishedBeforeKill += 1;
              break;
            }
            report.kills += 1;
            report.phases[point.phase] += 1;
            if (point.createInFlight) report.createsInFlight += 1;
            const problems = invariants.check(scenario.live(h.emulator));
            expect(
              problems,
              `${where}, kill ${k + 1} at ${JSON.stringify(killAt)} (${point.phase})\n${tail(outcome)}`,
            ).toEqual([]);
          }

          // Nothing kills this one: no latency needed, and the loop goes faster.
          h.emulator.setLatency(0);
          const apply = await h.cli(APPLY);
          expect(apply.code, `${where}: the apply after the kills\n${apply.stdout}${apply.stderr}`).toBe(0);
          const live = scenario.live(h.emulator);
          expect(invariants.check(live), where).toEqual([]);
          expect(stateList(live), `${where}: end state differs from one uninterrupted apply`).toEqual(
            stateList(final),
          );
          const again = await h.cli(['plan', '--detailed-exitcode']);
          expect(again.code, `${where}: a plan after the apply\n${again.stdout}`).toBe(0);
          expect(existsSync(join(h.dir, '.plansync', 'apply.lock')), `${where}: lock left behind`).toBe(
            false,
          );
        } finally {
          await h.close();
        }
      }

      report.durationMs = Date.now() - started;
      report.passed = true;
    },
    // Generous: a tsx child takes ~2 s to start on a busy 2-core machine.
    KILLS_PER_PROVIDER * 10_000 + 60_000,
  );
});
