import { describe, expect, it } from 'vitest';
import { plan, type PlanOptions } from '../../src/core/planner.js';
import { bluesnapContract as contract } from '../../src/providers/bluesnap/contract.js';
import type { DesiredPlan, LiveObject } from '../../src/core/model.js';
import { GOLD, desired, live } from '../support/fixtures.js';

const options: PlanOptions = { connection: 'c', provider: 'bluesnap', prune: false };
const run = (d: DesiredPlan[], l: LiveObject[], o: Partial<PlanOptions> = {}) =>
  plan({ contract, desired: d, live: l, options: { ...options, ...o } });

describe('planner: actions', () => {
  it('creates a plan no live object matches', () => {
    const result = run([desired('gold', GOLD)], []);

    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ action: 'create', key: 'gold', impact: 'new-subscribers' });
    expect(result.items[0]?.changes.map((c) => c.path)).toEqual([
      'name',
      'recurringChargeAmount',
      'currency',
      'chargeFrequency',
      'status',
    ]);
  });

  it('is a no-op when amounts differ only in notation and defaults are implied', () => {
    const result = run(
      [desired('gold', { ...GOLD, recurringChargeAmount: '29.990', status: undefined })],
      [live('1', { ...GOLD, chargeOnPlanSwitch: false })],
    );

    expect(result.items[0]?.action).toBe('no-op');
    expect(result.items[0]?.changes).toEqual([]);
  });

  it('updates an in-place field with its impact', () => {
    const result = run(
      [desired('gold', { ...GOLD, gracePeriodDays: 7 })],
      [live('1', { ...GOLD, gracePeriodDays: 5 })],
    );

    expect(result.items[0]).toMatchObject({ action: 'update', id: '1', impact: 'existing-subscribers' });
    expect(result.items[0]?.changes).toEqual([
      { path: 'gracePeriodDays', before: 5, after: 7, impact: 'existing-subscribers', via: 'in-place' },
    ]);
  });

  it('treats a field dropped from YAML as a change to remove it, which the contract rules on', () => {
    const result = run([desired('gold', GOLD)], [live('1', { ...GOLD, gracePeriodDays: 5 })]);

    // BlueSnap documents no way to clear a grace period: the removal needs a new plan.
    expect(result.items[0]?.action).toBe('blocked');
    expect(result.items[0]?.changes[0]).toMatchObject({ path: 'gracePeriodDays', before: 5, via: 'replace' });
    expect(result.items[0]?.changes[0]?.after).toBeUndefined();
  });
});

describe('planner: BlueSnap create-only fields', () => {
  it.each([
    ['recurringChargeAmount', '34.99'],
    ['currency', 'EUR'],
    ['chargeFrequency', 'ANNUALLY'],
  ])('blocks a change of %s with the reason and the way out', (field, value) => {
    const result = run([desired('gold', { ...GOLD, [field]: value })], [live('1', GOLD)]);

    const item = result.items[0];
    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.path).toBe(field);
    expect(item?.blockers[0]?.reason).toContain(`\`${field}\` cannot be changed`);
    expect(item?.blockers[0]?.wayOut).toContain('lifecycle.replace: true');
  });

  it('shows the price move of a blocked amount change', () => {
    const result = run([desired('gold', { ...GOLD, recurringChargeAmount: '34.99' })], [live('1', GOLD)]);

    expect(result.items[0]?.changes[0]).toMatchObject({
      before: '29.99',
      after: '34.99',
      percent: 16.7,
      currency: 'USD',
    });
  });

  it('replaces when the plan opts in, retiring the old plan', () => {
    const plan = desired(
      'gold',
      { ...GOLD, recurringChargeAmount: '34.99' },
      { lifecycle: { replace: true, preventDestroy: false } },
    );

    const result = run([plan], [live('1', GOLD)]);

    expect(result.items[0]).toMatchObject({
      action: 'replace',
      id: '1',
      retires: ['1'],
      impact: 'new-subscribers',
    });
    expect(result.items[0]?.desired?.recurringChargeAmount).toBe('34.99');
  });

  it('replaces when the run opts in with --replace', () => {
    const result = run([desired('gold', { ...GOLD, currency: 'EUR' })], [live('1', GOLD)], {
      replaceKeys: new Set(['gold']),
    });

    expect(result.items[0]?.action).toBe('replace');
  });

  it('blocks a replacement of a plan with prevent_destroy', () => {
    const plan = desired(
      'gold',
      { ...GOLD, currency: 'EUR' },
      { lifecycle: { replace: true, preventDestroy: true } },
    );

    const result = run([plan], [live('1', GOLD)]);

    expect(result.items[0]?.action).toBe('blocked');
    expect(result.items[0]?.blockers[0]?.reason).toContain('prevent_destroy');
  });
});

