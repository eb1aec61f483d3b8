import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator, BlueSnapWirePlan } from '../../../src/sandbox/bluesnap/index.js';
import { TEST_SEED, call, closeTestEmulators, errorCodes, errorNames, startTestEmulator } from './client.js';

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: TEST_SEED });
});

afterEach(closeTestEmulators);

/** The PUT body a careful client sends: the current plan with changes applied, minus server fields. */
function fullBody(planId: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const { planId: _id, ...current } = TEST_SEED.find((plan) => plan.planId === planId)!;
  return { ...current, ...changes };
}

function without(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _removed, ...rest } = body;
  return rest;
}

async function put(planId: number, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await call(emulator, 'PUT', `/recurring/plans/${planId}`, { body });
  return { status: response.status, json: response.json };
}

const stored = (planId: number): BlueSnapWirePlan | undefined =>
  emulator.plans().find((plan) => plan.planId === planId);

describe('BlueSnap emulator: update plan', () => {
  it('renames a plan and answers 200 with the updated object', async () => {
    const response = await put(500, fullBody(500, { name: 'Plain, renamed' }));

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ planId: 500, name: 'Plain, renamed' });
    expect(stored(500)?.name).toBe('Plain, renamed');
  });

  it.each([
    ['recurringChargeAmount', 30],
    ['currency', 'EUR'],
    ['chargeFrequency', 'ANNUALLY'],
  ])('refuses a different %s with NON_UPDATABLE_FIELD (24014)', async (field, value) => {
    const response = await put(500, fullBody(500, { [field]: value }));

    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      message: [
        {
          errorName: 'NON_UPDATABLE_FIELD',
          code: '24014',
          description: `${field} cannot be updated. Please create a new plan instead.`,
        },
      ],
    });
  });

  it.each(['name', 'currency', 'recurringChargeAmount', 'chargeFrequency'])(
    'refuses a body without %s with MISSING_REQUIRED_FIELD (24002)',
    async (field) => {
      const response = await put(500, without(fullBody(500), field));

      expect(errorCodes(response.json)).toEqual(['24002']);
    },
  );

  it('compares amounts as decimals, so "29.990" equals 29.99', async () => {
    const response = await put(500, fullBody(500, { recurringChargeAmount: '29.990' }));

    expect(response.status).toBe(200);
  });

  it.each(['trialPeriodDays', 'initialChargeAmount'])(
    'refuses adding %s to a plan without one with CANNOT_ADD_ELEMENT (24015)',
    async (field) => {
      const response = await put(500, fullBody(500, { [field]: 5 }));

      expect(response.json).toEqual({
        message: [
          {
            errorName: 'CANNOT_ADD_ELEMENT',
            code: '24015',
            description: `Cannot add ${field} to a plan that didn't already have one. Please create a new plan instead.`,
          },
        ],
      });
    },
  );

  it.each([
    ['trialPeriodDays', 501],
    ['initialChargeAmount', 502],
  ])(
    'with putOmission clear, refuses omitting an existing %s (plan %i) with CANNOT_DELETE_ELEMENT (24018)',
    async (field, planId) => {
      emulator = await startTestEmulator({ seed: TEST_SEED, putOmission: 'clear' });

      const response = await put(planId, without(fullBody(planId), field));

      expect(response.json).toEqual({
        message: [
          {
            errorName: 'CANNOT_DELETE_ELEMENT',
            code: '24018',
            description: `Cannot remove ${field} from a plan that already had one. Please create a new plan instead.`,
          },
        ],
      });
    },
  );

  it('allows changing the value of an existing trial', async () => {
    const response = await put(501, fullBody(501, { trialPeriodDays: 30 }));

    expect(response.status).toBe(200);
    expect(stored(501)?.trialPeriodDays).toBe(30);
  });

  it('allows changing the value of an existing initial charge', async () => {
    const response = await put(502, fullBody(502, { initialChargeAmount: '25.50' }));

    expect(response.status).toBe(200);
    expect(stored(502)?.initialChargeAmount).toBe(25.5);
  });

  it('still validates the value of an existing trial', async () => {
    const response = await put(501, fullBody(501, { trialPeriodDays: -3 }));

    expect(errorNames(response.json)).toEqual(['INVALID_TRIAL_DAYS']);
  });

  it('deactivates a plan with status INACTIVE', async () => {
    const response = await put(500, fullBody(500, { status: 'INACTIVE' }));

    expect(response.json).toMatchObject({ status: 'INACTIVE' });
    expect(stored(500)?.status).toBe('INACTIVE');
  });

  it('reactivates a plan with status ACTIVE', async () => {
    const response = await put(502, fullBody(502, { status: 'ACTIVE' }));

    expect(stored(502)?.status).toBe('ACTIVE');
    expect(response.status).toBe(200);
  });

  it('leaves the status unchanged when the body omits it', async () => {
    await put(502, without(fullBody(502, { name: 'Extras 2' }), 'status'));

    expect(stored(502)?.status).toBe('INACTIVE');
  });

  it('refuses an unknown status with INVALID_STATUS (24016)', async () => {
    const response = await put(500, fullBody(500, { status: 'ARCHIVED' }));

    expect(response.json).toEqual({
      message: [{ errorName: 'INVALID_STATUS', code: '24016', description: 'Status provided is invalid' }],
    });
  });

  it('adds a grace period to a plan that had none', async () => {
    const response = await put(500, fullBody(500, { gracePeriodDays: 7 }));

    expect(response.json).toMatchObject({ gracePeriodDays: 7 });
  });

  it('reports every broken rule of one request together', async () => {
    const response = await put(500, fullBody(500, { currency: 'EUR', trialPeriodDays: 3, status: 'GONE' }));

    expect(errorNames(response.json)).toEqual([
      'NON_UPDATABLE_FIELD',
      'CANNOT_ADD_ELEMENT',
      'INVALID_STATUS',
    ]);
  });

  it('changes nothing when the update is refused', async () => {
    await put(500, fullBody(500, { name: 'Should not stick', currency: 'EUR' }));

    expect(stored(500)?.name).toBe('Plain');
  });

  it('answers an unknown id as GET does', async () => {
    const response = await put(999, fullBody(500));

    expect(response.status).toBe(400);
    expect(errorNames(response.json)).toEqual(['PLAN_NOT_FOUND']);
  });

  it('answers malformed JSON with VALIDATION_GENERAL_FAILURE', async () => {
    const response = await put(500, '{"name":');

    expect(errorNames(response.json)).toEqual(['VALIDATION_GENERAL_FAILURE']);
  });

  it('accepts the body shape of the seed document (GET, modify, PUT)', async () => {
    const current = (await call(emulator, 'GET', '/recurring/plans/501')).json as Record<string, unknown>;

    const response = await put(501, {
      ...without(current, 'planId'),
      trialPeriodDays: 10,
      chargeOnPlanSwitch: true,
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      trialPeriodDays: 10,
      chargeOnPlanSwitch: true,
      recurringChargeAmount: 10,
    });
  });
});

