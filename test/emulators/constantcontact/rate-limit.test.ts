// Constant Contact's per-key limits on the emulator clock (a `testClock` the test moves): a burst, a
// client pacing just under the limit, the sliding window's edge and the UTC day, all without waiting,
// so the outcome never depends on how busy the machine is.

import { afterEach, describe, expect, it } from 'vitest';
import { RATE_LIMIT_MESSAGE } from '../../../src/sandbox/constantcontact/index.js';
import { ACCOUNTS, call, closeTestEmulators, fetchToken, startTestEmulator, testClock } from './client.js';

afterEach(closeTestEmulators);

describe('Constant Contact emulator: rate limits per API key', () => {
  it('refuses the 5th and 6th request of a burst with 429 at 4/s', async () => {
    // The clock stands still: the six requests arrive within the same second however slow they are.
    const emulator = await startTestEmulator({ requestsPerSecond: 4, now: testClock().now });
    const authorization = `Bearer ${await fetchToken(emulator)}`;

    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      statuses.push((await call(emulator, 'GET', ACCOUNTS, { authorization })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = await call(emulator, 'GET', ACCOUNTS, { authorization });
    expect(refused.json).toEqual({ message: RATE_LIMIT_MESSAGE });
    expect(refused.headers['retry-after']).toBeUndefined();
  });

  it('never refuses a client pacing at 260 ms over ~3 s', async () => {
    const clock = testClock();
    const emulator = await startTestEmulator({ requestsPerSecond: 4, now: clock.now });
    const authorization = `Bearer ${await fetchToken(emulator)}`;

    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      if (index > 0) clock.advance(260);
      statuses.push((await call(emulator, 'GET', ACCOUNTS, { authorization })).status);
    }

    expect(statuses).toEqual(Array(12).fill(200));
    expect(emulator.requestCounts()).toMatchObject({ today: 12, lastSecond: 4 });
  });

  it('counts a sliding 1000 ms window on the emulator clock (exactly at the limit passes)', async () => {
    const clock = testClock();
    const emulator = await startTestEmulator({ requestsPerSecond: 4, now: clock.now });
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    const get = async () => (await call(emulator, 'GET', ACCOUNTS, { authorization })).status;

    for (let index = 0; index < 4; index += 1) {
      expect(await get()).toBe(200);
      clock.advance(250);
    }
    // t = 1000: the request at t = 0 has left the window.
    expect(await get()).toBe(200);
    // t = 1000 again: four requests within the last second.
    expect(await get()).toBe(429);
    expect(emulator.requestCounts()).toMatchObject({ today: 5, lastSecond: 4 });
  });

  it('refuses past the daily quota until the UTC day rolls over', async () => {
    const clock = testClock(Date.UTC(2024, 6, 9, 23, 59, 0));
    const emulator = await startTestEmulator({ requestsPerDay: 3, now: clock.now });
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    const get = async () => (await call(emulator, 'GET', ACCOUNTS, { authorization })).status;

    expect([await get(), await get(), await get(), await get()]).toEqual([200, 200, 200, 429]);
    expect(emulator.requestCounts()).toEqual({ day: '2024-07-09', today: 3, lastSecond: 3 });
    clock.advance(60_000);
    expect(await get()).toBe(200);
    expect(emulator.requestCounts()).toMatchObject({ day: '2024-07-10', today: 1 });
  });

  it('does not count token requests, and throttles before looking at the JWT', async () => {
    const emulator = await startTestEmulator({ requestsPerSecond: 2 });
    for (let index = 0; index < 5; index += 1) await fetchToken(emulator);
    expect(emulator.requestCounts().today).toBe(0);

    expect((await call(emulator, 'GET', ACCOUNTS, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await call(emulator, 'GET', ACCOUNTS)).status).toBe(200);
    expect((await call(emulator, 'GET', ACCOUNTS, { authorization: 'Bearer nope' })).status).toBe(429);
    expect(emulator.writes()).toEqual([]);
  });
});
