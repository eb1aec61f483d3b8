// Retry waits run on the run's clock: a provider that says "retry after 30 s" costs 30 s of the
// clock, not of the test. The virtual clock (test/support/virtual-clock.ts) shows the exact waits,
// and the run takes no real time, whatever the machine's load.

import { afterEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import { blueSnapSeedPlan, bluesnapFixture } from '../providers/bluesnap/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';
import { virtualClock, type VirtualClock } from '../support/virtual-clock.js';

const PLANS = '/services/2/recurring/plans';

let h: ProviderHarness<BlueSnapEmulator> | undefined;
afterEach(async () => h?.close());

/** One live plan, declared as it is, and the run on `clock`. */
function startOnClock(clock: VirtualClock): Promise<ProviderHarness<BlueSnapEmulator>> {
  return startProviderHarness(bluesnapFixture, {
    seed: [blueSnapSeedPlan(100, { name: 'Gold' })],
    plans: plansFileYaml('bs', {
      gold: { name: 'Gold', recurringChargeAmount: 10, currency: 'USD', chargeFrequency: 'MONTHLY' },
    }),
    clock,
  });
}

describe('retry waits on the run’s clock', () => {
  it('waits the Retry-After of a 503, then reads again', async () => {
    const clock = virtualClock();
    h = await startOnClock(clock);
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      fault: { kind: 'status', status: 503, headers: { 'retry-after': '30' } },
    });
    const started = clock.now();

    const plan = await h.cli(['plan']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(h.requests()).toEqual([`GET ${PLANS}`, `GET ${PLANS}`]);
    expect(clock.sleeps).toEqual([30_000]);
    expect(clock.now() - started).toBe(30_000);
  });

  it('fails at once when a 429 asks for a wait longer than a request may take, naming the wait', async () => {
    const clock = virtualClock();
    h = await startOnClock(clock);
    h.emulator.faults.inject({
      times: Infinity,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '86400' } },
    });
    const started = clock.now();

    const plan = await h.cli(['plan']);

    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('the provider asked to wait 86400 s before retrying (Retry-After)');
    expect(plan.stderr).toContain('more than the connection allows (30 s, limits.max_retry_wait_ms)');
    expect(plan.stderr).toContain('(connection bs)');
    expect(h.requests()).toEqual([`GET ${PLANS}`]);
    expect(clock.now() - started).toBe(0);
  });
});
