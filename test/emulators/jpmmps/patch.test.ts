import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, JpmMpsPlan } from '../../../src/sandbox/jpmmps/index.js';
import {
  DELETED_ID,
  LIVE_ID,
  PLANS,
  TEST_SEED,
  call,
  closeTestEmulators,
  fieldsAtFault,
  startTestEmulator,
  testClock,
} from './client.js';

let emulator: JpmMpsEmulator;
let clock: ReturnType<typeof testClock>;

beforeEach(async () => {
  clock = testClock(Date.parse('2025-01-01T00:00:00.00Z'));
  emulator = await startTestEmulator({ now: clock.now, seed: TEST_SEED });
});

afterEach(closeTestEmulators);

const stored = (id: string): JpmMpsPlan | undefined => emulator.plans().find((plan) => plan.id === id);

describe('JPM MPS emulator: PATCH plan', () => {
  it('merges a partial body and answers 200 with the full plan, updatedAt advanced', async () => {
    const before = stored(LIVE_ID);
    clock.advance(90_123);

    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, {
      body: { name: 'Renamed', recurrentAmount: 12.5, billingCycles: -1 },
    });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      ...before,
      name: 'Renamed',
      recurrentAmount: 12.5,
      billingCycles: -1,
      updatedAt: '2025-01-01T00:01:30.12Z',
    });
    expect(stored(LIVE_ID)).toEqual(response.json);
  });

  it('changes both pairs when each is sent whole', async () => {
    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, {
      body: { trialDurationPeriod: 2, trialDurationUnit: 'month', billingOccurrence: 3, billingUnit: 'year' },
    });

    expect(response.json).toMatchObject({
      trialDurationPeriod: 2,
      trialDurationUnit: 'month',
      billingOccurrence: 3,
      billingUnit: 'year',
    });
  });

  it.each([
    ['trialDurationUnit', { trialDurationPeriod: 3 }],
    ['trialDurationPeriod', { trialDurationUnit: 'month' }],
    ['billingUnit', { billingOccurrence: 2 }],
    ['billingOccurrence', { billingUnit: 'year' }],
    ['billingUnit', { billingOccurance: 2 }],
  ])('answers 400 naming %s when only one member of a pair is sent: %j', async (missing, body) => {
    const before = stored(LIVE_ID);

    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body });

    expect(response.status).toBe(400);
    expect(fieldsAtFault(response.json)).toEqual([missing]);
    expect(stored(LIVE_ID)).toEqual(before);
  });

  it('ignores prepaid in the body instead of refusing it', async () => {
    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, {
      body: { name: 'Still post-paid', prepaid: true },
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ name: 'Still post-paid', prepaid: false });
  });

  it('ignores prepaid even with a value create would refuse', async () => {
    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body: { prepaid: 'yes' } });

    expect([response.status, stored(LIVE_ID)?.prepaid]).toEqual([200, false]);
  });

  it.each([
    ['trialDurationPeriod', { trialDurationPeriod: -1, trialDurationUnit: 'day' }],
    ['trialDurationPeriod', { trialDurationPeriod: 29, trialDurationUnit: 'day' }],
    ['trialDurationPeriod', { trialDurationPeriod: null, trialDurationUnit: null }],
    ['billingOccurrence', { billingOccurrence: -1, billingUnit: 'month' }],
    ['billingCycles', { billingCycles: -2 }],
    ['name', { name: null }],
    ['name', { name: 'x'.repeat(256) }],
    ['recurrentAmount', { recurrentAmount: 1.234 }],
    ['currencyIsoCode', { currencyIsoCode: 'XXX' }],
    ['billingCycles', { billingCycles: 121 }],
  ])('answers 400 naming %s for %j', async (field, body) => {
    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body });

    expect(response.status).toBe(400);
    expect(fieldsAtFault(response.json)).toContain(field);
  });

  // The seed document (Update Subscription Plan), its "Request sample" verbatim: it sends
  // `"trialDurationPeriod": 0`, `"billingOccurance": 0` (sic) and `"billingCycles": 0`, and its
  // "Response sample" (Status Code: 200 (OK)) holds the same three values back.
  const SEED_DOCUMENT_PATCH = {
    name: 'Premium music subscription',
    description: 'Premium music for only 25 EUR!',
    recurrentAmount: 25.0,
    currencyIsoCode: 'EUR',
    trialDurationPeriod: 0,
    trialDurationUnit: 'day',
    billingUnit: 'month',
    billingOccurance: 0,
    billingCycles: 0,
    merchantMetadata: '{"orderTypeId": 1asd265jh4, "usageTracking": false, "referenceId": s125jkwh2321 }',
  };

  it("accepts the seed document's own PATCH sample and answers its values, as the sample's response does", async () => {
    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body: SEED_DOCUMENT_PATCH });

    expect(response.status).toBe(200);
    const { billingOccurance: _sic, ...sent } = SEED_DOCUMENT_PATCH;
    // Answered with the documented spelling, billingOccurrence (reference §8).
    expect(response.json).toMatchObject({ ...sent, billingOccurrence: 0, prepaid: false });
    expect(stored(LIVE_ID)).toEqual(response.json);
  });

  it.each([
    ['a zero trial', { trialDurationPeriod: 0, trialDurationUnit: 'month' }],
    ['zero occurrences', { billingOccurrence: 0, billingUnit: 'year' }],
    ['zero cycles', { billingCycles: 0 }],
  ])('accepts %s on its own, as the sample sends it', async (_label, body) => {
    const response = await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject(body);
  });

  it('answers 404 for an unknown plan', async () => {
    const response = await call(emulator, 'PATCH', `${PLANS}/SubscriptionPlan-nope`, { body: { name: 'x' } });

    expect([response.status, response.json]).toEqual([404, expect.objectContaining({ code: 'NOT_FOUND' })]);
  });

  it('answers 404 for a deleted plan by default, 400 with patchDeleted: 400', async () => {
    const strict = await startTestEmulator({ seed: TEST_SEED, patchDeleted: '400' });

    const byDefault = await call(emulator, 'PATCH', `${PLANS}/${DELETED_ID}`, { body: { name: 'x' } });
    const configured = await call(strict, 'PATCH', `${PLANS}/${DELETED_ID}`, { body: { name: 'x' } });

    expect([byDefault.status, configured.status]).toEqual([404, 400]);
    expect(stored(DELETED_ID)?.name).toBe('Gone');
  });
});
