// The pure planner over many in-memory plans (no HTTP, no YAML): CPU time of one `plan()` call via
// process.cpuUsage, and `plansync --version` wall time (median of several runs of the compiled CLI).

import { spawnSync } from 'node:child_process';
import type { DesiredPlan } from '../../src/core/model.js';
import { plan } from '../../src/core/planner.js';
import { toLive } from '../../src/providers/paypal/adapter.js';
import { paypalContract } from '../../src/providers/paypal/contract.js';
import { generatePlans } from '../../src/sandbox/paypal/generate.js';
import type { PayPalPlan } from '../../src/providers/paypal/wire.js';
import { CLI } from './measure.js';

export interface PlannerResult {
  plans: number;
  changed: number;
  cpuMs: number;
  wallMs: number;
  updates: number;
}

/** `count` PayPal plans, live and declared, 10% with a changed description. */
export function benchPlanner(count: number): PlannerResult {
  const live = generatePlans(count).map((input) => toLive(input as unknown as PayPalPlan));
  const desired: DesiredPlan[] = live.map((object, i) => ({
    key: `p${i + 1}`,
    id: object.id,
    attrs:
      i % 10 === 0
        ? { ...object.attrs, description: `${String(object.attrs.description)} (revised)` }
        : object.attrs,
    lifecycle: { replace: false, preventDestroy: false },
    location: { file: 'plans/bench.yaml', line: i * 12 + 3, column: 3 },
  }));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = plan({
    contract: paypalContract,
    desired,
    live,
    options: { connection: 'bench', provider: 'paypal', prune: false },
  });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    plans: count,
    changed: Math.ceil(count / 10),
    cpuMs: (used.user + used.system) / 1000,
    wallMs,
    updates: result.items.filter((item) => item.action === 'update').length,
  };
}

export interface VersionResult {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export function benchVersion(runs = 9): VersionResult {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (out.status !== 0) throw new Error(`plansync --version exited ${String(out.status)}: ${out.stderr}`);
  }
  times.sort((a, b) => a - b);
  return {
    runs,
    medianMs: times[Math.floor(runs / 2)] as number,
    minMs: times[0] as number,
    maxMs: times[runs - 1] as number,
  };
}
