// BlueSnap's rules as the planner and the PUT body apply them, without HTTP: what a field left out of
// the YAML means, for the fields BlueSnap cannot clear and for the plan's status.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import { bluesnap } from '../../src/providers/bluesnap/index.js';
import { updateBody } from '../../src/providers/bluesnap/mapping.js';
import type { BlueSnapPlan } from '../../src/providers/bluesnap/wire.js';
import { desired, live } from '../support/fixtures.js';

const GOLD = { name: 'Gold', recurringChargeAmount: 29.99, currency: 'USD', chargeFrequency: 'MONTHLY' };
const LIVE_GOLD: BlueSnapPlan = { planId: 7, ...GOLD, chargeOnPlanSwitch: false, status: 'ACTIVE' };

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

describe('BlueSnap contract: grace period and charge cap cannot be cleared', () => {
  it.each(['maxNumberOfCharges', 'gracePeriodDays'])(
    'blocks removing %s, naming the field, with replacement as the way out',
    (field) => {
      const item = run(GOLD, { ...GOLD, [field]: 12 });

      expect(item?.action).toBe('blocked');
      expect(item?.blockers).toEqual([
        expect.objectContaining({
          path: field,
          reason: expect.stringContaining(`\`${field}\` cannot be removed from an existing BlueSnap plan`),
          wayOut: expect.stringContaining('lifecycle.replace: true'),
        }),
      ]);
    },
  );

  it('replaces a plan opted in, the new plan without the cap', () => {
    const item = run(GOLD, { ...GOLD, maxNumberOfCharges: 12 }, true);

    expect(item).toMatchObject({ action: 'replace', retires: ['7'] });
    expect(item?.desired).not.toHaveProperty('maxNumberOfCharges');
  });

  it.each([
    ['adds', undefined, 6],
    ['changes', 12, 6],
  ])('%s a cap in place', (_verb, before, after) => {
    const item = run({ ...GOLD, maxNumberOfCharges: after }, { ...GOLD, maxNumberOfCharges: before });

    expect(item?.action).toBe('update');
    expect(item?.changes).toEqual([
      expect.objectContaining({ path: 'maxNumberOfCharges', after, via: 'in-place' }),
    ]);
  });

  it('resends a cap the change does not touch, never relying on omission', () => {
    const body = updateBody({ ...LIVE_GOLD, maxNumberOfCharges: 12, gracePeriodDays: 5 }, [
      { path: 'name', after: 'Gold 2026' },
    ]);

    expect(body).toMatchObject({ name: 'Gold 2026', maxNumberOfCharges: 12, gracePeriodDays: 5 });
  });

  it('refuses to build a PUT that would remove a field by leaving it out', () => {
    const current = { ...LIVE_GOLD, maxNumberOfCharges: 12 };

    expect(() => updateBody(current, [{ path: 'maxNumberOfCharges' }])).toThrow(
      'a PUT cannot remove `maxNumberOfCharges`',
    );
  });
});

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
