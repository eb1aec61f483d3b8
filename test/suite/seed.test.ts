// The suite's seed: set by PLANSYNC_TEST_SEED, fixed under CI, else drawn per run (test/support/seed.ts).

import { describe, expect, it } from 'vitest';
import { parseSeed, resolveSeed, subSeed } from '../support/seed.js';

describe('test seed', () => {
  it('takes PLANSYNC_TEST_SEED first, even under CI', () => {
    expect(resolveSeed({ PLANSYNC_TEST_SEED: '42', CI: 'true' })).toBe(42);
    expect(resolveSeed({ PLANSYNC_SEED: '7', CI: 'true' })).toBe(7);
    expect(resolveSeed({ PLANSYNC_TEST_SEED: '42', PLANSYNC_SEED: '7' })).toBe(42);
  });

  it('is the same fixed number on every CI run', () => {
    expect(resolveSeed({ CI: 'true' })).toBe(resolveSeed({ CI: '1' }));
  });

  it('is drawn afresh outside CI', () => {
    const seeds = new Set(Array.from({ length: 5 }, () => resolveSeed({})));

    expect(seeds.size).toBeGreaterThan(1);
  });

  it('refuses a seed that is not a whole number below 2^32', () => {
    expect(() => parseSeed('12abc', 'PLANSYNC_TEST_SEED')).toThrow(
      'PLANSYNC_TEST_SEED must be a whole number',
    );
    expect(() => parseSeed('4294967296', 'PLANSYNC_TEST_SEED')).toThrow('below 2^32');
  });

  it('derives stable sub-seeds, one per name', () => {
    expect(subSeed(7, 'paypal')).toBe(subSeed(7, 'paypal'));
    expect(subSeed(7, 'paypal')).not.toBe(subSeed(7, 'bluesnap'));
  });
});
