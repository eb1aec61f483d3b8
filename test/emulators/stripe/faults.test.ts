import { afterEach, describe, expect, it } from 'vitest';
import { body, call, closeTestEmulators, createProduct, startTestEmulator, stripeError } from './client.js';

afterEach(closeTestEmulators);

describe('Stripe emulator: injected faults', () => {
  // An injected 5xx stands for a failure in front of the API (nothing stored to replay), so it says
  // nothing of retrying; the API's own 5xx says `false` (withStripeHeaders).
  it('answers an injected 500 as api_error with a Request-Id and no word on retrying', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ path: '/v1/products', fault: { kind: 'status', status: 500 } });

    const result = await call(emulator, 'GET', '/v1/products');

    expect(result.status).toBe(500);
    expect(stripeError(result).type).toBe('api_error');
    expect(result.headers['stripe-should-retry']).toBeUndefined();
    expect(result.headers['request-id']).toMatch(/^req_/);
  });

  it('lets a fault choose its own Stripe-Should-Retry', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({
      fault: { kind: 'status', status: 503, headers: { 'Stripe-Should-Retry': 'true' } },
    });

    const result = await call(emulator, 'GET', '/v1/products');

    expect(result.status).toBe(503);
    expect(result.headers['stripe-should-retry']).toBe('true');
  });

  it('answers an injected 429 like the rate limiter and an injected 409 as lock_timeout, both retryable', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ times: 1, fault: { kind: 'status', status: 429 } });
    emulator.faults.inject({ times: 1, fault: { kind: 'status', status: 409 } });

    const throttled = await call(emulator, 'GET', '/v1/products');
    const conflict = await call(emulator, 'GET', '/v1/products');

    expect(stripeError(throttled).code).toBe('rate_limit');
    expect(stripeError(conflict).code).toBe('lock_timeout');
    expect([throttled.headers['stripe-should-retry'], conflict.headers['stripe-should-retry']]).toEqual([
      'true',
      'true',
    ]);
  });

  it('creates the object when only the answer is lost', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ method: 'POST', fault: { kind: 'reset-after' } });

    await expect(call(emulator, 'POST', '/v1/products', { form: { id: 'p', name: 'P' } })).rejects.toThrow();

    expect(emulator.products().map((product) => product.id)).toEqual(['p']);
  });

  it('answers with a rewritten body while the state stays as the handler left it', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    emulator.faults.inject({
      method: 'POST',
      fault: { kind: 'rewrite-response', rewrite: (answer) => ({ ...(answer as object), name: 'Other' }) },
    });

    const result = await call(emulator, 'POST', '/v1/products/p', { form: { name: 'Renamed' } });

    expect(body(result).name).toBe('Other');
    expect(emulator.products()[0]?.name).toBe('Renamed');
  });

  it('acts on a rewritten form: a provider that ignores a field of an update answers 200 without it', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p', { 'metadata[keep]': 'yes' });
    emulator.faults.inject({
      method: 'POST',
      path: '/v1/products/p',
      fault: {
        kind: 'rewrite-request',
        rewrite: (form) => {
          const { name: _ignored, ...rest } = form as Record<string, unknown>;
          return rest;
        },
      },
    });

    const result = await call(emulator, 'POST', '/v1/products/p', {
      form: { name: 'Renamed', 'metadata[plansync_key]': 'pro' },
    });

    expect(result.status).toBe(200);
    expect(body(result)).toMatchObject({ name: 'Product p', metadata: { keep: 'yes', plansync_key: 'pro' } });
    expect(emulator.log.at(-1)?.body).toBe('name=Renamed&metadata%5Bplansync_key%5D=pro');
  });

  it('stores another value than a create asked for, tiers and all surviving the re-encoding', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    emulator.faults.inject({
      method: 'POST',
      path: '/v1/prices',
      fault: { kind: 'rewrite-request', rewrite: (form) => ({ ...(form as object), nickname: 'Altered' }) },
    });

    const result = await call(emulator, 'POST', '/v1/prices', {
      form: [
        ['product', 'p'],
        ['currency', 'usd'],
        ['billing_scheme', 'tiered'],
        ['tiers_mode', 'graduated'],
        ['tiers[0][up_to]', '10'],
        ['tiers[0][unit_amount]', '5'],
        ['tiers[1][up_to]', 'inf'],
        ['tiers[1][unit_amount]', '4'],
        ['nickname', 'Asked'],
        ['expand[]', 'tiers'],
      ],
    });

    expect(result.status).toBe(200);
    expect(body(result)).toMatchObject({ nickname: 'Altered', tiers: [{ up_to: 10 }, { up_to: null }] });
  });

  it('cannot expire its static keys', async () => {
    const emulator = await startTestEmulator();

    expect(emulator.faults.supports('expire-credentials')).toBe(false);
  });
});
