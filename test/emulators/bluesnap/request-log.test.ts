import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator } from '../../../src/sandbox/bluesnap/index.js';
import {
  GOLD_PLAN,
  TEST_CREDENTIALS,
  TEST_SEED,
  basicAuth,
  call,
  closeTestEmulators,
  startTestEmulator,
} from './client.js';

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: TEST_SEED });
});

afterEach(closeTestEmulators);

describe('BlueSnap emulator: request log', () => {
  it('never contains the credential values', async () => {
    await call(emulator, 'GET', '/recurring/plans?pagesize=2');
    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });
    await call(emulator, 'GET', '/recurring/plans', { authorization: basicAuth('intruder', 'guess') });

    const serialised = JSON.stringify(emulator.log);

    expect(serialised).not.toContain(TEST_CREDENTIALS.username);
    expect(serialised).not.toContain(TEST_CREDENTIALS.password);
    expect(serialised).not.toContain(basicAuth().slice('Basic '.length));
    expect(serialised.toLowerCase()).not.toContain('authorization');
  });

  it('masks a credential value that a client put in a body or query', async () => {
    await call(emulator, 'POST', `/recurring/plans?note=${TEST_CREDENTIALS.password}`, {
      body: { ...GOLD_PLAN, name: `leaked ${TEST_CREDENTIALS.password}` },
    });

    const serialised = JSON.stringify(emulator.log);

    expect(serialised).not.toContain(TEST_CREDENTIALS.password);
  });

  it('records method, path, query, parsed body and status', async () => {
    await call(emulator, 'POST', '/recurring/plans?trace=1', { body: GOLD_PLAN });

    const [entry] = emulator.log;

    expect(entry).toMatchObject({
      method: 'POST',
      path: '/services/2/recurring/plans',
      query: { trace: '1' },
      body: GOLD_PLAN,
      status: 200,
      fault: null,
      authorized: true,
      handled: true,
    });
  });

  it('keeps a body that is not JSON as raw text', async () => {
    await call(emulator, 'POST', '/recurring/plans', { body: 'name=Gold' });

    expect(emulator.log[0]?.body).toBe('name=Gold');
  });

  it('marks requests with bad credentials as unauthorized', async () => {
    await call(emulator, 'GET', '/recurring/plans', { authorization: null });

    expect(emulator.log[0]).toMatchObject({ authorized: false, status: 401, handled: false });
  });

  it('logs the idempotency key, which is not a secret', async () => {
    await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      headers: { 'idempotency-key': 'create-1' },
    });

    expect(emulator.log[0]?.headers['idempotency-key']).toBe('create-1');
  });

  it('lists as writes only non-GET requests that reached the handler', async () => {
    await call(emulator, 'GET', '/recurring/plans/500');
    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, authorization: null });
    await call(emulator, 'PUT', '/recurring/plans/500', { body: { ...GOLD_PLAN, name: 'Plain 2' } });

    const writes = emulator.writes();

    expect(writes.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'PUT /services/2/recurring/plans/500',
    ]);
  });

  it('empties on clearLog()', async () => {
    await call(emulator, 'GET', '/recurring/plans');

    emulator.clearLog();

    expect(emulator.log).toHaveLength(0);
  });
});
