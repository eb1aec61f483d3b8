import { afterEach, describe, expect, it } from 'vitest';
import {
  LIVE_MODE_RATE_LIMIT,
  TEST_MODE_RATE_LIMIT,
  defaultRateLimit,
} from '../../../src/sandbox/stripe/index.js';
import { call, closeTestEmulators, createProduct, startTestEmulator, stripeError } from './client.js';

afterEach(closeTestEmulators);

/** A bucket that effectively never refills during a test. */
const ONE_REQUEST = { capacity: 1, refillPerSecond: 0.001 };

describe('Stripe emulator: rate limits', () => {
  it('budgets 25 requests/s in test mode and 100 in live mode by default', () => {
    expect(defaultRateLimit('sk_test_abc')).toEqual({ capacity: 25, refillPerSecond: 25 });
    expect(defaultRateLimit('rk_test_abc')).toBe(TEST_MODE_RATE_LIMIT);
    expect(defaultRateLimit('sk_live_abc')).toEqual({ capacity: 100, refillPerSecond: 100 });
    expect(defaultRateLimit('rk_live_abc')).toBe(LIVE_MODE_RATE_LIMIT);
  });

  it('answers 429 rate_limit with Stripe-Should-Retry: true once the bucket is empty', async () => {
    const emulator = await startTestEmulator({ rateLimit: ONE_REQUEST });
    await call(emulator, 'GET', '/v1/products');

    const throttled = await call(emulator, 'GET', '/v1/products');

    expect(throttled.status).toBe(429);
    expect(stripeError(throttled)).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit' });
    expect(throttled.headers['stripe-should-retry']).toBe('true');
    expect(throttled.headers['request-id']).toMatch(/^req_/);
  });

  it('does not run the handler of a throttled write, nor keep its idempotency key', async () => {
    const emulator = await startTestEmulator({ rateLimit: ONE_REQUEST });
    await call(emulator, 'GET', '/v1/products');
    const form = { id: 'p', name: 'P' };
    const headers = { 'idempotency-key': 'throttled-1' };

    const throttled = await call(emulator, 'POST', '/v1/products', { form, headers });
    emulator.setRateLimit(undefined);
    const retried = await call(emulator, 'POST', '/v1/products', { form, headers });

    expect(throttled.status).toBe(429);
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(emulator.products()).toHaveLength(1);
  });

  it('throttles before checking the key', async () => {
    const emulator = await startTestEmulator({ rateLimit: ONE_REQUEST });
    await createProduct(emulator, 'p');

    const throttled = await call(emulator, 'GET', '/v1/products', { authorization: null });

    expect(throttled.status).toBe(429);
  });
});
