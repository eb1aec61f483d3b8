import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator } from '../../../src/sandbox/bluesnap/index.js';
import { TEST_CREDENTIALS, basicAuth, call, closeTestEmulators, startTestEmulator } from './client.js';

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(closeTestEmulators);

describe('BlueSnap emulator: Basic authentication', () => {
  it('accepts the configured credentials', async () => {
    const response = await call(emulator, 'GET', '/recurring/plans');

    expect(response.status).toBe(200);
  });

  it('answers 401 with no body when the Authorization header is missing', async () => {
    const response = await call(emulator, 'GET', '/recurring/plans', { authorization: null });

    expect(response.status).toBe(401);
    expect(response.text).toBe('');
  });

  it('answers 401 to a wrong password', async () => {
    const response = await call(emulator, 'GET', '/recurring/plans', {
      authorization: basicAuth(TEST_CREDENTIALS.username, 'not-the-password'),
    });

    expect(response.status).toBe(401);
  });

  it('answers 401 to a wrong username', async () => {
    const response = await call(emulator, 'GET', '/recurring/plans', {
      authorization: basicAuth('someone-else', TEST_CREDENTIALS.password),
    });

    expect(response.status).toBe(401);
  });

  it('answers 401 when two spaces follow "Basic"', async () => {
    const token = basicAuth().slice('Basic '.length);

    const response = await call(emulator, 'GET', '/recurring/plans', { authorization: `Basic  ${token}` });

    expect(response.status).toBe(401);
  });

  it('answers 401 to another scheme carrying the right token', async () => {
    const token = basicAuth().slice('Basic '.length);

    const response = await call(emulator, 'GET', '/recurring/plans', { authorization: `Bearer ${token}` });

    expect(response.status).toBe(401);
  });

  it('does not run the handler for an unauthenticated write', async () => {
    await call(emulator, 'POST', '/recurring/plans', {
      authorization: null,
      body: { chargeFrequency: 'MONTHLY', name: 'Sneaky', currency: 'USD', recurringChargeAmount: 5 },
    });

    expect(emulator.plans()).toEqual([]);
    expect(emulator.writes()).toEqual([]);
  });
});
