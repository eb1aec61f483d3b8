import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator } from '../../../src/sandbox/bluesnap/index.js';
import {
  GOLD_PLAN,
  TEST_SEED,
  basicAuth,
  call,
  closeTestEmulators,
  errorNames,
  startTestEmulator,
  until,
} from './client.js';

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: TEST_SEED, firstPlanId: 600 });
});

afterEach(closeTestEmulators);

const createGold = () => call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });

describe('BlueSnap emulator: injected faults', () => {
  it('answers a status fault with BlueSnap’s throttling body by default', async () => {
    emulator.faults.inject({ fault: { kind: 'status', status: 503 } });

    const response = await call(emulator, 'GET', '/recurring/plans');

    expect(response.status).toBe(503);
    expect(response.json).toEqual({
      message: [
        { errorName: 'SERVICE_UNAVAILABLE', code: '503', description: 'Service is temporarily unavailable' },
      ],
    });
  });

  it('does not run the handler for a status fault', async () => {
    emulator.faults.inject({ method: 'POST', fault: { kind: 'status', status: 500 } });

    await createGold();

    expect(emulator.plans()).toHaveLength(TEST_SEED.length);
  });

  it('sends the headers and body a status fault names', async () => {
    emulator.faults.inject({
      fault: { kind: 'status', status: 429, headers: { 'Retry-After': '2' }, body: 'slow down' },
    });

    const response = await call(emulator, 'GET', '/recurring/plans');

    expect([response.status, response.headers['retry-after'], response.text]).toEqual([
      429,
      '2',
      'slow down',
    ]);
  });

  it('drops the connection without running the handler on reset-before', async () => {
    emulator.faults.inject({ method: 'POST', fault: { kind: 'reset-before' } });

    const attempt = createGold();

    await expect(attempt).rejects.toThrow();
    expect(emulator.plans()).toHaveLength(TEST_SEED.length);
  });

  it('commits the write but loses the response on reset-after', async () => {
    emulator.faults.inject({ method: 'POST', fault: { kind: 'reset-after' } });

    const attempt = createGold();

    await expect(attempt).rejects.toThrow();
    expect(emulator.plans().map((plan) => plan.planId)).toContain(600);
    expect(emulator.writes().map((entry) => [entry.fault, entry.status])).toEqual([['reset-after', 200]]);
  });

  it('never answers a hanging request, so the client times out', async () => {
    emulator.faults.inject({ fault: { kind: 'hang' } });

    const attempt = call(emulator, 'GET', '/recurring/plans', { signal: AbortSignal.timeout(200) });

    await expect(attempt).rejects.toThrow();
    expect(emulator.log[0]?.status).toBeNull();
  });

  it('closes promptly while a request hangs', async () => {
    emulator.faults.inject({ fault: { kind: 'hang' } });
    const attempt = call(emulator, 'GET', '/recurring/plans');
    await until(() => emulator.log.length === 1);

    await emulator.close();

    await expect(attempt).rejects.toThrow();
  });

  it('adds the delay of a delay fault before answering', async () => {
    emulator.faults.inject({ fault: { kind: 'delay', ms: 150 } });
    const started = performance.now();

    const response = await call(emulator, 'GET', '/recurring/plans/500');

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('cuts the body short on truncate, so reading it fails', async () => {
    emulator.faults.inject({ fault: { kind: 'truncate' } });

    const attempt = call(emulator, 'GET', '/recurring/plans/500');

    await expect(attempt).rejects.toThrow();
  });

  it('sends the status and headers before truncating the body', async () => {
    emulator.faults.inject({ fault: { kind: 'truncate' } });

    const response = await request(`${emulator.baseUrl}/recurring/plans/500`, {
      headers: { authorization: basicAuth() },
    });

    expect(response.statusCode).toBe(200);
    await expect(response.body.text()).rejects.toThrow();
  });

  it('answers 200 with an HTML page on non-json, without running the handler', async () => {
    emulator.faults.inject({ method: 'POST', fault: { kind: 'non-json' } });

    const response = await createGold();

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text.startsWith('<html>')).toBe(true);
    expect(emulator.plans()).toHaveLength(TEST_SEED.length);
  });

  it('applies a fault `times` times, then answers normally', async () => {
    emulator.faults.inject({ times: 2, fault: { kind: 'status', status: 503 } });

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await call(emulator, 'GET', '/recurring/plans')).status);
    }

    expect(statuses).toEqual([503, 503, 200]);
  });

  it('leaves requests that do not match the fault’s method and path alone', async () => {
    emulator.faults.inject({ method: 'PUT', path: /\/plans\/\d+$/, fault: { kind: 'status', status: 503 } });

    const list = await call(emulator, 'GET', '/recurring/plans');
    const create = await createGold();

    expect([list.status, create.status]).toEqual([200, 200]);
    expect(emulator.faults.pending()).toHaveLength(1);
  });

  it('removes every armed fault on clear()', async () => {
    emulator.faults.inject({ times: Infinity, fault: { kind: 'status', status: 503 } });

    emulator.faults.clear();
    const response = await call(emulator, 'GET', '/recurring/plans');

    expect(response.status).toBe(200);
  });

  it('records the applied fault in the log', async () => {
    emulator.faults.inject({ fault: { kind: 'status', status: 503 } });

    await call(emulator, 'GET', '/recurring/plans');

    expect(emulator.log.map((entry) => [entry.fault, entry.status, entry.handled])).toEqual([
      ['status', 503, false],
    ]);
  });

  it('applies a fault before the credential check', async () => {
    emulator.faults.inject({ fault: { kind: 'status', status: 503 } });

    const response = await call(emulator, 'GET', '/recurring/plans', { authorization: null });

    expect(errorNames(response.json)).toEqual(['SERVICE_UNAVAILABLE']);
  });
});
