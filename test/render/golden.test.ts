// Golden files for the three renderers, over a plan the real planner makes with every action kind.
// Update them after an intended change with `npx vitest run test/render -u`, and review the diff.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import { checkSafety } from '../../src/core/safety.js';
import { toPlanDocument } from '../../src/core/plan-file.js';
import type { Plan } from '../../src/core/model.js';
import { bluesnap } from '../../src/providers/bluesnap/index.js';
import { renderHuman } from '../../src/render/human.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { GOLD, desired, live } from '../support/fixtures.js';

function fixturePlan(): Plan {
  const replace = { replace: true, preventDestroy: false };
  const connection = plan({
    contract: bluesnap.contract,
    desired: [
      desired(
        'gold',
        { ...GOLD, gracePeriodDays: 7, name: 'Gold — the plan for growing teams, billed monthly' },
        { id: '100' },
      ),
      desired('silver', { ...GOLD, name: 'Silver', recurringChargeAmount: '19.00' }),
      desired('bronze', { ...GOLD, name: 'Bronze', currency: 'EUR' }, { lifecycle: replace }),
      desired('team', { ...GOLD, name: 'Team', recurringChargeAmount: '49', trialPeriodDays: 7 }),
      desired('basic', { ...GOLD, name: 'Basic', recurringChargeAmount: '9.9' }),
    ],
    live: [
      live('100', { ...GOLD, gracePeriodDays: 5, name: 'Gold — the plan for teams, billed monthly' }),
      live('101', { ...GOLD, name: 'Silver', recurringChargeAmount: '15' }),
      live('102', { ...GOLD, name: 'Bronze' }),
      live('103', { ...GOLD, name: 'Basic', recurringChargeAmount: '9.90' }),
      live('104', { ...GOLD, name: 'Legacy' }),
      live('105', { ...GOLD, name: 'Old', status: 'INACTIVE' }),
    ],
    options: { connection: 'bluesnap-main', provider: 'bluesnap', prune: true, describe: bluesnap.describe },
  });
  connection.blockers = checkSafety(connection, {
    maxChangeShare: 0.3,
    maxRetireShare: 0.1,
    maxPriceChangePercent: 50,
    minExisting: 5,
  });
  return { formatVersion: 1, connections: [connection] };
}

describe('renderers (golden files)', () => {
  it('human, without colour', async () => {
    await expect(renderHuman(fixturePlan(), { color: false })).toMatchFileSnapshot(
      '../golden/plan.human.txt',
    );
  });

  it('human, with colour', async () => {
    await expect(renderHuman(fixturePlan(), { color: true })).toMatchFileSnapshot(
      '../golden/plan.human-color.txt',
    );
  });

  it('markdown', async () => {
    await expect(renderMarkdown(fixturePlan())).toMatchFileSnapshot('../golden/plan.md');
  });

  it('json', async () => {
    const document = toPlanDocument(fixturePlan(), {
      generator: 'plansync test',
      createdAt: '2026-01-01T00:00:00.000Z',
    });

    await expect(renderJson(document)).toMatchFileSnapshot('../golden/plan.json');
  });

  it('says so when nothing changes', () => {
    const empty: Plan = { formatVersion: 1, connections: [] };

    expect(renderHuman(empty, { color: false })).toContain('No changes.');
    expect(renderMarkdown(empty)).toContain('0 to create');
  });
});
