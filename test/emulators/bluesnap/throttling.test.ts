import { afterEach, describe, expect, it } from 'vitest';
import { BLUESNAP_THROTTLING_MESSAGES } from '../../../src/sandbox/bluesnap/index.js';
import { GOLD_PLAN, call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

/** A bucket that effectively never refills during a test. */
const TWO_REQUESTS = { capacity: 2, refillPerSecond: 0.001 };

describe('BlueSnap emulator: rate limiting and latency', () => {
  it('answers 429 once the bucket is empty', async () => {
    const emulator = await startTestEmulator({ rateLimit: TWO_REQUESTS });
    await call(emulator, 'GET', '/recurring/plans');
    await call(emulator, 'GET', '/recurring/plans');

    const throttled = await call(emulator, 'GET', '/recurring/plans');

    expect(throttled.status).toBe(429);
  });

  it('uses a documented BlueSnap message and sends no Retry-After', async () => {
    const emulator = await startTestEmulator({ rateLimit: { capacity: 1, refillPerSecond: 0.001 } });
    await call(emulator, 'GET', '/recurring/plans');

    const throttled = await call(emulator, 'GET', '/recurring/plans');

    expect(throttled.json).toEqual({
      message: [
        { errorName: 'TOO_MANY_REQUESTS', code: '429', description: BLUESNAP_THROTTLING_MESSAGES[0] },
      ],
    });
    expect(throttled.headers['retry-after']).toBeUndefined();
  });

  it('does not run the handler for a throttled write', async () => {
    const emulator = await startTestEmulator({ rateLimit: { capacity: 1, refillPerSecond: 0.001 } });
    await call(emulator, 'GET', '/recurring/plans');

    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    expect(emulator.plans()).toEqual([]);
  });

  it('serves requests again after the bucket refills', async () => {
    const emulator = await startTestEmulator({ rateLimit: { capacity: 1, refillPerSecond: 20 } });
    await call(emulator, 'GET', '/recurring/plans');
    await new Promise((resolve) => setTimeout(resolve, 120));

    const response = await call(emulator, 'GET', '/recurring/plans');

    expect(response.status).toBe(200);
  });

  it('can lift the rate limit at runtime', async () => {
    const emulator = await startTestEmulator({ rateLimit: { capacity: 1, refillPerSecond: 0.001 } });
    await call(emulator, 'GET', '/recurring/plans');

    emulator.setRateLimit(undefined);
    const response = await call(emulator, 'GET', '/recurring/plans');

    expect(response.status).toBe(200);
  });

  it('adds the configured latency to every answer', async () => {
    const emulator = await startTestEmulator({ latencyMs: 120 });
    const started = performance.now();

    await call(emulator, 'GET', '/recurring/plans');

    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('adds latency to error answers too', async () => {
    const emulator = await startTestEmulator();
    emulator.setLatency(120);
    const started = performance.now();

    const response = await call(emulator, 'GET', '/recurring/plans', { authorization: null });

    expect(response.status).toBe(401);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
