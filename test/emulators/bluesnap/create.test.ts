import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLUESNAP_DEMO_SEED, type BlueSnapEmulator } from '../../../src/sandbox/bluesnap/index.js';
import { GOLD_PLAN, call, closeTestEmulators, errorCodes, errorNames, startTestEmulator } from './client.js';

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: BLUESNAP_DEMO_SEED });
});

afterEach(closeTestEmulators);

describe('BlueSnap emulator: create plan', () => {
  it('answers 200 (not 201) with the full plan object', async () => {
    const response = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      planId: 2185254,
      name: 'Gold Plan',
      recurringChargeAmount: 29.99,
      currency: 'USD',
      chargeFrequency: 'MONTHLY',
      chargeOnPlanSwitch: false,
      status: 'ACTIVE',
    });
  });

  it('puts the new plan URL in the Location header', async () => {
    const response = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    expect(response.headers.location).toBe(`${emulator.baseUrl}/recurring/plans/2185254`);
  });

  it('hands out sequential planIds', async () => {
    const first = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });
    const second = await call(emulator, 'POST', '/recurring/plans', {
      body: { ...GOLD_PLAN, name: 'Second' },
    });

    const ids = [first.json, second.json].map((plan) => (plan as { planId: number }).planId);

    expect(ids).toEqual([2185254, 2185255]);
  });

  it('starts at firstPlanId in an empty account', async () => {
    const empty = await startTestEmulator({ firstPlanId: 777 });

    const response = await call(empty, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    expect((response.json as { planId: number }).planId).toBe(777);
  });

  it('creates every plan ACTIVE', async () => {
    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: { ...GOLD_PLAN, status: 'ACTIVE' },
    });

    expect((response.json as { status: string }).status).toBe('ACTIVE');
  });

  it('refuses status INACTIVE with CANNOT_CREATE_INACTIVE_PLAN (24017)', async () => {
    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: { ...GOLD_PLAN, status: 'INACTIVE' },
    });

    expect(response.status).toBe(400);
    expect(errorNames(response.json)).toEqual(['CANNOT_CREATE_INACTIVE_PLAN']);
    expect(errorCodes(response.json)).toEqual(['24017']);
  });

  it('echoes every optional property that was set', async () => {
    const body = {
      ...GOLD_PLAN,
      trialPeriodDays: 14,
      initialChargeAmount: '100.00',
      maxNumberOfCharges: 12,
      gracePeriodDays: 10,
      chargeOnPlanSwitch: true,
    };

    const response = await call(emulator, 'POST', '/recurring/plans', { body });

    expect(response.json).toMatchObject({
      trialPeriodDays: 14,
      initialChargeAmount: 100,
      maxNumberOfCharges: 12,
      gracePeriodDays: 10,
      chargeOnPlanSwitch: true,
    });
  });

  it('omits optional properties that were never set', async () => {
    const response = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    const optional = ['trialPeriodDays', 'initialChargeAmount', 'maxNumberOfCharges', 'gracePeriodDays'];
    expect(Object.keys(response.json as object).filter((key) => optional.includes(key))).toEqual([]);
    expect(response.text).not.toContain('null');
  });

  it('accepts a numeric string amount and echoes it as a JSON number without trailing zeros', async () => {
    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: { ...GOLD_PLAN, recurringChargeAmount: '100.00' },
    });

    expect(response.text).toContain('"recurringChargeAmount":100,');
  });

  it('stores the plan so a later GET returns it', async () => {
    const created = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    const fetched = await call(emulator, 'GET', '/recurring/plans/2185254');

    expect(fetched.json).toEqual(created.json);
  });

  it('refuses a create past the account plan limit with MAX_NUMBER_PLANS_EXCEEDED', async () => {
    const capped = await startTestEmulator({ maxPlans: 1 });
    await call(capped, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    const response = await call(capped, 'POST', '/recurring/plans', { body: GOLD_PLAN });

    expect(response.status).toBe(400);
    expect(errorNames(response.json)).toEqual(['MAX_NUMBER_PLANS_EXCEEDED']);
  });
});
