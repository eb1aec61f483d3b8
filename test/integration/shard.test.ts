// `--shard i/n` over real sockets: the shards of a mixed project are disjoint and together make the
// whole plan; applying every shard converges; one shard's writes never make another shard's saved
// plan stale; and a provider that reads plan by plan (Constant Contact) reads only its shard.

import { afterEach, describe, expect, it } from 'vitest';
import type { PlanItem } from '../../src/core/model.js';
import { constantContactCase } from '../providers/constantcontact/conformance.js';
import { plansYaml, projectYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';
import type { ConstantContactEmulator } from '../../src/sandbox/constantcontact/index.js';

let h: Harness | ProviderHarness<ConstantContactEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base = { currency: 'USD', chargeFrequency: 'MONTHLY' as const };
const N = 3;

/** 14 plans: 6 unchanged, 4 updated, 4 created, and 2 unmanaged live plans that prune retires. */
function mixedProject() {
  const seed = [];
  const plans: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < 10; i++) {
    const plan = { ...base, name: `Plan ${i}`, recurringChargeAmount: 10 + i };
    seed.push(seedPlan(100 + i, plan));
    plans[`plan-${i}`] = i < 4 ? { ...plan, gracePeriodDays: 7 } : plan;
  }
  for (let i = 10; i < 14; i++) plans[`plan-${i}`] = { ...base, name: `Plan ${i}`, recurringChargeAmount: 9 };
  seed.push(seedPlan(200, { ...base, name: 'Old A', recurringChargeAmount: 1 }));
  seed.push(seedPlan(201, { ...base, name: 'Old B', recurringChargeAmount: 1 }));
  return startHarness({
    project: projectYaml(
      [
        '    prune: true',
        '    safety: { max_change_share: 1, max_retire_share: 1, max_price_change_percent: 500 }',
      ].join('\n'),
    ),
    seed,
    plans: plansYaml(plans),
  });
}

function items(stdout: string): PlanItem[] {
  return (JSON.parse(stdout) as { plan: { connections: Array<{ items: PlanItem[] }> } }).plan.connections[0]!
    .items;
}

const summary = (list: PlanItem[]) => list.map((i) => `${i.key} ${i.action}`).sort();

describe('--shard i/n', () => {
  it('splits the plan into disjoint shards whose union is the whole plan', async () => {
    const harness = await mixedProject();
    h = harness;
    const whole = items((await harness.cli(['plan', '--format', 'json'])).stdout);
    const shards = [];
    for (let i = 1; i <= N; i++) {
      const result = await harness.cli(['plan', '--format', 'json', '--shard', `${i}/${N}`]);
      expect(result.code, result.stderr).toBe(0);
      shards.push(items(result.stdout));
    }

    const keys = shards.flatMap((shard) => shard.map((item) => item.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(summary(shards.flat())).toEqual(summary(whole));
    expect(whole.map((i) => i.action).sort()).toEqual(
      [...Array(4).fill('create'), ...Array(6).fill('no-op'), ...Array(2).fill('retire')]
        .concat(Array(4).fill('update'))
        .sort(),
    );
    // Every shard holds something: the split is not all-in-one.
    expect(shards.every((shard) => shard.length > 0)).toBe(true);
  });

  it('applies shard by shard and converges: then the unsharded plan is empty', async () => {
    const harness = await mixedProject();
    h = harness;
    for (let i = 1; i <= N; i++) {
      const apply = await harness.cli(['apply', '--auto-approve', '--shard', `${i}/${N}`]);
      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    }
    const final = await harness.cli(['plan', '--detailed-exitcode']);

    expect(final.code, final.stdout).toBe(0);
    const live = harness.emulator.plans();
    expect(
      live
        .filter((p) => p.status === 'ACTIVE')
        .map((p) => p.name)
        .sort(),
    ).toEqual(Array.from({ length: 14 }, (_, i) => `Plan ${i}`).sort());
    expect(live.filter((p) => p.name.startsWith('Old')).map((p) => p.status)).toEqual([
      'INACTIVE',
      'INACTIVE',
    ]);
  });

  it("keeps a shard's saved plan fresh while another shard applies", async () => {
    const harness = await mixedProject();
    h = harness;
    const plan1 = await harness.cli(['plan', '--shard', `1/${N}`, '--out', 'shard1.json']);
    expect(plan1.code).toBe(0);
    for (let i = 2; i <= N; i++) {
      expect((await harness.cli(['apply', '--auto-approve', '--shard', `${i}/${N}`])).code).toBe(0);
    }

    const apply1 = await harness.cli(['apply', 'shard1.json']);

    expect(apply1.code, apply1.stdout + apply1.stderr).toBe(0);
    expect((await harness.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('names the shard in the plan header', async () => {
    const harness = await mixedProject();
    h = harness;

    const plan = await harness.cli(['plan', '--shard', `2/${N}`]);

    expect(plan.stdout).toMatch(/^Connection bs \(bluesnap\), shard 2\/3: \d+ live plans? in this shard$/m);
  });

  it.each([
    ['0/3', 'i must be between 1 and 3 (got 0)'],
    ['1-3', 'expected i/n, e.g. 1/4 (got "1-3")'],
  ])('refuses --shard %s with exit 1 and a message, sending nothing', async (value, message) => {
    const harness = await mixedProject();
    h = harness;

    const result = await harness.cli(['plan', '--shard', value]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(harness.requests()).toEqual([]);
  });

  it('refuses --shard with a saved plan', async () => {
    const harness = await mixedProject();
    h = harness;
    await harness.cli(['plan', '--out', 'p.json']);

    const result = await harness.cli(['apply', 'p.json', '--shard', '1/2']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--shard shape a new plan');
  });

  it('reads only the shard’s accounts where plans are read one by one (Constant Contact)', async () => {
    const c = constantContactCase;
    const accounts = Array.from({ length: 12 }, (_, i) => c.existing(i + 1));
    const harness = await startProviderHarness(c.fixture, {
      seed: accounts.map((a) => a.seed),
      plans: plansFileYaml(
        c.fixture.connection,
        Object.fromEntries(accounts.map((a, i) => [`a${i}`, a.spec])),
      ),
    });
    h = harness;
    const reads: number[] = [];
    const shardItems: string[][] = [];
    for (let i = 1; i <= N; i++) {
      harness.emulator.clearLog();
      const result = await harness.cli(['plan', '--format', 'json', '--shard', `${i}/${N}`]);
      expect(result.code, result.stderr).toBe(0);
      shardItems.push(items(result.stdout).map((item) => item.key));
      reads.push(harness.requests().filter((r) => r.startsWith('GET /v3/')).length);
    }

    expect(reads).toEqual(shardItems.map((keys) => keys.length));
    expect(shardItems.flat().sort()).toEqual(accounts.map((_, i) => `a${i}`).sort());
  });
});
