import { afterEach, describe, expect, it } from 'vitest';
import { springErrorBody } from '../../../src/sandbox/jpmmps/index.js';
import { PLANS, call, closeTestEmulators, planBody, startTestEmulator, testClock } from './client.js';

afterEach(closeTestEmulators);

describe('JPM MPS emulator: rate limit, faults, latency', () => {
  it('answers 429 once the bucket is empty, without running the handler', async () => {
    const emulator = await startTestEmulator({ rateLimit: { capacity: 1, refillPerSecond: 0.001 } });
    await call(emulator, 'GET', PLANS);

    const throttled = await call(emulator, 'POST', PLANS, { body: planBody() });

    expect([throttled.status, throttled.json]).toEqual([
      429,
      { code: 'TOO_MANY_REQUESTS', message: 'Too many requests.' },
    ]);
    expect(emulator.plans()).toEqual([]);
  });

  it.each([
    [500, 'INTERNAL_SERVER_ERROR'],
    [503, 'SERVICE_UNAVAILABLE'],
    [403, 'FORBIDDEN'],
  ])('answers a %i status fault with the error body', async (status, code) => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ method: 'POST', path: `/api/v1${PLANS}`, fault: { kind: 'status', status } });

    const response = await call(emulator, 'POST', PLANS, { body: planBody() });

    expect([response.status, response.json]).toEqual([status, expect.objectContaining({ code })]);
    expect(emulator.plans()).toEqual([]);
  });

  it('stores the plan but loses the answer on reset-after; the retry makes a duplicate', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ method: 'POST', path: `/api/v1${PLANS}`, fault: { kind: 'reset-after' } });

    await expect(call(emulator, 'POST', PLANS, { body: planBody() })).rejects.toThrow();

    expect(emulator.plans()).toHaveLength(1);
    const [entry] = emulator.log;
    expect([entry?.fault, entry?.status, entry?.handled]).toEqual(['reset-after', 201, true]);
    const retry = await call(emulator, 'POST', PLANS, { body: planBody() });
    expect(retry.status).toBe(201);
    expect(emulator.plans().map((plan) => plan.name)).toEqual(['Premium', 'Premium']);
  });

  it('lets a client find the lost create by name and createdAtGte', async () => {
    const clock = testClock(Date.parse('2025-06-01T08:00:00.00Z'));
    const emulator = await startTestEmulator({ now: clock.now });
    emulator.faults.inject({ method: 'POST', fault: { kind: 'reset-after' } });
    const startedAt = '2025-06-01T08:00:00.00Z';

    await expect(call(emulator, 'POST', PLANS, { body: planBody({ name: 'Lost' }) })).rejects.toThrow();
    const found = await call(emulator, 'GET', `${PLANS}?name=Lost&deleted=FALSE&createdAtGte=${startedAt}`);

    expect((found.json as { count: number }).count).toBe(1);
  });

  it('drops the connection before the handler on reset-before', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ method: 'POST', fault: { kind: 'reset-before' } });

    await expect(call(emulator, 'POST', PLANS, { body: planBody() })).rejects.toThrow();

    expect(emulator.plans()).toEqual([]);
  });

  it('adds the configured latency', async () => {
    const emulator = await startTestEmulator({ latencyMs: 80 });
    const started = performance.now();

    await call(emulator, 'GET', PLANS);

    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('uses a pluggable error body, such as the Spring-like shape', async () => {
    const clock = testClock(Date.parse('2021-03-17T17:18:53.01Z'));
    const emulator = await startTestEmulator({ errorBody: springErrorBody, now: clock.now });

    const response = await call(emulator, 'POST', PLANS, {
      body: planBody({ trialDurationUnit: undefined }),
    });

    expect(response.json).toEqual({
      status: 400,
      error: 'Bad Request',
      message: 'trialDurationUnit is required when trialDurationPeriod is provided',
      path: '/api/v1/plans',
      timestamp: '2021-03-17T17:18:53.01Z',
    });
  });
});
