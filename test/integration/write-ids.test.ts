// `apply --write-ids`: created plans get their ids pinned in the YAML that declares them, with the
// author's comments, ordering and quoting kept, and the next plan matches them by id.

import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanItem } from '../../src/core/model.js';
import { seedPlan, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const COMMENTED = `# Billing plans for the EU storefront.
connection: bs
plans:
  # The plan most customers buy.
  gold:
    planId: 100 # pinned by hand
    name: "Gold"
    recurringChargeAmount: 29.99
    currency: USD
    chargeFrequency: MONTHLY
  silver: # new this quarter
    name: 'Silver'
    recurringChargeAmount: 9.00 # keep two decimals
    currency: USD
    chargeFrequency: MONTHLY
`;

const file = () => readFile(join(h.dir, 'plans', 'bluesnap.yaml'), 'utf8');

describe('apply --write-ids', () => {
  it('pins the created plan’s id as the first field, keeping every comment and quote', async () => {
    h = await startHarness({
      seed: [
        seedPlan(100, {
          name: 'Gold',
          recurringChargeAmount: 29.99,
          currency: 'USD',
          chargeFrequency: 'MONTHLY',
        }),
      ],
      plans: COMMENTED,
    });

    const apply = await h.cli(['apply', '--auto-approve', '--write-ids']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Pinned planId: 1000000 on `silver` in plans/bluesnap.yaml.');
    expect(await file()).toBe(
      COMMENTED.replace(
        '  silver: # new this quarter\n',
        '  silver: # new this quarter\n    planId: 1000000\n',
      ),
    );
  });

  it('never writes through a plans file that is a link, even inside the project: the ids are to pin by hand', async () => {
    h = await startHarness({ plans: COMMENTED.replace('    planId: 100 # pinned by hand\n', '') });
    const plans = join(h.dir, 'plans', 'bluesnap.yaml');
    await mkdir(join(h.dir, 'shared'));
    await rename(plans, join(h.dir, 'shared', 'bluesnap.yaml'));
    await symlink(join(h.dir, 'shared', 'bluesnap.yaml'), plans);

    const apply = await h.cli(['apply', '--auto-approve', '--write-ids']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stderr).toMatch(
      /could not pin planId \d+ for `silver` \(cannot write plans\/bluesnap\.yaml: is a symlink; plansync writes only regular files, never through a link\)/,
    );
    expect(await readFile(join(h.dir, 'shared', 'bluesnap.yaml'), 'utf8')).toBe(
      COMMENTED.replace('    planId: 100 # pinned by hand\n', ''),
    );
  });

  it('makes the next plan match the new plan by its pinned id, with no changes', async () => {
    h = await startHarness({ plans: COMMENTED.replace('    planId: 100 # pinned by hand\n', '') });
    await h.cli(['apply', '--auto-approve', '--write-ids']);
    // Renaming it in YAML now is an update of the pinned plan, not a create.
    await writeFile(
      join(h.dir, 'plans', 'bluesnap.yaml'),
      (await file()).replace("'Silver'", "'Silver Plus'"),
    );

    const plan = await h.cli(['plan', '--format', 'json']);
    const items = (JSON.parse(plan.stdout) as { plan: { connections: Array<{ items: PlanItem[] }> } }).plan
      .connections[0]!.items;

    // The two creates run in parallel, so which got which id varies; the YAML says.
    const pinned = [...(await file()).matchAll(/^ {4}planId: (\d+)$/gm)].map((m) => m[1]);
    expect(pinned).toHaveLength(2);
    expect(items.map((i) => [i.key, i.action, i.id])).toEqual([
      ['gold', 'no-op', pinned[0]],
      ['silver', 'update', pinned[1]],
    ]);
  });

  it('moves the pin to the new plan of a replacement, saying which id it replaced', async () => {
    h = await startHarness({
      seed: [
        seedPlan(100, {
          name: 'Gold',
          recurringChargeAmount: 29.99,
          currency: 'USD',
          chargeFrequency: 'MONTHLY',
        }),
      ],
      plans: `connection: bs\nplans:\n  gold:\n    planId: 100\n    name: Gold\n    recurringChargeAmount: 34.99 # was 29.99\n    currency: USD\n    chargeFrequency: MONTHLY\n    lifecycle: { replace: true }\n`,
    });

    const apply = await h.cli(['apply', '--auto-approve', '--write-ids']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Pinned planId: 1000000 on `gold` in plans/bluesnap.yaml (was 100).');
    expect(await file()).toContain(
      '    planId: 1000000\n    name: Gold\n    recurringChargeAmount: 34.99 # was 29.99\n',
    );
    expect((await h.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('leaves the YAML untouched without the flag', async () => {
    h = await startHarness({ plans: COMMENTED.replace('    planId: 100 # pinned by hand\n', '') });

    await h.cli(['apply', '--auto-approve']);

    expect(await file()).toBe(COMMENTED.replace('    planId: 100 # pinned by hand\n', ''));
  });
});
