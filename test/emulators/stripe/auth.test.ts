import { afterEach, describe, expect, it } from 'vitest';
import {
  LIVE_KEY,
  READ_ONLY_KEY,
  TEST_KEY,
  basicAuth,
  body,
  call,
  closeTestEmulators,
  startTestEmulator,
  stripeError,
} from './client.js';

afterEach(closeTestEmulators);

describe('Stripe emulator: API keys', () => {
  it('accepts the secret key as Basic user name with an empty password', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'GET', '/v1/products');

    expect(result.status).toBe(200);
    expect(body(result)).toMatchObject({ object: 'list', data: [], has_more: false, url: '/v1/products' });
  });

  it('accepts the secret key as a Bearer token', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'GET', '/v1/products', { authorization: `Bearer ${TEST_KEY}` });

    expect(result.status).toBe(200);
  });

  it('answers 401 with an invalid-request error when no key is sent', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'GET', '/v1/products', { authorization: null });

    expect(result.status).toBe(401);
    expect(stripeError(result).type).toBe('invalid_request_error');
    expect(stripeError(result).message).toMatch(/^You did not provide an API key/);
  });

  it('answers 401 naming only the last four characters of an unknown key', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'GET', '/v1/products', {
      authorization: basicAuth('sk_test_wrongkey9876'),
    });

    expect(result.status).toBe(401);
    expect(stripeError(result).message).toBe('Invalid API Key provided: sk_test_****9876');
    expect(result.text).not.toContain('wrongkey');
  });

  it('lets a read-only restricted key read but answers 403 to its writes', async () => {
    const emulator = await startTestEmulator({ extraKeys: [{ key: READ_ONLY_KEY, readOnly: true }] });
    const auth = basicAuth(READ_ONLY_KEY);

    const read = await call(emulator, 'GET', '/v1/prices', { authorization: auth });
    const write = await call(emulator, 'POST', '/v1/products', { authorization: auth, form: { name: 'X' } });

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(stripeError(write).type).toBe('invalid_request_error');
    expect(emulator.products()).toEqual([]);
  });

  it('marks objects created with a test key livemode false and with a live key livemode true', async () => {
    const emulator = await startTestEmulator({ extraKeys: [{ key: LIVE_KEY }] });

    const test = await call(emulator, 'POST', '/v1/products', { form: { id: 'p', name: 'Test' } });
    const live = await call(emulator, 'POST', '/v1/products', {
      authorization: basicAuth(LIVE_KEY),
      form: { id: 'p', name: 'Live' },
    });

    expect(body(test).livemode).toBe(false);
    expect(body(live).livemode).toBe(true);
  });

  it('keeps test-mode and live-mode objects apart', async () => {
    const emulator = await startTestEmulator({ extraKeys: [{ key: LIVE_KEY }] });
    await call(emulator, 'POST', '/v1/products', { form: { id: 'only_test', name: 'Test' } });

    const fromLive = await call(emulator, 'GET', '/v1/products/only_test', {
      authorization: basicAuth(LIVE_KEY),
    });

    expect(fromLive.status).toBe(404);
    expect(emulator.products('live')).toEqual([]);
    expect(emulator.products().map((product) => product.id)).toEqual(['only_test']);
  });

  it('never logs the key', async () => {
    const emulator = await startTestEmulator();

    await call(emulator, 'GET', '/v1/products');

    expect(JSON.stringify(emulator.log)).not.toContain(TEST_KEY);
  });
});
