import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, ListResponseBody } from '../../../src/sandbox/jpmmps/index.js';
import {
  DELETED_ID,
  LIVE_ID,
  PLANS,
  TEST_SEED,
  call,
  closeTestEmulators,
  startTestEmulator,
  testClock,
} from './client.js';

let emulator: JpmMpsEmulator;
let clock: ReturnType<typeof testClock>;

beforeEach(async () => {
  clock = testClock(Date.parse('2025-03-01T12:00:00.00Z'));
  emulator = await startTestEmulator({ now: clock.now, seed: TEST_SEED });
});

afterEach(closeTestEmulators);

describe('JPM MPS emulator: soft delete', () => {
  it('answers 204 with no body and keeps the record with deletedAt set', async () => {
    const response = await call(emulator, 'DELETE', `${PLANS}/${LIVE_ID}`);

    expect([response.status, response.text]).toEqual([204, '']);
    expect(emulator.plans().find((plan) => plan.id === LIVE_ID)).toMatchObject({
      name: 'Live',
      deletedAt: '2025-03-01T12:00:00.00Z',
      updatedAt: '2025-03-01T12:00:00.00Z',
    });
  });

  it('still shows a deleted plan on GET, with deletedAt', async () => {
    await call(emulator, 'DELETE', `${PLANS}/${LIVE_ID}`);

    const response = await call(emulator, 'GET', `${PLANS}/${LIVE_ID}`);

    expect([response.status, response.json]).toEqual([
      200,
      expect.objectContaining({ id: LIVE_ID, deletedAt: '2025-03-01T12:00:00.00Z' }),
    ]);
  });

  it('answers 404 for a deleted plan on GET with deletedGet: 404', async () => {
    const hiding = await startTestEmulator({ seed: TEST_SEED, deletedGet: '404' });

    const deleted = await call(hiding, 'GET', `${PLANS}/${DELETED_ID}`);
    const live = await call(hiding, 'GET', `${PLANS}/${LIVE_ID}`);

    expect([deleted.status, live.status]).toEqual([404, 200]);
  });

  it('finds the deleted plan with deleted=TRUE and not with deleted=FALSE', async () => {
    await call(emulator, 'DELETE', `${PLANS}/${LIVE_ID}`);

    const deleted = (await call(emulator, 'GET', `${PLANS}?deleted=TRUE`)).json as ListResponseBody;
    const live = (await call(emulator, 'GET', `${PLANS}?deleted=FALSE`)).json as ListResponseBody;

    expect(deleted.data.map((plan) => plan.id)).toEqual([DELETED_ID, LIVE_ID]);
    expect(live.count).toBe(0);
  });

  it('answers 404 to a second DELETE and to an unknown id', async () => {
    await call(emulator, 'DELETE', `${PLANS}/${LIVE_ID}`);
    clock.advance(1000);

    const again = await call(emulator, 'DELETE', `${PLANS}/${LIVE_ID}`);
    const unknown = await call(emulator, 'DELETE', `${PLANS}/SubscriptionPlan-unknown`);

    expect([again.status, unknown.status]).toEqual([404, 404]);
    expect(emulator.plans().find((plan) => plan.id === LIVE_ID)?.deletedAt).toBe('2025-03-01T12:00:00.00Z');
  });
});

describe('JPM MPS emulator: GET one plan', () => {
  it('answers 200 with the plan and 404 with the error body for an unknown id', async () => {
    const found = await call(emulator, 'GET', `${PLANS}/${LIVE_ID}`);
    const missing = await call(
      emulator,
      'GET',
      `${PLANS}/SubscriptionPlan-12033695-99d8-4dc6-bf51-db64ef27620b`,
    );

    expect(found.json).toEqual(emulator.plans().find((plan) => plan.id === LIVE_ID));
    expect([missing.status, missing.json]).toEqual([
      404,
      {
        code: 'NOT_FOUND',
        message: 'Subscription plan SubscriptionPlan-12033695-99d8-4dc6-bf51-db64ef27620b not found',
      },
    ]);
  });
});
