import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/model.js';
import { recomputeFigures } from '../../src/core/plan-figures.js';
import type { Attrs } from '../../src/core/value.js';
import { providers } from '../../src/providers/registry.js';

const contractOf = (id: string) => providers.get(id)?.contract;

function planWith(change: Record<string, unknown>, desired: Attrs = {}): Plan {
  return {
    formatVersion: 1,
    connections: [
      {
        connection: 'bs',
        provider: 'bluesnap',
        items: [
          {
            key: 'gold',
            action: 'replace',
            id: '100',
            changes: [
              { path: 'recurringChargeAmount', impact: 'new-subscribers', via: 'replace', ...change },
            ],
            blockers: [],
            notes: [],
            retires: ['100'],
            desired,
          },
        ],
        unmanaged: [],
        fingerprints: {},
        blockers: [],
      },
    ],
  };
}

const changeOf = (plan: Plan) => plan.connections[0]!.items[0]!.changes[0]!;

describe('recomputeFigures', () => {
  it('works a price move out from the amounts, not from the stated figure', () => {
    const { plan, mismatches } = recomputeFigures(
      planWith({ before: '9.99', after: '0.01', percent: 10, currency: 'USD' }),
      contractOf,
    );

    expect(changeOf(plan).percent).toBe(-99.9);
    expect(mismatches).toEqual([
      { connection: 'bs', key: 'gold', path: 'recurringChargeAmount', stored: 10, recomputed: -99.9 },
    ]);
  });

  it('adds a figure that was removed, and leaves a true one alone', () => {
    const removed = recomputeFigures(planWith({ before: '29.99', after: '9.99' }), contractOf);
    const kept = recomputeFigures(planWith({ before: '9.99', after: '10.99', percent: 10 }), contractOf);

    expect(changeOf(removed.plan).percent).toBe(-66.7);
    expect(removed.mismatches).toHaveLength(1);
    expect(changeOf(kept.plan).percent).toBe(10);
    expect(kept.mismatches).toEqual([]);
  });

  it('shows amounts in the currency the plan sends', () => {
    const { plan } = recomputeFigures(
      planWith({ before: '9.99', after: '10.99', percent: 10, currency: 'JPY' }, { currency: 'USD' }),
      contractOf,
    );

    expect(changeOf(plan).currency).toBe('USD');
  });

  it('drops a figure nothing vouches for (unknown provider)', () => {
    const document = planWith({ before: '9.99', after: '10.99', percent: 10 });
    document.connections[0]!.provider = 'nope';

    const { plan } = recomputeFigures(document, contractOf);

    expect(changeOf(plan).percent).toBeUndefined();
  });
});
