import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator } from '../../../src/sandbox/bluesnap/index.js';
import { GOLD_PLAN, call, closeTestEmulators, errorCodes, errorNames, startTestEmulator } from './client.js';

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(closeTestEmulators);

async function create(body: unknown): Promise<{ status: number; names: string[]; codes: string[] }> {
  const response = await call(emulator, 'POST', '/recurring/plans', { body });
  return { status: response.status, names: errorNames(response.json), codes: errorCodes(response.json) };
}

describe('BlueSnap emulator: create validation', () => {
  it.each(['chargeFrequency', 'name', 'currency', 'recurringChargeAmount'] as const)(
    'refuses a plan without %s with MISSING_REQUIRED_FIELD (24002)',
    async (field) => {
      const { [field]: _omitted, ...body } = GOLD_PLAN;

      const response = await call(emulator, 'POST', '/recurring/plans', { body });

      expect(response.status).toBe(400);
      expect(response.json).toEqual({
        message: [
          {
            errorName: 'MISSING_REQUIRED_FIELD',
            code: '24002',
            description: `${field} is a required field.`,
          },
        ],
      });
    },
  );

  it('treats a null required property as missing', async () => {
    const result = await create({ ...GOLD_PLAN, name: null });

    expect(result.names).toEqual(['MISSING_REQUIRED_FIELD']);
  });

  it.each([
    ['an unknown charge frequency', { chargeFrequency: 'FORTNIGHTLY' }, 'INVALID_CHARGE_FREQUENCY', '24001'],
    ['a lower-case charge frequency', { chargeFrequency: 'monthly' }, 'INVALID_CHARGE_FREQUENCY', '24001'],
    ['a zero price', { recurringChargeAmount: 0 }, 'PRICE_MUST_BE_POSITIVE', '24006'],
    ['a negative price', { recurringChargeAmount: '-5.00' }, 'PRICE_MUST_BE_POSITIVE', '24006'],
    [
      'a price below 1.00',
      { recurringChargeAmount: 0.99 },
      'RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED',
      '24005',
    ],
    ['an empty name', { name: '' }, 'INVALID_BILLING_PLAN_NAME_LENGTH', '24010'],
    ['a 200-character name', { name: 'n'.repeat(200) }, 'INVALID_BILLING_PLAN_NAME_LENGTH', '24010'],
    ['an unknown currency', { currency: 'XYZ' }, 'CURRENCY_NOT_FOUND', '24011'],
    ['a zero-day trial', { trialPeriodDays: 0 }, 'INVALID_TRIAL_DAYS', '24008'],
    ['a fractional trial', { trialPeriodDays: 1.5 }, 'INVALID_TRIAL_DAYS', '24008'],
    ['a negative grace period', { gracePeriodDays: -1 }, 'INVALID_GRACE_PERIOD', '24007'],
    ['a zero charge cap', { maxNumberOfCharges: 0 }, 'INVALID_MAX_NUMBER_OF_CHARGES', '24009'],
    ['an unknown status', { status: 'PAUSED' }, 'INVALID_STATUS', '24016'],
    [
      'a one-off plan with a trial',
      { chargeFrequency: 'ONCE', trialPeriodDays: 7 },
      'INVALID_BILLING_PLAN_CONFIGURATION',
      '24003',
    ],
    [
      'a one-off plan with a charge cap',
      { chargeFrequency: 'ONCE', maxNumberOfCharges: 2 },
      'INVALID_BILLING_PLAN_CONFIGURATION',
      '24003',
    ],
    ['a non-numeric price', { recurringChargeAmount: 'ten' }, 'VALIDATION_GENERAL_FAILURE', '10001'],
  ])('refuses %s', async (_label, change, errorName, code) => {
    const result = await create({ ...GOLD_PLAN, ...change });

    expect(result).toEqual({ status: 400, names: [errorName], codes: [code] });
  });

  it('accepts a 199-character name', async () => {
    const result = await create({ ...GOLD_PLAN, name: 'n'.repeat(199) });

    expect(result.status).toBe(200);
  });

  it('accepts a price of exactly 1.00', async () => {
    const result = await create({ ...GOLD_PLAN, recurringChargeAmount: '1.00' });

    expect(result.status).toBe(200);
  });

  it.each(['EVERY 2 WEEKS', 'EVERY 6 MONTHS', 'EVERY 3 YEARS'])(
    'accepts the spaced frequency "%s"',
    async (frequency) => {
      const result = await create({ ...GOLD_PLAN, chargeFrequency: frequency });

      expect(result.status).toBe(200);
    },
  );

  it('reports every failed rule of one request together', async () => {
    const result = await create({
      chargeFrequency: 'HOURLY',
      name: '',
      currency: 'USD',
      recurringChargeAmount: -1,
    });

    expect(result.names).toEqual([
      'INVALID_BILLING_PLAN_NAME_LENGTH',
      'PRICE_MUST_BE_POSITIVE',
      'INVALID_CHARGE_FREQUENCY',
    ]);
  });

  it('answers malformed JSON with VALIDATION_GENERAL_FAILURE (10001)', async () => {
    const result = await create('{"name": "Gold Plan",');

    expect(result).toEqual({ status: 400, names: ['VALIDATION_GENERAL_FAILURE'], codes: ['10001'] });
  });

  it('answers a JSON array body with VALIDATION_GENERAL_FAILURE', async () => {
    const result = await create([GOLD_PLAN]);

    expect(result.names).toEqual(['VALIDATION_GENERAL_FAILURE']);
  });

  it('creates nothing when validation fails', async () => {
    await create({ ...GOLD_PLAN, currency: 'XYZ' });

    expect(emulator.plans()).toEqual([]);
  });
});
