// jsonEqual is the planner's fast comparison: it must agree with comparing canonical JSON, always.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsEqual, signatureOf } from '../../src/core/compare.js';
import type { FieldRule } from '../../src/core/contract.js';
import { canonicalJson, jsonEqual, type Value } from '../../src/core/value.js';

/** The same value with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  }
  return value;
}

describe('jsonEqual', () => {
  it('agrees with canonical JSON equality on arbitrary pairs', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a value equal to itself with its keys reordered, and to a near copy unequal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => {
        expect(jsonEqual(a, reordered(a))).toBe(true);
        expect(jsonEqual({ v: a }, { v: a, extra: 1 })).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: null }, {}, false],
    [[1, 2], [2, 1], false],
    ['5', 5, false],
    [{ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x' }] } }, true],
  ])('jsonEqual(%j, %j) is %s', (a, b, equal) => {
    expect(jsonEqual(a, b)).toBe(equal);
    expect(canonicalJson(a) === canonicalJson(b)).toBe(equal);
  });
});

describe('signatureOf', () => {
  const rule = (path: string, type: FieldRule['type'], extra: Partial<FieldRule> = {}): FieldRule => ({
    path,
    type,
    mutability: { mode: 'create-only' },
    impact: 'new-subscribers',
    doc: '',
    ...extra,
  });
  const rules = [
    rule('name', 'text'),
    rule('amount', 'decimal'),
    rule('count', 'integer'),
    rule('status', 'enum', { default: 'ACTIVE' }),
    rule('cycles', 'json'),
  ];
  // Small domains, so equal values (written differently) come up often.
  const value = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom('9.9', '9.90', '10', 9.9, 10, '010', 'ACTIVE', 'x'),
    fc.constantFrom({ a: 1, b: [1] }, { b: [1], a: 1 }, [1, 2], [2, 1]),
  );
  const attrs = fc.record(
    Object.fromEntries(rules.map((r) => [r.path, value])) as Record<string, typeof value>,
    { requiredKeys: [] },
  );

  it('gives two attribute sets the same signature exactly when fieldsEqual holds on every rule', () => {
    fc.assert(
      fc.property(attrs, attrs, (a, b) => {
        const equal = rules.every((r) => fieldsEqual(r, a[r.path] as Value, b[r.path] as Value));
        expect(
          signatureOf(rules, a as Record<string, Value>) === signatureOf(rules, b as Record<string, Value>),
        ).toBe(equal);
      }),
      { numRuns: 3000 },
    );
  });
});
