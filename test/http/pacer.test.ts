import { describe, expect, it } from 'vitest';
import { PACING_MARGIN, Pacer } from '../../src/http/pacer.js';

describe('Pacer', () => {
  it('measures each interval from when the previous request actually left', async () => {
    let clock = 0;
    let late = 0;
    // A sleep that oversleeps every other time, as a busy event loop does.
    const sleep = async (ms: number) => void (clock += ms + (late++ % 2 === 0 ? 40 : 0));
    const pacer = new Pacer(4, () => clock, sleep);
    const sent: number[] = [];

    for (let i = 0; i < 8; i++) {
      await pacer.wait();
      sent.push(clock);
    }

    const gaps = sent.slice(1).map((t, i) => t - (sent[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250 * (1 + PACING_MARGIN));
  });

  it('lets concurrent callers through one interval apart (lower bound only: a slow machine widens gaps)', async () => {
    const pacer = new Pacer(50);
    const sent: number[] = [];

    await Promise.all(Array.from({ length: 8 }, () => pacer.wait().then(() => sent.push(performance.now()))));

    const gaps = sent.slice(1).map((t, i) => t - (sent[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(19);
  });

  it('holds every request after a 429 pause', async () => {
    let clock = 1000;
    const pacer = new Pacer(
      100,
      () => clock,
      async (ms) => void (clock += ms),
    );

    pacer.pause(5000);
    await pacer.wait();

    expect(clock).toBeGreaterThanOrEqual(6000);
  });
});
