// The benchmark's smallest size as a test: plansync's plan, apply of a 10% change set, and an apply with
// nothing to do send exactly the minimum requests to each provider's emulator (list pages at the
// largest page size or one GET per Constant Contact account; one freshness GET and one write per
// changed plan; no write when nothing changed). Counts are deterministic; no time is asserted. The
// emulators run without rate limits here: a 429 from scheduling jitter on a busy CI machine would add
// a resent request (the benchmark measures pacing; this test only counts).

import { describe, expect, it } from 'vitest';
import { BENCH_PROVIDERS } from '../../bench/lib/providers.js';
import { runScenario } from '../../bench/lib/scenario.js';

const SIZE = { plans: 100, accounts: 20 };

describe('bench at ci size: request counts equal the minimum', () => {
  for (const provider of BENCH_PROVIDERS) {
    const count = provider.quotaBound ? SIZE.accounts : SIZE.plans;
    it(`${provider.id}, ${count} plans`, { timeout: 60_000 }, async () => {
      const result = await runScenario(provider, count, {
        latencyMs: 0,
        unthrottled: true,
        concurrent: false,
        inProcess: true,
        only: new Set(['plan', 'apply', 'emptyApply']),
      });
      expect(result.overMinimum).toEqual([]);
      for (const name of ['plan', 'apply', 'emptyApply'] as const) {
        const { list, get, token, write } = result[name].requests;
        expect({ name, list, get, token, write }).toEqual({ name, ...pick(result.minimum[name]) });
        expect(result[name].requests.throttled).toBe(0);
        expect(result[name].exitCode).toBe(0);
      }
      expect(result.apply.requests.write).toBe(result.changed);
      expect(result.changed).toBe(Math.ceil(count / 10));
      expect(result.emptyApply.requests.write).toBe(0);
    });
  }
});

function pick(m: { list: number; get: number; token: number; write: number }) {
  return { list: m.list, get: m.get, token: m.token, write: m.write };
}
