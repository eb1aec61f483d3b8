// jsonEqual is the planner's fast comparison: it must agree with comparing canonical JSON, always.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual } from '../../src/core/value.js';

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
