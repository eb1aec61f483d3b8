// A saved plan is applied only if it is what was reviewed: `apply FILE` makes the plan again from the
// YAML (with the flags the file records, from the live reads the stale check makes anyway) and
// refuses a file whose changes differ, weighs the safety gates again on the file's own amounts, and,
// with PLANSYNC_PLAN_KEY set, applies only a file signed with that key. `show` prints figures worked
// out from the saved amounts. The checksum alone proves nothing: these tests forge plans by
// recomputing it with plansync's own canonical JSON.

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../src/core/plan-file.js';
import { canonicalJson } from '../../src/core/value.js';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { gold, plansYaml, projectYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const LIST = 'GET /services/2/recurring/plans';
const KEY = 'it-plan-key-5f1c9a7e2b4d6081';

let h: Harness;
afterEach(async () => h?.close());

const cheap = { ...gold, recurringChargeAmount: 9.99 };

async function readPlan(name = 'plan.json'): Promise<PlanDocument> {
  return JSON.parse(await readFile(join(h.dir, name), 'utf8')) as PlanDocument;
}

/** Writes `document` back with a checksum recomputed the way plansync computes it: a forgery. */
async function forge(document: PlanDocument, name = 'plan.json'): Promise<void> {
  document.checksum = `sha256:${createHash('sha256').update(canonicalJson(document.plan)).digest('hex')}`;
  await writeFile(join(h.dir, name), `${JSON.stringify(document, null, 2)}\n`);
}

/** The first change to `path` in the plan, to edit. */
function changeAt(document: PlanDocument, path: string) {
  for (const connection of document.plan.connections)
    for (const item of connection.items)
      for (const change of item.changes) if (change.path === path) return { item, change };
  throw new Error(`no change to ${path}`);
}

/** A price move of 9.99 → 10.99 USD (+10%) on plan 100, as a replacement (`--replace gold`). */
async function savedPriceMove(env?: NodeJS.ProcessEnv) {
  h = await startHarness({
    seed: [seedPlan(100, cheap)],
    plans: plansYaml({ gold: { ...cheap, recurringChargeAmount: 10.99 } }),
  });
  const plan = await h.cli(['plan', '--replace', 'gold', '--out', 'plan.json'], env ? { env } : {});
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  h.emulator.clearLog();
}

const livePrices = () => h.emulator.plans().map((p) => [p.planId, p.status, p.recurringChargeAmount]);

describe('apply FILE: the saved changes must be what the YAML implies', () => {
  it('applies an unforged saved plan, reading the live plans once', async () => {
    await savedPriceMove();
    expect((await readPlan()).scope).toEqual({ replace: ['gold'] });

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // The stale check and the plan made again share one list read.
    expect(h.requests().filter((r) => r === LIST)).toEqual([LIST]);
    expect(livePrices()).toEqual([
      [100, 'INACTIVE', 9.99],
      [1000000, 'ACTIVE', 10.99],
    ]);
  });

  it('reads no more than the stale check did before: the same reads as the plan (PayPal)', async () => {
    const id = 'P-PLANSYNCREVIEW000000001';
    const pp: ProviderHarness<PayPalEmulator> = await startProviderHarness(paypalFixture, {
      seed: [{ ...paypalPlanSpec('Pro'), id, status: 'ACTIVE' } as PayPalPlanInput],
      plans: plansFileYaml('pp', { pro: { id, ...paypalPlanSpec('Pro 2026') } }),
    });
    try {
      const reads = () => pp.requests().filter((r) => r.startsWith('GET '));
      expect((await pp.cli(['plan', '--out', 'plan.json'])).code).toBe(0);
      const planned = reads();
      pp.emulator.clearLog();

      const apply = await pp.cli(['apply', 'plan.json']);

      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      // Then the update's own GET before it writes (the per-object stale check) and after (204).
      expect(reads()).toEqual([...planned, `GET /v1/billing/plans/${id}`, `GET /v1/billing/plans/${id}`]);
    } finally {
      await pp.close();
    }
  });

  it('refuses a forged price (0.01, checksum recomputed) with exit 4 and writes nothing', async () => {
    await savedPriceMove();
    const document = await readPlan();
    const { item, change } = changeAt(document, 'recurringChargeAmount');
    change.after = 0.01;
    item.desired = { ...item.desired, recurringChargeAmount: 0.01 };
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(4);
    expect(apply.stderr).toContain(
      "the saved plan's changes are not what plansync.yaml and the plans files imply",
    );
    expect(apply.stderr).toContain(
      'bs/gold.recurringChargeAmount: the saved plan says 9.99 USD → 0.01 USD; the YAML implies 9.99 USD → 10.99 USD',
    );
    expect(apply.stderr).toContain('nothing was written');
    expect(h.writes()).toEqual([]);
    expect(livePrices()).toEqual([[100, 'ACTIVE', 9.99]]);
  });

  it('refuses a saved plan from which a change was dropped, or to which one was added', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 }, silver: { ...gold, name: 'Silver' } }),
    });
    await h.cli(['plan', '--out', 'plan.json']);
    const document = await readPlan();
    const items = document.plan.connections[0]!.items;
    document.plan.connections[0]!.items = items.filter((item) => item.key !== 'silver');
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('bs/silver: the YAML implies create, which the saved plan leaves out');
    expect(h.writes()).toEqual([]);
  });

  it('refuses a forged item placed before the genuine one under the same key', async () => {
    await savedPriceMove();
    const document = await readPlan();
    const items = document.plan.connections[0]!.items;
    const genuine = items.find((item) => item.key === 'gold')!;
    const forged = structuredClone(genuine);
    forged.changes = forged.changes.map((c) =>
      c.path === 'recurringChargeAmount' ? { ...c, after: '10.49' } : c,
    );
    forged.desired = { ...forged.desired, recurringChargeAmount: '10.49' };
    items.unshift(forged);
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('repeated, missing or reordered entries');
    expect(h.writes()).toEqual([]);
  });

  it('makes the plan again with the --target the file records', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 }, silver: { ...gold, name: 'Silver' } }),
    });
    await h.cli(['plan', '--target', 'gold', '--out', 'plan.json']);
    expect((await readPlan()).scope).toEqual({ targets: ['gold'] });

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.writes()).toEqual(['PUT /services/2/recurring/plans/100']);
  });

  it('refuses a saved plan when the YAML changed since it was made', async () => {
    await savedPriceMove();
    await h.writePlans(plansYaml({ gold: { ...cheap, recurringChargeAmount: 11.99 } }));

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('the YAML implies 9.99 USD → 11.99 USD');
    expect(h.writes()).toEqual([]);
  });

  it('still refuses a stale plan with the stale message', async () => {
    await savedPriceMove();
    h.emulator.setPlan(seedPlan(100, { ...cheap, gracePeriodDays: 3 }));

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('The plan is stale');
    expect(h.writes()).toEqual([]);
  });
});

