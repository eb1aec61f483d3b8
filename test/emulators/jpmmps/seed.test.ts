import { afterEach, describe, expect, it } from 'vitest';
import {
  JPMMPS_DEMO_BASIC_MONTHLY_ID,
  JPMMPS_DEMO_OLD_ANNUAL_ID,
  JPMMPS_DEMO_PREMIUM_MONTHLY_ID,
  JPMMPS_DEMO_SEED,
  PLAN_ID_PATTERN,
} from '../../../src/sandbox/jpmmps/index.js';
import { PLANS, call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

describe('JPM MPS emulator: demo seed', () => {
  it('holds the three demo plans with valid fixed ids', async () => {
    const emulator = await startTestEmulator({ seed: JPMMPS_DEMO_SEED });

    const premium = await call(emulator, 'GET', `${PLANS}/${JPMMPS_DEMO_PREMIUM_MONTHLY_ID}`);
    const basic = await call(emulator, 'GET', `${PLANS}/${JPMMPS_DEMO_BASIC_MONTHLY_ID}`);
    const old = await call(emulator, 'GET', `${PLANS}/${JPMMPS_DEMO_OLD_ANNUAL_ID}`);

    for (const id of [
      JPMMPS_DEMO_PREMIUM_MONTHLY_ID,
      JPMMPS_DEMO_BASIC_MONTHLY_ID,
      JPMMPS_DEMO_OLD_ANNUAL_ID,
    ]) {
      expect(id).toMatch(PLAN_ID_PATTERN);
    }
    expect(premium.json).toMatchObject({
      name: 'Premium Monthly',
      recurrentAmount: 90.99,
      currencyIsoCode: 'EUR',
      trialDurationPeriod: 1,
      trialDurationUnit: 'day',
      billingOccurrence: 1,
      billingUnit: 'month',
      billingCycles: -1,
      prepaid: true,
      deletedAt: null,
    });
    expect(basic.json).toMatchObject({
      name: 'Basic Monthly',
      recurrentAmount: 9.99,
      currencyIsoCode: 'EUR',
      trialDurationPeriod: null,
      trialDurationUnit: null,
      billingOccurrence: 1,
      billingUnit: 'month',
      billingCycles: 12,
      prepaid: false,
      deletedAt: null,
    });
    expect(old.json).toMatchObject({
      name: 'Old Annual',
      recurrentAmount: 99,
      billingUnit: 'year',
      deletedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/) as unknown,
    });
  });

  it('refuses a seeded timestamp outside the documented format', async () => {
    const emulator = await startTestEmulator();

    expect(() =>
      emulator.setPlan({ ...JPMMPS_DEMO_SEED[1]!, createdAt: '2024-01-15T09:00:00.000Z' }),
    ).toThrow(RangeError);
  });

  it('fills in defaults for a plan set directly', async () => {
    const clock = { now: () => Date.parse('2025-02-03T04:05:06.789Z') };
    const emulator = await startTestEmulator({ now: clock.now });

    const plan = emulator.setPlan({
      id: 'SubscriptionPlan-33333333-3333-4333-8333-333333333333',
      name: 'Direct',
      description: 'Set by a test',
      recurrentAmount: 1,
      currencyIsoCode: 'GBP',
      billingOccurrence: 2,
      billingUnit: 'day',
      billingCycles: 3,
    });

    expect(plan).toMatchObject({
      createdAt: '2025-02-03T04:05:06.78Z',
      updatedAt: '2025-02-03T04:05:06.78Z',
      deletedAt: null,
      prepaid: true,
      trialDurationPeriod: null,
      merchantMetadata: null,
    });
    expect(emulator.plans()).toEqual([plan]);
  });
});
