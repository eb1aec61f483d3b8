import { afterEach, describe, expect, it } from 'vitest';
import { PLANS, TEST_KEY, call, closeTestEmulators, planBody, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

describe('JPM MPS emulator: x-api-key and headers', () => {
  it.each([
    ['no key', null],
    ['a wrong key', 'not-the-key'],
    ['the key with a suffix', `${TEST_KEY}x`],
  ])('answers 401 with the JSON error body for %s', async (_label, key) => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'GET', PLANS, { headers: { 'x-api-key': key } });

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json).toEqual({ code: 'UNAUTHORIZED', message: 'Missing or invalid x-api-key.' });
  });

  it('does not run the handler for an unauthenticated create', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, {
      body: planBody(),
      headers: { 'x-api-key': null },
    });

    expect(response.status).toBe(401);
    expect(emulator.plans()).toEqual([]);
  });

  it('ignores an Authorization header: the key is the only credential', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'GET', PLANS, {
      headers: { 'x-api-key': null, authorization: `Bearer ${TEST_KEY}` },
    });

    expect(response.status).toBe(401);
  });

  it('requires Accept-Language by default (400 after authentication)', async () => {
    const emulator = await startTestEmulator();

    const missing = await call(emulator, 'GET', PLANS, { headers: { 'accept-language': null } });
    const unauthenticated = await call(emulator, 'GET', PLANS, {
      headers: { 'accept-language': null, 'x-api-key': null },
    });

    expect([missing.status, missing.json]).toEqual([
      400,
      expect.objectContaining({ code: 'MISSING_HEADER' }),
    ]);
    expect(unauthenticated.status).toBe(401);
  });

  it('accepts a request without Accept-Language when requireAcceptLanguage is false', async () => {
    const emulator = await startTestEmulator({ requireAcceptLanguage: false });

    const response = await call(emulator, 'GET', PLANS, { headers: { 'accept-language': null } });

    expect(response.status).toBe(200);
  });

  it('answers 404 for a path outside the API and 405 with Allow for an unsupported method', async () => {
    const emulator = await startTestEmulator();

    const unknown = await call(emulator, 'GET', '/subscriptions');
    const put = await call(emulator, 'PUT', `${PLANS}/SubscriptionPlan-x`, { body: planBody() });

    expect([unknown.status, unknown.json]).toEqual([404, expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect([put.status, put.headers.allow]).toEqual([405, 'GET, PATCH, DELETE']);
  });

  it('serves the API under /api/v1 on its origin', async () => {
    const emulator = await startTestEmulator();

    expect(emulator.baseUrl).toBe(`${emulator.origin}/api/v1`);
  });
});
