import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/sandbox/kit/index.js';

function clock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst up to its capacity, then refuses', () => {
    const { now } = clock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1 }, now);

    const taken = [bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()];

    expect(taken).toEqual([true, true, true, false]);
  });

  it('refills at the configured rate', () => {
    const time = clock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4 }, time.now);
    bucket.tryTake();
    bucket.tryTake();

    time.advance(250);

    expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
  });

  it('never holds more than its capacity', () => {
    const time = clock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 100 }, time.now);

    time.advance(60_000);

    expect(bucket.available).toBe(2);
  });

  it('rejects a capacity below one', () => {
    const create = (): TokenBucket => new TokenBucket({ capacity: 0, refillPerSecond: 1 });

    expect(create).toThrow(RangeError);
  });
});