describe('apply FILE: the safety gates are weighed again on the saved amounts', () => {
  /** 29.99 → 9.99 USD is −66.7%: over the default max_price_change_percent (50). */
  async function gatedPlan(flags: string[]) {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: cheap }),
    });
    const plan = await h.cli(['plan', '--replace', 'gold', ...flags, '--out', 'plan.json']);
    h.emulator.clearLog();
    return plan;
  }

  it('blocks (exit 3) a plan whose gate was stripped from the file, whatever percentage it states', async () => {
    const plan = await gatedPlan([]);
    expect(plan.code).toBe(3);
    const document = await readPlan();
    document.plan.connections[0]!.blockers = [];
    changeAt(document, 'recurringChargeAmount').change.percent = -10;
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(3);
    expect(apply.stderr).toContain(
      'bs: price change of -66.7% on `gold` exceeds safety.max_price_change_percent (50%)',
    );
    expect(h.writes()).toEqual([]);
  });

  it("blocks a shard's plan whose share gate was stripped: the plan made again weighs the whole connection", async () => {
    const plans: Record<string, Record<string, unknown>> = {};
    const seed = [];
    for (let i = 0; i < 4; i++) {
      const plan = { ...gold, name: `Plan ${i}` };
      seed.push(seedPlan(100 + i, plan));
      plans[`plan-${i}`] = { ...plan, gracePeriodDays: 7 };
    }
    h = await startHarness({
      project: projectYaml('    safety: { max_change_share: 0.25, min_existing: 1 }'),
      seed,
      plans: plansYaml(plans),
    });
    const plan = await h.cli(['plan', '--shard', '1/2', '--out', 'plan.json']);
    expect(plan.code).toBe(3);
    const document = await readPlan();
    expect(document.plan.connections[0]!.shard).toEqual({ index: 1, count: 2 });
    document.plan.connections[0]!.blockers = [];
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(3);
    expect(apply.stderr).toContain('4 of 4 live plans would change');
    expect(h.writes()).toEqual([]);
  });

  it('applies a plan made with --force, as before', async () => {
    const plan = await gatedPlan(['--force']);
    expect(plan.code).toBe(0);
    expect((await readPlan()).scope).toEqual({ replace: ['gold'], force: true });

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(livePrices()).toContainEqual([1000000, 'ACTIVE', 9.99]);
  });

  it('with a key set, refuses a --force added to a signed plan (signature mismatch)', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold: cheap }) });
    const withKey = { ...h.env, PLANSYNC_PLAN_KEY: KEY };
    await h.cli(['plan', '--replace', 'gold', '--out', 'plan.json'], { env: withKey });
    h.emulator.clearLog();
    const document = await readPlan();
    document.plan.connections[0]!.blockers = [];
    document.scope = { ...document.scope, force: true };
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json'], { env: withKey });

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('signature mismatch');
    expect(h.requests()).toEqual([]);
  });
});

