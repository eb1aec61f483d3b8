import { describe, expect, it } from 'vitest';
import { checkSafety, type SafetyLimits } from '../../src/core/safety.js';
import type { ConnectionPlan, PlanItem } from '../../src/core/model.js';

const limits: SafetyLimits = {
  maxChangeShare: 0.3,
  maxRetireShare: 0.1,
  maxPriceChangePercent: 50,
  minExisting: 10,
};

function connection(items: PlanItem[], liveCount: number): ConnectionPlan {
  const fingerprints = Object.fromEntries(Array.from({ length: liveCount }, (_, i) => [String(i), 'f']));
  return { connection: 'c', provider: 'p', items, unmanaged: [], fingerprints, blockers: [] };
}

function item(action: PlanItem['action'], extra: Partial<PlanItem> = {}): PlanItem {
  return { key: 'k', action, changes: [], blockers: [], notes: [], retires: [], ...extra };
}

describe('safety gates', () => {
  it('blocks a price move beyond the limit', () => {
    const plan = connection(
      [
        item('replace', {
          changes: [{ path: 'amount', impact: 'new-subscribers', via: 'replace', percent: 120 }],
        }),
      ],
      1,
    );

    const blockers = checkSafety(plan, limits);

    expect(blockers).toHaveLength(1);
    expect(blockers[0]?.reason).toContain('+120%');
  });

  it('lets a price move within the limit through', () => {
    const plan = connection(
      [
        item('update', {
          changes: [{ path: 'amount', impact: 'existing-subscribers', via: 'x', percent: -50 }],
        }),
      ],
      1,
    );

    expect(checkSafety(plan, limits)).toEqual([]);
  });

  it('blocks changing too large a share of plans', () => {
    const plan = connection(
      Array.from({ length: 4 }, () => item('update')),
      10,
    );

    expect(checkSafety(plan, limits)[0]?.reason).toContain('4 of 10 live plans would change');
  });

  it('blocks retiring too large a share of plans', () => {
    const plan = connection([item('retire', { retires: ['1'] }), item('retire', { retires: ['2'] })], 10);

    expect(checkSafety(plan, limits)[0]?.reason).toContain('2 of 10 live plans would be retired');
  });

  it('does not apply share gates below min_existing', () => {
    const plan = connection(
      Array.from({ length: 3 }, () => item('update')),
      3,
    );

    expect(checkSafety(plan, limits)).toEqual([]);
  });
});

describe('safety gates under a partial read (--target, --changed-since)', () => {
  it('weighs the share gates against the declared count, not the few plans read, and says so', () => {
    // 5 targeted plans read, all changing, in a connection that declares 12: 5 of 12 > 30%.
    const plan = connection(
      Array.from({ length: 5 }, () => item('update')),
      5,
    );

    const blockers = checkSafety(plan, limits, { declared: 12 });

    expect(blockers).toHaveLength(1);
    expect(blockers[0]?.reason).toContain('5 of 12 live plans');
    expect(blockers[0]?.reason).toContain("counted as the connection's declared plans");
  });

  it('lets a small share of a large declared connection through, where the read alone would trip', () => {
    const plan = connection(
      Array.from({ length: 10 }, () => item('update')),
      10,
    );

    expect(checkSafety(plan, limits)).toHaveLength(1);
    expect(checkSafety(plan, limits, { declared: 10_000 })).toEqual([]);
  });

  it('does not count plans about to be created as existing', () => {
    // 12 declared, 4 of them new: 8 existing, below min_existing (10).
    const plan = connection(
      [
        ...Array.from({ length: 4 }, () => item('create')),
        ...Array.from({ length: 4 }, () => item('update')),
      ],
      4,
    );

    expect(checkSafety(plan, limits, { declared: 12 })).toEqual([]);
  });
});
