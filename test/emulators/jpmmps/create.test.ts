import { afterEach, describe, expect, it } from 'vitest';
import { PLAN_ID_PATTERN } from '../../../src/sandbox/jpmmps/index.js';
import {
  PLANS,
  call,
  closeTestEmulators,
  fieldsAtFault,
  planBody,
  startTestEmulator,
  testClock,
} from './client.js';

afterEach(closeTestEmulators);

describe('JPM MPS emulator: create plan', () => {
  it('answers 201 with the full plan: id, timestamps with two fractional digits, every member', async () => {
    const clock = testClock(Date.parse('2021-03-17T17:18:53.018Z'));
    const emulator = await startTestEmulator({ now: clock.now });

    const response = await call(emulator, 'POST', PLANS, {
      body: planBody({ merchantMetadata: '{"orderTypeId": 1asd265jh4}' }),
    });

    expect(response.status).toBe(201);
    expect(response.json).toEqual({
      id: expect.stringMatching(PLAN_ID_PATTERN) as unknown,
      createdAt: '2021-03-17T17:18:53.01Z',
      updatedAt: '2021-03-17T17:18:53.01Z',
      deletedAt: null,
      name: 'Premium',
      description: 'Premium sub for only 90.99 EUR!',
      recurrentAmount: 90.99,
      currencyIsoCode: 'EUR',
      trialDurationPeriod: 1,
      trialDurationUnit: 'day',
      billingOccurrence: 1,
      billingUnit: 'month',
      billingCycles: 4,
      prepaid: true,
      merchantMetadata: '{"orderTypeId": 1asd265jh4}',
    });
    expect(Object.keys(response.json as object)).toEqual(Object.keys(emulator.plans()[0] ?? {}));
    expect(emulator.plans()).toEqual([response.json]);
  });

  it('defaults prepaid to true and answers null for an omitted trial and metadata', async () => {
    const emulator = await startTestEmulator();
    const body = planBody();
    delete body.prepaid;
    delete body.trialDurationPeriod;
    delete body.trialDurationUnit;

    const response = await call(emulator, 'POST', PLANS, { body });

    expect(response.json).toMatchObject({
      prepaid: true,
      trialDurationPeriod: null,
      trialDurationUnit: null,
      merchantMetadata: null,
    });
  });

  it('keeps prepaid false when sent', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, { body: planBody({ prepaid: false }) });

    expect(response.json).toMatchObject({ prepaid: false });
  });

  it('accepts the samples’ misspelling billingOccurance and answers billingOccurrence', async () => {
    const emulator = await startTestEmulator();
    const body = planBody({ billingOccurance: 3 });
    delete body.billingOccurrence;

    const response = await call(emulator, 'POST', PLANS, { body });

    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ billingOccurrence: 3 });
    expect(response.json).not.toHaveProperty('billingOccurance');
  });

  it('creates a duplicate for a retried POST: no idempotency, no unique name', async () => {
    const emulator = await startTestEmulator();

    const first = await call(emulator, 'POST', PLANS, {
      body: planBody(),
      headers: { 'idempotency-key': 'same' },
    });
    const second = await call(emulator, 'POST', PLANS, {
      body: planBody(),
      headers: { 'idempotency-key': 'same' },
    });

    expect([first.status, second.status]).toEqual([201, 201]);
    expect((first.json as { id: string }).id).not.toBe((second.json as { id: string }).id);
    expect(emulator.plans()).toHaveLength(2);
  });

  it('accepts the documented boundaries', async () => {
    const emulator = await startTestEmulator();

    const low = await call(emulator, 'POST', PLANS, {
      body: planBody({ trialDurationPeriod: 1, billingCycles: -1, name: 'n'.repeat(255) }),
    });
    const high = await call(emulator, 'POST', PLANS, {
      body: planBody({ trialDurationPeriod: 28, trialDurationUnit: 'year', billingCycles: 120 }),
    });

    expect([low.status, high.status]).toEqual([201, 201]);
  });
});

describe('JPM MPS emulator: create validation', () => {
  it.each([
    ['name', { name: undefined }],
    ['description', { description: undefined }],
    ['recurrentAmount', { recurrentAmount: undefined }],
    ['currencyIsoCode', { currencyIsoCode: undefined }],
    ['billingOccurrence', { billingOccurrence: undefined }],
    ['billingUnit', { billingUnit: undefined }],
    ['billingCycles', { billingCycles: undefined }],
    ['name', { name: null }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(256) }],
    ['description', { description: 'd'.repeat(256) }],
    ['merchantMetadata', { merchantMetadata: 'm'.repeat(256) }],
    ['recurrentAmount', { recurrentAmount: '90.99' }],
    ['recurrentAmount', { recurrentAmount: 9.999 }],
    ['recurrentAmount', { recurrentAmount: 0 }],
    ['recurrentAmount', { recurrentAmount: -1 }],
    ['currencyIsoCode', { currencyIsoCode: 'eur' }],
    ['currencyIsoCode', { currencyIsoCode: 'EURO' }],
    ['currencyIsoCode', { currencyIsoCode: 'ABC' }],
    ['trialDurationPeriod', { trialDurationPeriod: 0 }],
    ['trialDurationPeriod', { trialDurationPeriod: 29 }],
    ['trialDurationPeriod', { trialDurationPeriod: 1.5 }],
    ['trialDurationUnit', { trialDurationUnit: 'week' }],
    ['trialDurationUnit', { trialDurationUnit: 'DAY' }],
    ['billingUnit', { billingUnit: 'week' }],
    ['billingOccurrence', { billingOccurrence: 0 }],
    ['billingCycles', { billingCycles: -2 }],
    ['billingCycles', { billingCycles: 0 }],
    ['billingCycles', { billingCycles: 121 }],
    ['prepaid', { prepaid: 'true' }],
  ])('answers 400 naming %s for %j', async (field, overrides) => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, { body: planBody(overrides) });

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.any(String) as unknown });
    expect(fieldsAtFault(response.json)).toContain(field);
    expect(emulator.plans()).toEqual([]);
  });

  it.each([
    ['trialDurationUnit', 'trialDurationPeriod', { trialDurationUnit: undefined }],
    ['trialDurationPeriod', 'trialDurationUnit', { trialDurationPeriod: undefined }],
    ['trialDurationPeriod', 'trialDurationUnit', { trialDurationPeriod: null }],
  ])('requires %s when %s is sent', async (missing, sent, overrides) => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, { body: planBody(overrides) });

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      errors: [{ field: missing, message: `${missing} is required when ${sent} is provided` }],
    });
  });

  it('names every field at fault in one answer', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, { body: { name: 'Only a name' } });

    expect(fieldsAtFault(response.json)).toEqual([
      'description',
      'recurrentAmount',
      'currencyIsoCode',
      'billingOccurrence',
      'billingUnit',
      'billingCycles',
    ]);
  });

  it.each([
    ['an empty body', undefined, 'application/json', 400],
    ['malformed JSON', '{"name":', 'application/json', 400],
    ['a JSON array', '[]', 'application/json', 400],
    ['a non-JSON content type', JSON.stringify(planBody()), 'text/plain', 415],
  ])('refuses %s', async (_label, body, contentType, status) => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', PLANS, {
      body,
      headers: { 'content-type': contentType },
    });

    expect(response.status).toBe(status);
    expect(emulator.plans()).toEqual([]);
  });
});