// What a PUT does to the optional fields it leaves out. The seed document's Update Plan example is the
// evidence for `keep` (the default); the reference's "Inferred: omitting an optional field … is treated
// as "remove" … and may clear grace/max charges" is `clear`.
describe('BlueSnap emulator: optional fields a PUT leaves out', () => {
  /** The plan the seed's response example shows, as it was stored before the PUT. */
  const SEED_DOCUMENT_PLAN: BlueSnapWirePlan = {
    planId: 3068869,
    name: 'Gold Plan',
    recurringChargeAmount: 19,
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    trialPeriodDays: 7,
    initialChargeAmount: 30,
    gracePeriodDays: 10,
    maxNumberOfCharges: 12,
    chargeOnPlanSwitch: true,
    status: 'ACTIVE',
  };
  /** The seed's request example, field for field: no grace period, charge cap or charge-on-switch. */
  const SEED_DOCUMENT_REQUEST = {
    chargeFrequency: 'MONTHLY',
    trialPeriodDays: 7,
    initialChargeAmount: 30,
    name: 'Gold Plan',
    currency: 'USD',
    recurringChargeAmount: 19,
  };

  it("answers the seed document's Update Plan request with the seed's own response (keep, the default)", async () => {
    emulator = await startTestEmulator({ seed: [SEED_DOCUMENT_PLAN] });

    const response = await put(3068869, SEED_DOCUMENT_REQUEST);

    expect(response).toEqual({ status: 200, json: SEED_DOCUMENT_PLAN });
    expect(stored(3068869)).toEqual(SEED_DOCUMENT_PLAN);
  });

  it('with putOmission clear, the same request clears grace period and charge cap and resets charge-on-switch', async () => {
    emulator = await startTestEmulator({ seed: [SEED_DOCUMENT_PLAN], putOmission: 'clear' });

    const response = await put(3068869, SEED_DOCUMENT_REQUEST);

    const { gracePeriodDays: _grace, maxNumberOfCharges: _max, ...rest } = SEED_DOCUMENT_PLAN;
    expect(response).toEqual({ status: 200, json: { ...rest, chargeOnPlanSwitch: false } });
  });

  it.each([
    ['trialPeriodDays', 501, 7],
    ['initialChargeAmount', 502, 20],
  ])(
    'keeps an existing %s (plan %i) that the body omits, instead of refusing',
    async (field, planId, value) => {
      const response = await put(planId, without(fullBody(planId), field));

      expect(response.status).toBe(200);
      expect(stored(planId)).toHaveProperty(field, value);
    },
  );

  it('keeps the values when the body sends null, as a Java deserialiser reads it as absent', async () => {
    const body = fullBody(502, { gracePeriodDays: null, maxNumberOfCharges: null, chargeOnPlanSwitch: null });

    const response = await put(502, body);

    expect(response.json).toMatchObject({
      gracePeriodDays: 3,
      maxNumberOfCharges: 5,
      chargeOnPlanSwitch: true,
    });
  });

  it('changes a value the body does send, under either reading', async () => {
    const clearing = await startTestEmulator({ seed: TEST_SEED, putOmission: 'clear' });

    const kept = await put(502, fullBody(502, { maxNumberOfCharges: 8 }));
    const cleared = await call(clearing, 'PUT', '/recurring/plans/502', {
      body: fullBody(502, { maxNumberOfCharges: 8 }),
    });

    expect([kept.json, cleared.json]).toEqual([
      expect.objectContaining({ maxNumberOfCharges: 8 }),
      expect.objectContaining({ maxNumberOfCharges: 8 }),
    ]);
  });
});