describe('planner: BlueSnap trial and initial charge exist or not from creation', () => {
  it('allows changing the value of an existing trial', () => {
    const result = run(
      [desired('gold', { ...GOLD, trialPeriodDays: 30 })],
      [live('1', { ...GOLD, trialPeriodDays: 14 })],
    );

    expect(result.items[0]?.action).toBe('update');
    expect(result.items[0]?.changes[0]).toMatchObject({ path: 'trialPeriodDays', via: 'in-place' });
  });

  it.each([
    ['adding a trial', GOLD, { ...GOLD, trialPeriodDays: 7 }, 'cannot be added'],
    ['removing a trial', { ...GOLD, trialPeriodDays: 7 }, GOLD, 'cannot be removed'],
    ['adding an initial charge', GOLD, { ...GOLD, initialChargeAmount: '10' }, 'cannot be added'],
    ['removing an initial charge', { ...GOLD, initialChargeAmount: '10' }, GOLD, 'cannot be removed'],
  ])('blocks %s', (_name, liveAttrs, desiredAttrs, reason) => {
    const result = run([desired('gold', desiredAttrs)], [live('1', liveAttrs)]);

    expect(result.items[0]?.action).toBe('blocked');
    expect(result.items[0]?.blockers[0]?.reason).toContain(reason);
  });
});

describe('planner: identity', () => {
  it('matches a pinned id over the name', () => {
    const result = run(
      [desired('gold', { ...GOLD, name: 'Gold 2026' }, { id: '2' })],
      [live('1', GOLD), live('2', GOLD)],
    );

    expect(result.items[0]).toMatchObject({ action: 'update', id: '2' });
    expect(result.unmanaged).toEqual(['1']);
  });

  it('blocks a pinned id that does not exist', () => {
    const result = run([desired('gold', GOLD, { id: '9' })], [live('1', GOLD)]);

    expect(result.items[0]?.action).toBe('blocked');
    expect(result.items[0]?.blockers[0]?.reason).toContain('planId 9 does not exist');
  });

  it('refuses an ambiguous name and lists the candidates', () => {
    const result = run([desired('gold', GOLD)], [live('1', GOLD), live('2', GOLD)]);

    expect(result.items[0]?.action).toBe('blocked');
    expect(result.items[0]?.blockers[0]?.reason).toContain('1, 2');
    expect(result.items[0]?.blockers[0]?.wayOut).toContain('planId');
  });

  it('prefers the active plan over a retired one with the same name', () => {
    const result = run(
      [desired('gold', GOLD)],
      [live('1', { ...GOLD, status: 'INACTIVE' }), live('2', GOLD)],
    );

    expect(result.items[0]).toMatchObject({ action: 'no-op', id: '2' });
  });

  it('retires the superseded twin left by an interrupted replacement', () => {
    const plan = desired(
      'gold',
      { ...GOLD, recurringChargeAmount: '34.99' },
      { lifecycle: { replace: true, preventDestroy: false } },
    );

    const result = run([plan], [live('1', GOLD), live('2', { ...GOLD, recurringChargeAmount: '34.99' })]);

    expect(result.items[0]).toMatchObject({ action: 'update', id: '2', retires: ['1'] });
  });

  it('refuses two YAML plans pinned to the same live plan', () => {
    const result = run([desired('a', GOLD, { id: '1' }), desired('b', GOLD, { id: '1' })], [live('1', GOLD)]);

    expect(result.items.map((i) => i.action)).toEqual(['blocked', 'blocked']);
    expect(result.items[0]?.blockers[0]?.reason).toContain('also claimed by `b`');
  });

  it('refuses two unpinned YAML plans with the same name, which would create two plans', () => {
    const result = run([desired('a', GOLD), desired('b', { ...GOLD, recurringChargeAmount: '9' })], []);

    expect(result.items.map((i) => i.action)).toEqual(['blocked', 'blocked']);
    expect(result.items[0]?.blockers[0]?.reason).toContain('`b` declares the same name');
  });

  it('refuses two YAML plans adopting the same live plan by name', () => {
    const result = run([desired('a', GOLD), desired('b', GOLD)], [live('1', GOLD)]);

    expect(result.items.map((i) => i.action)).toEqual(['blocked', 'blocked']);
  });
});

