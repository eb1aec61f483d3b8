// Pairing one declared plan across two environments: what counts as a difference and what is left
// out by design (the id, server-managed fields, environment-bound fields, undeclared state).

import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/core/contract.js';
import { comparePlan, summarise, type PlanPairInput } from '../../src/core/environment-diff.js';
import { liveObject } from '../../src/core/live.js';
import type { Attrs } from '../../src/core/value.js';

const contract: Contract = {
  provider: 'acme',
  identity: { idField: 'id', naturalKey: ['product_id', 'name'] },
  capabilities: { create: true, update: true, retire: 'deactivate', replace: true, reads: 'list' },
  conditions: {},
  fields: [
    { path: 'product_id', type: 'text', mutability: { mode: 'create-only' }, impact: 'cosmetic', doc: '' },
    { path: 'name', type: 'text', mutability: { mode: 'in-place' }, impact: 'cosmetic', doc: '' },
    { path: 'price', type: 'money', mutability: { mode: 'in-place' }, impact: 'cosmetic', doc: '' },
    {
      path: 'cycles[1].count',
      type: 'integer',
      mutability: { mode: 'in-place' },
      impact: 'cosmetic',
      default: 1,
      doc: '',
    },
    {
      path: 'status',
      type: 'enum',
      mutability: { mode: 'in-place' },
      impact: 'cosmetic',
      onlyWhenDeclared: true,
      doc: '',
    },
    { path: 'created', type: 'text', mutability: { mode: 'read-only' }, impact: 'cosmetic', doc: '' },
  ],
};

const base: Attrs = { product_id: 'PROD-A', name: 'Pro', price: { amount: '24.00', currency: 'USD' } };

function pair(a: Attrs | undefined, b: Attrs | undefined, extra: Partial<PlanPairInput> = {}): PlanPairInput {
  return {
    key: 'pro',
    a: { desired: base, ...(a && { live: liveObject('A-1', a), item: { action: 'no-op' as const } }) },
    b: { desired: base, ...(b && { live: liveObject('B-1', b), item: { action: 'no-op' as const } }) },
    environmentBound: [],
    ...extra,
  };
}

describe('comparePlan', () => {
  it('finds two live plans the same across decimal spellings, defaults, ids and server-managed fields', () => {
    const result = comparePlan(
      contract,
      pair(
        { ...base, created: 'monday', 'cycles[1].count': 1 },
        { ...base, price: { amount: '24', currency: 'USD' }, created: 'tuesday' },
      ),
    );

    expect(result).toMatchObject({ status: 'same', fields: [], different: false, rehearsed: false });
    expect(result.a.id).toBe('A-1');
    expect(result.b.id).toBe('B-1');
  });

  it('reports differing fields with both values, leaving out environment-bound ones, nested paths included', () => {
    const result = comparePlan(
      contract,
      pair(
        { ...base, 'cycles[1].count': 3 },
        { ...base, product_id: 'PROD-B', price: { amount: '19.99', currency: 'USD' } },
        { environmentBound: ['product_id'] },
      ),
    );

    expect(result.status).toBe('differs');
    expect(result.fields).toEqual([
      {
        path: 'price',
        a: { amount: '24.00', currency: 'USD' },
        b: { amount: '19.99', currency: 'USD' },
      },
      { path: 'cycles[1].count', a: 3, b: 1 },
    ]);
    expect(result.environmentBound).toEqual(['product_id']);

    const cycles = comparePlan(
      contract,
      pair({ ...base, 'cycles[1].count': 3 }, base, { environmentBound: ['cycles'] }),
    );
    expect(cycles.status).toBe('same');
  });

  it('compares state compared only when declared only where some environment declares it', () => {
    const live = pair({ ...base, status: 'ACTIVE' }, { ...base, status: 'INACTIVE' });
    expect(comparePlan(contract, live).status).toBe('same');

    const declared = { ...live, b: { ...live.b, desired: { ...base, status: 'ACTIVE' } } };
    expect(comparePlan(contract, declared).fields.map((f) => f.path)).toEqual(['status']);
  });

  it('says which side holds a plan live in one environment only, and what is pending', () => {
    const input = pair(base, undefined);
    const result = comparePlan(contract, { ...input, b: { ...input.b, item: { action: 'create' } } });

    expect(result).toMatchObject({
      status: 'only-in',
      onlyIn: 'a',
      a: { live: true, action: 'no-op', pending: false },
      b: { live: false, action: 'create', pending: true },
      rehearsed: true,
      different: true,
    });
  });

  it('counts pending changes in one environment only as a difference, even with equal live values', () => {
    const input = pair(base, base);
    const result = comparePlan(contract, { ...input, b: { ...input.b, item: { action: 'update' } } });

    expect(result).toMatchObject({ status: 'same', rehearsed: true, different: true });
    expect(summarise([result])).toEqual({
      plans: 1,
      same: 1,
      differs: 0,
      onlyIn: 0,
      inNeither: 0,
      rehearsed: 1,
      different: 1,
    });
  });

  it('does not count a plan live in neither environment as a difference', () => {
    const result = comparePlan(contract, pair(undefined, undefined));

    expect(result).toMatchObject({ status: 'in-neither', different: false });
  });
});
