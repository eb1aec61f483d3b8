import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/core/shard.js';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 3/3 ', { index: 3, count: 3 }],
    ['256/256', { index: 256, count: 256 }],
  ])('reads %j', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each([
    ['0/4', 'i must be between 1 and 4 (got 0)'],
    ['5/4', 'i must be between 1 and 4 (got 5)'],
    ['1/0', 'n must be between 1 and 256 (got 0)'],
    ['1/300', 'n must be between 1 and 256 (got 300)'],
    ['1', 'expected i/n, e.g. 1/4 (got "1")'],
    ['a/b', 'expected i/n, e.g. 1/4 (got "a/b")'],
    ['-1/4', 'expected i/n, e.g. 1/4 (got "-1/4")'],
    ['1.5/4', 'expected i/n, e.g. 1/4 (got "1.5/4")'],
  ])('refuses %j with a message', (text, message) => {
    expect(parseShard(text)).toBe(message);
  });
});

describe('shardOf', () => {
  it('is stable across versions: these assignments must never change, or CI matrices reshuffle', () => {
    expect(shardOf('bluesnap', 'bs', 'gold', 4)).toBe(4);
    expect(shardOf('paypal', 'pp', 'pro-monthly', 7)).toBe(5);
  });

  it('puts every key in exactly one shard in 1..n', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 32 }),
        (keys, n) => {
          const shards = keys.map((key) => shardOf('paypal', 'pp', key, n));
          for (const shard of shards) {
            expect(shard).toBeGreaterThanOrEqual(1);
            expect(shard).toBeLessThanOrEqual(n);
          }
          const covered = Array.from({ length: n }, (_, i) =>
            keys.filter((key) => shardOf('paypal', 'pp', key, n) === i + 1),
          );
          expect(covered.flat().sort()).toEqual([...keys].sort());
        },
      ),
    );
  });

  it('depends on provider and connection, not only the key', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `plan-${i}`);
    const a = keys.map((key) => shardOf('bluesnap', 'bs', key, 8));
    const b = keys.map((key) => shardOf('bluesnap', 'bs-eu', key, 8));
    expect(a).not.toEqual(b);
  });

  it('spreads 10,000 keys evenly over 4 shards (each within 10% of a quarter)', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[shardOf('jpmmps', 'jpm', `plan-${i}`, 4) - 1]! += 1;
    for (const count of counts) expect(Math.abs(count - 2500)).toBeLessThan(250);
  });
});
