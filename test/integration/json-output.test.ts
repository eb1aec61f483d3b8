// `--json` on every command that prints a result: stdout is one JSON document a tool can parse, and
// what people read goes to stderr.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gold, plansYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const silver = { ...gold, name: 'Silver', recurringChargeAmount: 9 };

describe('--json', () => {
  it('validate: the counts, or every problem with its location', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    const valid = await h.cli(['validate', '--json']);
    await writeFile(join(h.dir, 'plans', 'bluesnap.yaml'), plansYaml({ gold: { ...gold, curency: 'USD' } }));
    const invalid = await h.cli(['validate', '--json']);

    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toEqual({
      valid: true,
      connections: 1,
      plansFiles: 1,
      plans: 1,
      skipped: [],
    });
    expect(invalid.code).toBe(1);
    const report = JSON.parse(invalid.stdout) as { valid: boolean; issues: Array<Record<string, unknown>> };
    expect(report.valid).toBe(false);
    expect(report.issues[0]).toMatchObject({
      file: 'plans/bluesnap.yaml',
      line: 8,
      column: 5,
      path: 'plans.gold.curency',
    });
    expect(String(report.issues[0]?.message)).toContain('`curency`');
  });

  it('plan, show and drift: --json is --format json', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });

    const plan = await h.cli(['plan', '--json', '--out', 'plan.json']);
    const show = await h.cli(['show', 'plan.json', '--json']);
    const drift = await h.cli(['drift', '--json']);

    expect(JSON.parse(plan.stdout).summary.update).toBe(1);
    expect(JSON.parse(show.stdout).checksum).toBe(JSON.parse(plan.stdout).checksum);
    expect(JSON.parse(drift.stdout).fields[0]).toMatchObject({
      key: 'gold',
      path: 'gracePeriodDays',
      class: 'revert',
    });
    expect(drift.code).toBe(2);
  });

  it('apply: the plan, every operation and a summary as one document; the report on stderr', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 }, silver }),
    });

    const apply = await h.cli(['apply', '--auto-approve', '--json', '--write-ids']);
    const report = JSON.parse(apply.stdout) as {
      plan: { checksum: string };
      results: Array<{ key: string; action: string; status: string; createdId?: string }>;
      summary: Record<string, number>;
      pinned: Array<{ key: string; id: string }>;
    };

    expect(apply.code).toBe(0);
    expect(report.plan.checksum).toMatch(/^sha256:/);
    expect(report.results.map((r) => [r.key, r.action, r.status]).sort()).toEqual([
      ['gold', 'update', 'done'],
      ['silver', 'create', 'done'],
    ]);
    expect(report.summary).toEqual({ done: 2, failed: 0, skipped: 0 });
    expect(report.pinned.map((p) => p.key)).toEqual(['silver']);
    expect(apply.stderr).toContain('Apply: 2 done, 0 failed, 0 skipped.');
  });

  it('apply with nothing to do: an empty result, exit 0', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });

    const apply = await h.cli(['apply', '--auto-approve', '--json']);

    expect(apply.code).toBe(0);
    expect(JSON.parse(apply.stdout)).toMatchObject({
      results: [],
      summary: { done: 0, failed: 0, skipped: 0 },
    });
  });
});