describe('apply FILE with PLANSYNC_PLAN_KEY', () => {
  const withKey = () => ({ ...h.env, PLANSYNC_PLAN_KEY: KEY });

  it('signs at plan --out and applies the signed plan with the key', async () => {
    h = await startHarness({ seed: [seedPlan(100, cheap)], plans: plansYaml({ gold: cheap }) });
    await h.writePlans(plansYaml({ gold: { ...cheap, gracePeriodDays: 7 } }));
    const plan = await h.cli(['plan', '--out', 'plan.json'], { env: withKey() });
    expect(plan.code).toBe(0);
    const document = await readPlan();
    expect(document.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);

    const apply = await h.cli(['apply', 'plan.json'], { env: withKey() });

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout + apply.stderr).not.toContain(KEY);
    expect(h.writes()).toEqual(['PUT /services/2/recurring/plans/100']);
  });

  it('refuses a signed plan changed after signing (signature mismatch), before any request', async () => {
    h = await startHarness({
      seed: [seedPlan(100, cheap)],
      plans: plansYaml({ gold: { ...cheap, gracePeriodDays: 7 } }),
    });
    await h.cli(['plan', '--out', 'plan.json'], { env: withKey() });
    h.emulator.clearLog();
    const document = await readPlan();
    changeAt(document, 'gracePeriodDays').change.after = 8;
    await forge(document);

    const apply = await h.cli(['apply', 'plan.json'], { env: withKey() });

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('signature mismatch');
    expect(apply.stderr).toContain('nothing was written');
    expect(apply.stdout + apply.stderr).not.toContain(KEY);
    expect(h.requests()).toEqual([]);
  });

  it('refuses an unsigned plan when the key is set (signature missing)', async () => {
    h = await startHarness({
      seed: [seedPlan(100, cheap)],
      plans: plansYaml({ gold: { ...cheap, gracePeriodDays: 7 } }),
    });
    await h.cli(['plan', '--out', 'plan.json']);

    const apply = await h.cli(['apply', 'plan.json'], { env: withKey() });

    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('signature missing');
    expect(apply.stderr).toContain('PLANSYNC_PLAN_KEY');
    expect(h.writes()).toEqual([]);
  });

  it('warns that a signed plan was not checked when the key is not set, and still checks it against the YAML', async () => {
    h = await startHarness({
      seed: [seedPlan(100, cheap)],
      plans: plansYaml({ gold: { ...cheap, gracePeriodDays: 7 } }),
    });
    await h.cli(['plan', '--out', 'plan.json'], { env: withKey() });

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stderr).toContain(
      'Warning: plan.json is signed, but PLANSYNC_PLAN_KEY is not set here: its signature was not checked.',
    );
  });

  it('refuses a key too short to sign with', async () => {
    h = await startHarness({ plans: plansYaml({ gold }), project: projectYaml() });

    const plan = await h.cli(['plan', '--out', 'plan.json'], {
      env: { ...h.env, PLANSYNC_PLAN_KEY: 'short' },
    });

    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('PLANSYNC_PLAN_KEY is shorter than 16 characters');
    expect(h.requests()).toEqual([]);
  });
});

describe('show FILE works its figures out from the saved amounts', () => {
  it('prints the percentage the forged amounts give, not the stored one', async () => {
    await savedPriceMove();
    const document = await readPlan();
    const { item, change } = changeAt(document, 'recurringChargeAmount');
    change.after = 0.01;
    item.desired = { ...item.desired, recurringChargeAmount: 0.01 };
    expect(change.percent).toBe(10);
    await forge(document);

    const show = await h.cli(['show', 'plan.json']);
    const markdown = await h.cli(['show', 'plan.json', '--format', 'markdown']);

    expect(show.code).toBe(0);
    expect(show.stdout).toContain('9.99 USD → 0.01 USD (-99.9%)');
    expect(show.stdout).not.toContain('+10%');
    expect(show.stderr).toContain(
      'Warning: plan.json states a price move of +10% for bs/gold.recurringChargeAmount; its amounts give -99.9%',
    );
    expect(markdown.stdout).toContain('-99.9%');
    expect(markdown.stdout).not.toContain('+10%');
  });
});