describe('planner: retired versions and replaced pins', () => {
  it('adopts the closest of several retired plans instead of blocking', () => {
    const result = run(
      [desired('gold', { ...GOLD, status: 'INACTIVE' })],
      [
        live('1', { ...GOLD, status: 'INACTIVE', recurringChargeAmount: '5' }),
        live('2', { ...GOLD, status: 'INACTIVE' }),
      ],
    );

    expect(result.items[0]).toMatchObject({ action: 'no-op', id: '2' });
    expect(result.items[0]?.notes[0]).toContain('adopted plan 2, the closest match');
  });

  it('leaves an inactive plan inactive when YAML does not declare status', () => {
    const result = run(
      [desired('gold', { ...GOLD, status: undefined })],
      [live('1', { ...GOLD, status: 'INACTIVE' })],
    );

    expect(result.items[0]).toMatchObject({ action: 'no-op', changes: [] });
  });

  it('follows a pinned plan that was already replaced, and asks to update the pin', () => {
    const plan = desired('gold', { ...GOLD, recurringChargeAmount: '34.99' }, { id: '1' });

    const result = run(
      [plan],
      [live('1', { ...GOLD, status: 'INACTIVE' }), live('2', { ...GOLD, recurringChargeAmount: '34.99' })],
    );

    expect(result.items[0]).toMatchObject({ action: 'no-op', id: '2' });
    expect(result.items[0]?.notes[0]).toContain('update the pin to `planId: 2`');
  });

  it('keeps a pinned active plan without opt-in, even when a twin has the new values', () => {
    const plan = desired('gold', { ...GOLD, recurringChargeAmount: '34.99' }, { id: '1' });

    const result = run([plan], [live('1', GOLD), live('2', { ...GOLD, recurringChargeAmount: '34.99' })]);

    expect(result.items[0]).toMatchObject({ action: 'blocked', id: '1' });
  });

  it('counts an added trial as a new version when picking between active twins', () => {
    const plan = desired(
      'gold',
      { ...GOLD, trialPeriodDays: 7 },
      { lifecycle: { replace: true, preventDestroy: false } },
    );

    const result = run([plan], [live('1', GOLD), live('2', { ...GOLD, trialPeriodDays: 7 })]);

    expect(result.items[0]).toMatchObject({ action: 'update', id: '2', retires: ['1'] });
  });
});

describe('planner: unmanaged and pruning', () => {
  it('counts unmatched live plans as unmanaged and leaves them alone', () => {
    const result = run([], [live('1', GOLD)]);

    expect(result.items).toEqual([]);
    expect(result.unmanaged).toEqual(['1']);
  });

  it('retires unmatched active plans when the connection prunes', () => {
    const result = run([], [live('1', GOLD), live('2', { ...GOLD, status: 'INACTIVE' })], { prune: true });

    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ action: 'retire', id: '1' });
    expect(result.unmanaged).toEqual(['2']);
  });

  it('records the fingerprint of every live object read', () => {
    const objects = [live('1', GOLD), live('2', { ...GOLD, name: 'Silver' })];

    const result = run([], objects);

    expect(Object.keys(result.fingerprints).sort()).toEqual(['1', '2']);
    expect(result.fingerprints['1']).not.toBe(result.fingerprints['2']);
  });
});
