import { afterEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../../../src/sandbox/bluesnap/index.js';
import {
  GOLD_PLAN,
  call,
  closeTestEmulators,
  errorCodes,
  errorNames,
  startTestEmulator,
  until,
} from './client.js';

afterEach(closeTestEmulators);

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });

describe('BlueSnap emulator: idempotency-key on create', () => {
  it('replays the first response for the same key and body', async () => {
    const emulator = await startTestEmulator();
    const first = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('create-gold-1'),
    });

    const second = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('create-gold-1'),
    });

    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    expect(second.headers.location).toBe(first.headers.location);
  });

  it('creates only one plan however often the keyed request is repeated', async () => {
    const emulator = await startTestEmulator();

    for (let attempt = 0; attempt < 3; attempt += 1) {
      await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('same-key') });
    }

    expect(emulator.plans()).toHaveLength(1);
  });

  it('treats the same JSON with other key order as the same request', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k1') });
    const reordered = Object.fromEntries(Object.entries(GOLD_PLAN).reverse());

    const second = await call(emulator, 'POST', '/recurring/plans', { body: reordered, ...withKey('k1') });

    expect(second.status).toBe(200);
    expect(emulator.plans()).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 (60101)', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k2') });

    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: { ...GOLD_PLAN, name: 'Silver Plan' },
      ...withKey('k2'),
    });

    expect(response.status).toBe(422);
    expect(errorNames(response.json)).toEqual([
      'SAME_IDEMPOTENCY_KEY_WAS_ALREADY_IN_USE_WITH_PREVIOUS_DIFFERENT_REQUEST',
    ]);
    expect(errorCodes(response.json)).toEqual(['60101']);
  });

  it('refuses the same key while the first request is in progress with 409 (60102)', async () => {
    const emulator = await startTestEmulator();
    // The first answer is held far longer than the test runs, then abandoned: the second request
    // surely arrives while the first is in progress, however busy the machine.
    emulator.faults.inject({ method: 'POST', fault: { kind: 'delay', ms: 60_000 } });
    const abandon = new AbortController();
    const slow = call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('k3'),
      signal: abandon.signal,
    });
    await until(() => emulator.log.length === 1);

    const concurrent = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('k3'),
    });
    abandon.abort();
    await slow.catch(() => undefined);

    expect(concurrent.status).toBe(409);
    expect(errorCodes(concurrent.json)).toEqual(['60102']);
  });

  it('replays once the in-progress request has been answered', async () => {
    const emulator = await startTestEmulator();
    emulator.faults.inject({ method: 'POST', fault: { kind: 'delay', ms: 100 } });
    const first = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k4') });

    const again = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k4') });

    expect(again.json).toEqual(first.json);
  });

  it('lets a retry after a lost response recover the plan created by the first attempt', async () => {
    const emulator = await startTestEmulator({ firstPlanId: 9000 });
    emulator.faults.inject({ method: 'POST', fault: { kind: 'reset-after' } });
    await expect(
      call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('lost-1') }),
    ).rejects.toThrow();

    const retry = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('lost-1') });

    expect((retry.json as { planId: number }).planId).toBe(9000);
    expect(emulator.plans()).toHaveLength(1);
  });

  it('forgets keys after 24 hours', async () => {
    let now = 1_000_000;
    const emulator = await startTestEmulator({ now: () => now });
    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k5') });
    now += IDEMPOTENCY_TTL_MS;

    const later = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k5') });

    expect(later.status).toBe(200);
    expect(emulator.plans()).toHaveLength(2);
  });

  it('does not keep a key whose request failed validation', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/recurring/plans', {
      body: { ...GOLD_PLAN, currency: 'XYZ' },
      ...withKey('k6'),
    });

    const corrected = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('k6') });

    expect(corrected.status).toBe(200);
  });

  it('refuses a key longer than 64 characters (60103)', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('k'.repeat(65)),
    });

    expect(response.status).toBe(400);
    expect(errorNames(response.json)).toEqual(['IDEMPOTENCY_KEY_MAX_LENGTH_LIMIT_EXCEEDED']);
  });

  it('accepts a key of exactly 64 characters', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('k'.repeat(64)),
    });

    expect(response.status).toBe(200);
  });

  it('refuses a key with characters other than alphanumerics and hyphens (60104)', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN,
      ...withKey('plan_gold:1'),
    });

    expect(response.status).toBe(400);
    expect(errorNames(response.json)).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(emulator.plans()).toEqual([]);
  });

  it('creates separate plans for different keys', async () => {
    const emulator = await startTestEmulator();

    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('a-1') });
    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN, ...withKey('a-2') });

    expect(emulator.plans()).toHaveLength(2);
  });
});
