// The CLI end to end against the BlueSnap emulator over real sockets: exact requests per scenario.

import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION, plansYaml, seedPlan, startHarness, type Harness, gold } from '../support/harness.js';

const LIST = 'GET /services/2/recurring/plans';
let h: Harness;
afterEach(async () => h?.close());

describe('plan', () => {
  it('reads the inventory with one list request and writes nothing', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });

    const result = await h.cli(['plan']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No changes');
    expect(h.requests()).toEqual([LIST]);
  });

  it('blocks a recurringChargeAmount change with its own exit code, naming the field, and writes nothing', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, recurringChargeAmount: 34.99 } }),
    });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('`recurringChargeAmount` cannot be changed');
    expect(plan.stdout).toContain('29.99 USD → 34.99 USD (+16.7%)');
    expect(apply.code).toBe(3);
    expect(apply.stderr).toContain('nothing was written');
    expect(h.writes()).toEqual([]);
  });

  it('exits 2 with --detailed-exitcode when there are changes', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const result = await h.cli(['plan', '--detailed-exitcode']);

    expect(result.code).toBe(2);
  });

  it('renders markdown for a pull request', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });

    const result = await h.cli(['plan', '--format', 'markdown']);

    expect(result.stdout).toContain(
      '| ✏️ update | `gold` (100) | `gracePeriodDays` | 5 → 7 | existing subscribers |',
    );
  });

  it('plans only the targeted key', async () => {
    h = await startHarness({ plans: plansYaml({ gold, silver: { ...gold, name: 'Silver' } }) });

    const result = await h.cli(['plan', '--target', 'silver', '--format', 'json']);

    const items = JSON.parse(result.stdout).plan.connections[0].items;
    expect(items.map((i: { key: string }) => i.key)).toEqual(['silver']);
  });
});

describe('validate', () => {
  it('refuses a grace period BlueSnap would refuse, before any request', async () => {
    h = await startHarness({ plans: plansYaml({ gold: { ...gold, gracePeriodDays: 0 } }) });

    const result = await h.cli(['validate']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /plans\/bluesnap\.yaml:\d+:\d+: plans\.gold\.gracePeriodDays: .*from 1 to 365/,
    );
    expect(h.requests()).toEqual([]);
  });
});

describe('apply', () => {
  it('creates, updates by GET + PUT, and a second plan is empty', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, trialPeriodDays: 14, gracePeriodDays: 5 })],
      plans: plansYaml({
        gold: { ...gold, trialPeriodDays: 14, gracePeriodDays: 7 },
        silver: { ...gold, name: 'Silver', recurringChargeAmount: 9 },
      }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const requests = h.requests();
    h.emulator.clearLog();
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code).toBe(0);
    expect(requests[0]).toBe(LIST);
    expect(requests.slice(1).sort()).toEqual([
      'GET /services/2/recurring/plans/100',
      'POST /services/2/recurring/plans',
      'PUT /services/2/recurring/plans/100',
    ]);
    const stored = h.emulator.plans().find((p) => p.planId === 100);
    expect(stored).toMatchObject({
      gracePeriodDays: 7,
      trialPeriodDays: 14,
      recurringChargeAmount: 29.99,
      currency: 'USD',
      chargeFrequency: 'MONTHLY',
    });
    expect(again.code).toBe(0);
    expect(h.requests()).toEqual([LIST]);
  });

  it('sends nothing but the read for a no-op', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, recurringChargeAmount: '29.990' } }),
    });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to apply');
    expect(h.requests()).toEqual([LIST]);
  });

  it('points at the likely original when an unpinned rename would create a new plan', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, name: 'Gold 2026' } }),
    });

    const result = await h.cli(['plan']);

    expect(result.stdout).toContain('+ create gold');
    expect(result.stdout).toContain('if this is a rename of plan 100, pin `planId: 100`');
  });

  it('creates a plan declared INACTIVE, then sets it INACTIVE', async () => {
    h = await startHarness({ plans: plansYaml({ gold: { ...gold, status: 'INACTIVE' } }) });

    const plan = await h.cli(['plan']);
    await h.cli(['apply', '--auto-approve']);

    expect(plan.stdout).toContain('BlueSnap creates plans ACTIVE');
    expect(h.writes()).toEqual([
      'POST /services/2/recurring/plans',
      'PUT /services/2/recurring/plans/1000000',
    ]);
    expect(h.emulator.plans()[0]?.status).toBe('INACTIVE');
  });

  it('leaves an INACTIVE plan INACTIVE when the YAML does not declare status', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, status: 'INACTIVE' })],
      plans: plansYaml({ gold }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Nothing to apply');
    expect(h.writes()).toEqual([]);
    expect(h.emulator.plans()[0]?.status).toBe('INACTIVE');
  });

  it('sends no status change beside another change when the YAML does not declare status', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, status: 'INACTIVE' })],
      plans: plansYaml({ gold: { planId: 100, ...gold, name: 'Gold 2026' } }),
    });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.stdout).not.toContain('status');
    expect(apply.code).toBe(0);
    expect(h.emulator.writes().map((w) => w.body)).toEqual([expect.objectContaining({ status: 'INACTIVE' })]);
    expect(h.emulator.plans()[0]).toMatchObject({ name: 'Gold 2026', status: 'INACTIVE' });
  });

  it('reactivates an INACTIVE plan only when the YAML says status ACTIVE', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, status: 'INACTIVE' })],
      plans: plansYaml({ gold: { ...gold, status: 'ACTIVE' } }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(0);
    expect(h.emulator.writes().map((w) => w.body)).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
    expect(h.emulator.plans()[0]?.status).toBe('ACTIVE');
  });

  it('replaces an opted-in plan: new plan first, then the old one INACTIVE', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, recurringChargeAmount: 34.99, lifecycle: { replace: true } } }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const writes = h.writes();
    h.emulator.clearLog();
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Existing subscribers stay on plan 100 at 29.99 USD');
    expect(writes).toEqual(['POST /services/2/recurring/plans', 'PUT /services/2/recurring/plans/100']);
    expect(h.emulator.plans().map((p) => [p.planId, p.status, p.recurringChargeAmount])).toEqual([
      [100, 'INACTIVE', 29.99],
      [1000000, 'ACTIVE', 34.99],
    ]);
    expect(again.code).toBe(0);
  });

  it('retires unmanaged plans only when the connection prunes', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold), seedPlan(101, { name: 'Old' })],
      project: `${(await import('../support/harness.js')).projectYaml('    prune: true')}`,
      plans: plansYaml({ gold }),
    });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code).toBe(0);
    expect(h.writes()).toEqual(['PUT /services/2/recurring/plans/101']);
    expect(h.emulator.plans().find((p) => p.planId === 101)?.status).toBe('INACTIVE');
  });

  it('refuses a non-interactive apply without --auto-approve, writing nothing', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const result = await h.cli(['apply']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--auto-approve');
    expect(h.writes()).toEqual([]);
  });

  it('asks on a terminal and writes nothing when not confirmed', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const result = await h.cli(['apply'], { isTTY: true, confirm: false });

    expect(result.stdout).toContain('Apply cancelled');
    expect(h.writes()).toEqual([]);
  });

  it('applies on a terminal after confirmation', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    const result = await h.cli(['apply'], { isTTY: true, confirm: true });

    expect(result.code).toBe(0);
    expect(h.writes()).toEqual(['POST /services/2/recurring/plans']);
  });
});

