// Progress over a real read: 5,000 declared PayPal plans against the PayPal emulator, run in-process on
// a terminal (isTTY) and on the virtual clock (test/support/virtual-clock.ts), so the connection's
// pacing (5 requests/s) moves time and the renderer draws whatever the machine's speed. Before the
// read the connection states its estimate; during it one line moves (distinct frames, requests done
// rising to the total the first page stated); at the end the line is blanked. Off a terminal a short
// run prints nothing on stderr, as before.

import { afterEach, describe, expect, it } from 'vitest';
import { generatePlans, PAYPAL_BENCH_PRODUCT_ID } from '../../src/sandbox/paypal/generate.js';
import type { PayPalEmulator } from '../../src/sandbox/paypal/index.js';
import { paypalBench } from '../../bench/providers/paypal.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { virtualClock } from '../support/virtual-clock.js';

const COUNT = 5000;

let h: ProviderHarness<PayPalEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('read progress', () => {
  it(
    'a 5,000-plan PayPal plan on a terminal states an estimate and moves one progress line',
    { timeout: 180_000 },
    async () => {
      const clock = virtualClock();
      const project = fixtureProjectYaml(paypalFixture)
        .replace('requests_per_second: 1000', 'requests_per_second: 5\n      concurrency: 4')
        .replace('timeout_ms: 2000', 'timeout_ms: 30000');
      h = await startProviderHarness(paypalFixture, {
        seed: generatePlans(COUNT),
        emulator: { products: [PAYPAL_BENCH_PRODUCT_ID] },
        project,
        plans: paypalBench.plansYaml(COUNT, new Set()).replace(/^connection: \w+/, 'connection: pp'),
        clock,
      });

      const result = await h.cli(['plan'], { isTTY: true });

      expect(result.code, result.stderr).toBe(0);
      const pages = h.requests().filter((request) => request === 'GET /v1/billing/plans').length;
      expect(pages).toBe(COUNT / 20);
      expect(result.stderr).toContain(
        'Reading pp: about 251 requests (5000 declared plans at 20 per page, plus token), about 51 s at 5 requests/s, 4 at a time. The live count is unknown until the first page, so this may grow.\n',
      );
      const frames = result.stderr
        .split('\r')
        .map((frame) => /^ {2}pp: (\d+)\/(\d+) requests, about .+ left *$/.exec(frame))
        .filter((match) => match !== null)
        .map((match) => ({ done: Number(match[1]), total: Number(match[2]) }));
      expect(frames.length).toBeGreaterThanOrEqual(5);
      const done = frames.map((frame) => frame.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(new Set(done).size).toBe(done.length);
      // The first page stated 5,000 plans: 250 pages and the token, exactly.
      expect(new Set(frames.map((frame) => frame.total))).toEqual(new Set([251]));
      expect(done.at(-1)).toBeGreaterThan(200);
      // Blanked at the end, before the plan is printed on stdout.
      expect(result.stderr).toMatch(/\r {20,}\r$/);
      expect(result.stdout).not.toContain('\r');

      // With --format json, stdout is the plan JSON alone; the progress stays on stderr.
      const json = await h.cli(['plan', '--format', 'json'], { isTTY: true });
      expect(json.code, json.stderr).toBe(0);
      expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
      expect(json.stderr).toMatch(/\r {2}pp: \d+\/251 requests/);
    },
  );

  it('off a terminal, a short read prints nothing on stderr', async () => {
    h = await startProviderHarness(paypalFixture, {
      plans: plansFileYaml('pp', { gold: paypalPlanSpec('Gold') }),
    });

    const result = await h.cli(['plan']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('gold');
    expect(result.stderr).toBe('');
  });
});
