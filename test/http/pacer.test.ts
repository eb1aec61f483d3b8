// The pacer on clocks the test drives: the schedule it computes is asserted exactly, never measured,
// so a busy machine cannot make these tests fail (or pass) by being slow.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { PACING_MARGIN, Pacer } from '../../src/http/pacer.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('Pacer', () => {
  it('measures each interval from when the previous request actually left', async () => {
    let clock = 0;
    let late = 0;
    // A sleep that oversleeps every other time, as a busy event loop does.
    const sleep = async (ms: number) => void (clock += ms + (late++ % 2 === 0 ? 40 : 0));
    const pacer = new Pacer(4, { now: () => clock, sleep });
    const sent: number[] = [];

    for (let i = 0; i < 8; i++) {
      await pacer.wait();
      sent.push(clock);
    }

    const gaps = sent.slice(1).map((t, i) => t - (sent[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250 * (1 + PACING_MARGIN));
  });

  it('lets concurrent callers through one interval apart, in the order they came', async () => {
    // The default clock (Date.now and setTimeout), faked: the schedule is exact.
    vi.useFakeTimers({ now: 1_000 });
    const pacer = new Pacer(50);
    const sent: Array<[number, number]> = [];

    const waiting = Promise.all(
      Array.from({ length: 8 }, (_, caller) => pacer.wait().then(() => sent.push([caller, Date.now()]))),
    );
    await vi.runAllTimersAsync();
    await waiting;

    const interval = 20 * (1 + PACING_MARGIN);
    expect(sent).toEqual(Array.from({ length: 8 }, (_, i) => [i, 1_000 + i * interval]));
  });

  it('holds every request after a 429 pause', async () => {
    let clock = 1000;
    const pacer = new Pacer(100, { now: () => clock, sleep: async (ms) => void (clock += ms) });

    pacer.pause(5000);
    await pacer.wait();

    expect(clock).toBeGreaterThanOrEqual(6000);
  });

  it('pauses no longer than the connection allows, whatever the 429 asked for', async () => {
    let clock = 1000;
    const pacer = new Pacer(100, { now: () => clock, sleep: async (ms) => void (clock += ms) }, 30_000);

    pacer.pause(86_400_000);
    await pacer.wait();

    expect(clock).toBe(31_000);
  });
});
