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

// Amounts in their plan's currency. The reference (§3): recurringChargeAmount "> 0 and more than 1 USD
// equivalent (RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED …)"; BlueSnap's catalogue: "Recurring Price
// should be higher than 1 USD or its equivalent in the chosen currency." An amount finer than the
// currency's minor unit has no documented error: the emulator's VALIDATION_GENERAL_FAILURE is inferred.
describe('BlueSnap emulator: amounts in their currency', () => {
  it.each([
    ['2 JPY', { currency: 'JPY', recurringChargeAmount: 2 }],
    ['100 KRW', { currency: 'KRW', recurringChargeAmount: 100 }],
    ['0.99 USD', { currency: 'USD', recurringChargeAmount: 0.99 }],
  ])(
    'refuses %s, under the 1 USD equivalent, with RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED (24005)',
    async (_label, change) => {
      const response = await call(emulator, 'POST', '/recurring/plans', {
        body: { ...GOLD_PLAN, ...change },
      });

      expect(response.status).toBe(400);
      expect(response.json).toEqual({
        message: [
          {
            errorName: 'RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED',
            code: '24005',
            description:
              'Recurring Price should be higher than 1 USD or its equivalent in the chosen currency.',
          },
        ],
      });
    },
  );

  it.each([
    ['500 JPY', { currency: 'JPY', recurringChargeAmount: 500 }],
    ['0.95 EUR', { currency: 'EUR', recurringChargeAmount: 0.95 }],
    ['12.125 KWD', { currency: 'KWD', recurringChargeAmount: '12.125' }],
    ['19.000 USD', { currency: 'USD', recurringChargeAmount: '19.000' }],
  ])('accepts %s', async (_label, change) => {
    const result = await create({ ...GOLD_PLAN, ...change });

    expect(result.status).toBe(200);
  });

  it.each([
    [
      '19.001 USD',
      { currency: 'USD', recurringChargeAmount: 19.001 },
      'recurringChargeAmount',
      'at most 2 decimal places',
    ],
    [
      '1500.5 JPY',
      { currency: 'JPY', recurringChargeAmount: 1500.5 },
      'recurringChargeAmount',
      'whole units',
    ],
    [
      '12.1255 KWD',
      { currency: 'KWD', recurringChargeAmount: '12.1255' },
      'recurringChargeAmount',
      'at most 3 decimal places',
    ],
    [
      'an initial charge of 5.555 USD',
      { initialChargeAmount: 5.555 },
      'initialChargeAmount',
      'at most 2 decimal places',
    ],
  ])('refuses %s, finer than the currency allows, naming the field', async (_label, change, field, rule) => {
    const response = await call(emulator, 'POST', '/recurring/plans', { body: { ...GOLD_PLAN, ...change } });

    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      message: [
        {
          errorName: 'VALIDATION_GENERAL_FAILURE',
          code: '10001',
          description: expect.stringMatching(
            new RegExp(`^Invalid value for ${field}: [A-Z]{3} amounts have ${rule}\\.$`),
          ),
        },
      ],
    });
    expect(emulator.plans()).toEqual([]);
  });

  it('refuses an initial charge finer than the currency allows on update too', async () => {
    const seeded = await startTestEmulator({
      seed: [{ planId: 9, ...GOLD_PLAN, initialChargeAmount: 5, status: 'ACTIVE' }],
    });

    const response = await call(seeded, 'PUT', '/recurring/plans/9', {
      body: { ...GOLD_PLAN, initialChargeAmount: '5.505' },
    });

    expect([response.status, errorNames(response.json)]).toEqual([400, ['VALIDATION_GENERAL_FAILURE']]);
    expect(seeded.plans()[0]?.initialChargeAmount).toBe(5);
  });
});
