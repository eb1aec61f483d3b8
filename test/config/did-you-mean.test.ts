import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/config/did-you-mean.js';

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    const distance = editDistance('curreny', 'currney');

    expect(distance).toBe(1);
  });

  it('counts insertions and deletions', () => {
    const distance = editDistance('plan', 'plans');

    expect(distance).toBe(1);
  });
});

describe('closest', () => {
  it('finds a key with one letter missing', () => {
    const suggestion = closest('curency', ['name', 'currency', 'chargeFrequency']);

    expect(suggestion).toBe('currency');
  });

  it('finds an enum value written in the wrong case', () => {
    const suggestion = closest('monthly', ['DAILY', 'MONTHLY']);

    expect(suggestion).toBe('MONTHLY');
  });

  it('matches camelCase to snake_case', () => {
    const suggestion = closest('requestsPerSecond', ['concurrency', 'requests_per_second']);

    expect(suggestion).toBe('requests_per_second');
  });

  it('suggests nothing when nothing is close', () => {
    const suggestion = closest('colour', ['name', 'currency', 'status']);

    expect(suggestion).toBeUndefined();
  });

  it('does not suggest the input itself', () => {
    const suggestion = closest('name', ['name']);

    expect(suggestion).toBeUndefined();
  });
});
