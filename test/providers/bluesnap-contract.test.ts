// BlueSnap's rules as the planner applies them, without HTTP: what a field left out of the YAML means.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import { bluesnap } from '../../src/providers/bluesnap/index.js';
import { desired, live } from '../support/fixtures.js';

const GOLD = { name: 'Gold', recurringChargeAmount: 29.99, currency: 'USD', chargeFrequency: 'MONTHLY' };

const run = (want: Record<string, unknown>, have: Record<string, unknown>, replace = false) =>
  plan({
    contract: bluesnap.contract,
    desired: [
      desired('gold', bluesnap.desiredAttrs(want), {
        id: '7',
        lifecycle: { replace, preventDestroy: false },
      }),
    ],
    live: [live('7', bluesnap.desiredAttrs(have))],
    options: { connection: 'bs', provider: 'bluesnap', prune: false, describe: bluesnap.describe },
  }).items[0];

describe('BlueSnap contract: a YAML plan without status leaves the status as it is', () => {
  it.each(['INACTIVE', 'ACTIVE'])('sends nothing for a live %s plan', (status) => {
    const item = run(GOLD, { ...GOLD, status });

    expect(item).toMatchObject({ action: 'no-op', changes: [] });
  });

  it('sends no status beside another change', () => {
    const item = run({ ...GOLD, name: 'Gold 2026' }, { ...GOLD, status: 'INACTIVE' });

    expect(item?.changes.map((change) => change.path)).toEqual(['name']);
  });

  it.each([
    ['ACTIVE', 'INACTIVE'],
    ['INACTIVE', 'ACTIVE'],
  ])('changes it when the YAML says %s (live %s)', (wanted, current) => {
    const item = run({ ...GOLD, status: wanted }, { ...GOLD, status: current });

    expect(item?.changes).toEqual([
      expect.objectContaining({ path: 'status', before: current, after: wanted, via: 'in-place' }),
    ]);
  });
});