describe('saved plans', () => {
  it('applies a saved plan exactly, after re-reading the live plans', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { planId: 100, ...gold, name: 'Gold 2026' } }),
    });
    await h.cli(['plan', '--out', 'plan.json']);
    h.emulator.clearLog();

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(0);
    expect(h.requests()).toEqual([
      LIST,
      'GET /services/2/recurring/plans/100',
      'PUT /services/2/recurring/plans/100',
    ]);
    expect(h.emulator.plans()[0]?.name).toBe('Gold 2026');
  });

  it('refuses a stale plan with exit code 4 and writes nothing', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, name: 'Gold 2026' } }),
    });
    await h.cli(['plan', '--out', 'plan.json']);
    h.emulator.setPlan({ ...seedPlan(100, gold), gracePeriodDays: 3 });

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`${CONNECTION}: plan 100 changed`);
    expect(h.writes()).toEqual([]);
  });

  it('refuses a saved create when a plan with the same name appeared since', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    await h.cli(['plan', '--out', 'plan.json']);
    h.emulator.setPlan(seedPlan(500, gold));

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(4);
    expect(result.stderr).toContain('appeared with the same name');
    expect(h.writes()).toEqual([]);
  });

  it('shows a saved plan, stale or not, without contacting the provider', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 9 } }),
    });
    await h.cli(['plan', '--out', 'plan.json']);
    h.emulator.clearLog();

    const result = await h.cli(['show', 'plan.json']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('gracePeriodDays  (none) → 9');
    expect(h.requests()).toEqual([]);
  });

  it('shows a saved plan as JSON that parses, equal to the saved document', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    await h.cli(['plan', '--out', 'plan.json']);
    const { readFile } = await import('node:fs/promises');

    const result = await h.cli(['show', 'plan.json', '--format', 'json']);
    const shown = JSON.parse(result.stdout) as Record<string, unknown>;
    const saved = JSON.parse(await readFile(`${h.dir}/plan.json`, 'utf8')) as Record<string, unknown>;

    expect(result.code).toBe(0);
    expect(shown.checksum).toBe(saved.checksum);
    expect(shown.plan).toEqual(saved.plan);
  });

  it('refuses a saved plan that was edited', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    await h.cli(['plan', '--out', 'plan.json']);
    const { readFile, writeFile } = await import('node:fs/promises');
    const file = `${h.dir}/plan.json`;
    await writeFile(file, (await readFile(file, 'utf8')).replace('29.99', '2.99'));

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('checksum mismatch');
    expect(h.writes()).toEqual([]);
  });

  it('never writes a credential into the plan file', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });

    await h.cli(['plan', '--out', 'plan.json']);

    const { readFile } = await import('node:fs/promises');
    const text = await readFile(`${h.dir}/plan.json`, 'utf8');
    expect(text).not.toContain('it-secret');
    expect(text).not.toContain('it-user');
  });
});
