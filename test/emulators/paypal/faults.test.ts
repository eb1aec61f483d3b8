import { afterEach, describe, expect, it } from 'vitest';
import {
  ACTIVE_ID,
  TEST_SEED,
  call,
  closeTestEmulators,
  fetchToken,
  planBody,
  startTestEmulator,
} from './client.js';

afterEach(closeTestEmulators);

const PLANS = '/v1/billing/plans';

describe('PayPal emulator: error body and Paypal-Debug-Id', () => {
  it('sends PayPal’s error shape with the debug id in header and body', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'GET', `${PLANS}/P-NOSUCHPLAN000000000000000`);
    const body = response.json as { debug_id: string };

    expect(response.json).toEqual({
      name: 'RESOURCE_NOT_FOUND',
      message: 'The specified resource does not exist.',
      debug_id: expect.stringMatching(/^[0-9a-f]{13}$/) as unknown,
      details: [expect.objectContaining({ issue: 'INVALID_RESOURCE_ID' }) as unknown],
      links: [
        {
          href: 'https://developer.paypal.com/docs/api/v1/billing/subscriptions#RESOURCE_NOT_FOUND',
          rel: 'information_link',
          method: 'GET',
        },
      ],
    });
    expect(response.headers['paypal-debug-id']).toBe(body.debug_id);
  });

  it('sends a fresh debug id on every answer, successes included', async () => {
    const emulator = await startTestEmulator();

    const first = await call(emulator, 'GET', PLANS);
    const second = await call(emulator, 'GET', PLANS);

    expect(first.headers['paypal-debug-id']).toMatch(/^[0-9a-f]{13}$/);
    expect(first.headers['paypal-debug-id']).not.toBe(second.headers['paypal-debug-id']);
  });
});

describe('PayPal emulator: rate limit and injected faults', () => {
  it('answers 429 RATE_LIMIT_REACHED once the bucket is empty, without running the handler', async () => {
    const emulator = await startTestEmulator({ rateLimit: { capacity: 2, refillPerSecond: 0.001 } });
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    await call(emulator, 'GET', PLANS, { authorization });

    const throttled = await call(emulator, 'POST', PLANS, { authorization, body: planBody() });

    expect(throttled.status).toBe(429);
    expect(throttled.json).toMatchObject({
      name: 'RATE_LIMIT_REACHED',
      message: 'Too many requests. Blocked due to rate limiting.',
    });
    expect(throttled.headers['retry-after']).toBeUndefined();
    expect(emulator.plans()).toEqual([]);
  });

  it.each([
    [500, 'INTERNAL_SERVER_ERROR', 'An internal server error occurred.'],
    [503, 'SERVICE_UNAVAILABLE', 'Service Unavailable.'],
    [429, 'RATE_LIMIT_REACHED', 'Too many requests. Blocked due to rate limiting.'],
    [
      401,
      'AUTHENTICATION_FAILURE',
      'Authentication failed due to missing authorization header, or invalid authentication credentials.',
    ],
  ])('answers a %i status fault with PayPal’s body', async (status, name, message) => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ path: PLANS, fault: { kind: 'status', status } });

    const response = await call(emulator, 'GET', PLANS);

    expect([response.status, response.json]).toEqual([status, expect.objectContaining({ name, message })]);
    expect(response.headers['paypal-debug-id']).toBe((response.json as { debug_id: string }).debug_id);
  });

  it('answers a 403 fault with NOT_AUTHORIZED / PERMISSION_DENIED', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ path: PLANS, fault: { kind: 'status', status: 403 } });

    const response = await call(emulator, 'GET', PLANS);

    expect(response.json).toMatchObject({
      name: 'NOT_AUTHORIZED',
      details: [{ issue: 'PERMISSION_DENIED' }],
    });
  });

  it('keeps the headers a fault names, such as Retry-After', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '3' } } });

    const response = await call(emulator, 'GET', PLANS, { authorization: null });

    expect([response.status, response.headers['retry-after']]).toEqual([429, '3']);
  });

  it('does not run the handler for a status fault', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });
    emulator.faults.inject({ method: 'POST', path: /deactivate$/, fault: { kind: 'status', status: 500 } });

    const response = await call(emulator, 'POST', `${PLANS}/${ACTIVE_ID}/deactivate`);

    expect(response.status).toBe(500);
    expect(emulator.plans()[0]?.status).toBe('ACTIVE');
  });

  it('commits the write but loses the answer on reset-after', async () => {
    const emulator = await startTestEmulator();
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    emulator.faults.inject({ method: 'POST', path: PLANS, fault: { kind: 'reset-after' } });

    const attempt = call(emulator, 'POST', PLANS, { authorization, body: planBody() });

    await expect(attempt).rejects.toThrow();
    expect(emulator.plans()).toHaveLength(1);
  });

  it('answers a non-json fault with a proxy page that carries no PayPal header', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ fault: { kind: 'non-json' } });

    const response = await call(emulator, 'GET', PLANS, { authorization: null });

    expect([response.status, response.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(response.headers['paypal-debug-id']).toBeUndefined();
  });

  it('adds the configured latency', async () => {
    const emulator = await startTestEmulator({ latencyMs: 80 });
    const authorization = `Bearer ${await fetchToken(emulator)}`;
    const started = performance.now();

    await call(emulator, 'GET', PLANS, { authorization });

    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });
});
