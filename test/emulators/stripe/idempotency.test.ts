import { afterEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../../../src/sandbox/stripe/index.js';
import {
  type Form,
  body,
  call,
  closeTestEmulators,
  createProduct,
  startTestEmulator,
  stripeError,
  until,
} from './client.js';

afterEach(closeTestEmulators);

const PRICE: Form = { product: 'p', currency: 'usd', unit_amount: 1000, 'recurring[interval]': 'month' };
const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });

async function withProduct(options: Parameters<typeof startTestEmulator>[0] = {}) {
  const emulator = await startTestEmulator(options);
  await createProduct(emulator, 'p');
  return emulator;
}

describe('Stripe emulator: idempotent requests', () => {
  it('replays the first answer for the same key and parameters, and creates once', async () => {
    const emulator = await withProduct();
    const first = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k1') });

    const again = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k1') });

    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(emulator.prices()).toHaveLength(1);
  });

  it('treats the same parameters in another order as the same request', async () => {
    const emulator = await withProduct();
    await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k2') });
    const reordered = Object.fromEntries(Object.entries(PRICE).reverse());

    const again = await call(emulator, 'POST', '/v1/prices', { form: reordered, ...withKey('k2') });

    expect(again.status).toBe(200);
    expect(emulator.prices()).toHaveLength(1);
  });

  it('refuses the same key with other parameters: 400 idempotency_error', async () => {
    const emulator = await withProduct();
    await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k3') });

    const other = await call(emulator, 'POST', '/v1/prices', {
      form: { ...PRICE, unit_amount: 1200 },
      ...withKey('k3'),
    });

    expect(other.status).toBe(400);
    expect(stripeError(other).type).toBe('idempotency_error');
    expect(emulator.prices()).toHaveLength(1);
  });

  it('refuses the same key on another endpoint', async () => {
    const emulator = await withProduct();
    await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k4') });

    const other = await call(emulator, 'POST', '/v1/products', { form: PRICE, ...withKey('k4') });

    expect(other.status).toBe(400);
    expect(stripeError(other).type).toBe('idempotency_error');
    expect(stripeError(other).message).toMatch(/same endpoint/);
  });

  it('replays an error the endpoint answered, even after the cause is gone', async () => {
    const emulator = await withProduct();
    const form = { id: 'p', name: 'Again' };
    const first = await call(emulator, 'POST', '/v1/products', { form, ...withKey('k5') });
    await call(emulator, 'DELETE', '/v1/products/p');

    const again = await call(emulator, 'POST', '/v1/products', { form, ...withKey('k5') });

    expect(first.status).toBe(400);
    expect(again.status).toBe(400);
    expect(again.json).toEqual(first.json);
    expect(emulator.products()).toEqual([]);
  });

  it('keeps no answer for parameters refused before the endpoint ran, so a corrected request may reuse the key', async () => {
    const emulator = await withProduct();
    const refused = await call(emulator, 'POST', '/v1/prices', {
      form: { product: 'p', currency: 'usd' },
      ...withKey('k6'),
    });

    const corrected = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k6') });

    expect(stripeError(refused).code).toBe('parameter_missing');
    expect(corrected.status).toBe(200);
  });

  it('keeps no answer for any parameter refusal, one without an error code included', async () => {
    const emulator = await withProduct();
    const refused = await call(emulator, 'POST', '/v1/prices', {
      form: { ...PRICE, 'recurring[interval]': 'fortnight' },
      ...withKey('k6b'),
    });

    const corrected = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k6b') });

    expect(refused.status).toBe(400);
    expect(stripeError(refused).code).toBeUndefined();
    expect(corrected.status).toBe(200);
  });

  it('answers 409 idempotency_key_in_use while the first request with the key is in progress', async () => {
    const emulator = await withProduct();
    // The first answer is held far longer than the test runs, then abandoned: the second request
    // surely arrives while the first is in progress, however busy the machine.
    emulator.faults.inject({ method: 'POST', fault: { kind: 'delay', ms: 60_000 } });
    const abandon = new AbortController();
    const slow = call(emulator, 'POST', '/v1/prices', {
      form: PRICE,
      ...withKey('k7'),
      signal: abandon.signal,
    });
    await until(() => emulator.log.length === 2);

    const concurrent = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k7') });
    abandon.abort();
    await slow.catch(() => undefined);

    expect(concurrent.status).toBe(409);
    expect(stripeError(concurrent).code).toBe('idempotency_key_in_use');
    expect(concurrent.headers['stripe-should-retry']).toBe('true');
  });

  it('lets a retry after a lost answer recover the price the first attempt created', async () => {
    const emulator = await withProduct();
    emulator.faults.inject({ method: 'POST', path: '/v1/prices', fault: { kind: 'reset-after' } });
    await expect(call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k8') })).rejects.toThrow();

    const retry = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k8') });

    expect(emulator.prices()).toHaveLength(1);
    expect(body(retry).id).toBe(emulator.prices()[0]?.id);
  });

  it('forgets a key after 24 hours', async () => {
    let now = 1_767_225_600_000;
    const emulator = await withProduct({ now: () => now });
    await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k9') });
    now += IDEMPOTENCY_TTL_MS - 1;
    await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k9') });
    now += 1;

    const later = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k9') });

    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(emulator.prices()).toHaveLength(2);
  });

  it('keys updates too', async () => {
    const emulator = await withProduct();

    await call(emulator, 'POST', '/v1/products/p', { form: { 'metadata[n]': '1' }, ...withKey('u1') });
    await call(emulator, 'POST', '/v1/products/p', { form: { 'metadata[n]': '2' } });
    const replay = await call(emulator, 'POST', '/v1/products/p', {
      form: { 'metadata[n]': '1' },
      ...withKey('u1'),
    });

    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(emulator.products()[0]?.metadata).toEqual({ n: '2' });
  });

  it('refuses a key over 255 characters', async () => {
    const emulator = await withProduct();

    const result = await call(emulator, 'POST', '/v1/prices', { form: PRICE, ...withKey('k'.repeat(256)) });

    expect(result.status).toBe(400);
    expect(emulator.prices()).toEqual([]);
  });
});
