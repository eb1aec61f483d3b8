import { afterEach, describe, expect, it } from 'vitest';
import { call, closeTestEmulators, errorNames, startTestEmulator, TEST_SEED } from './client.js';

afterEach(closeTestEmulators);

describe('BlueSnap emulator: retrieve plan', () => {
  it('returns the stored plan in wire format', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'GET', '/recurring/plans/502');

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      planId: 502,
      name: 'With extras',
      recurringChargeAmount: 99.5,
      currency: 'GBP',
      chargeFrequency: 'ANNUALLY',
      initialChargeAmount: 20,
      maxNumberOfCharges: 5,
      gracePeriodDays: 3,
      chargeOnPlanSwitch: true,
      status: 'INACTIVE',
    });
  });

  it('includes chargeOnPlanSwitch false for a plan that never set it', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'GET', '/recurring/plans/500');

    expect((response.json as { chargeOnPlanSwitch: boolean }).chargeOnPlanSwitch).toBe(false);
  });

  it('answers an unknown id with 400 and PLAN_NOT_FOUND by default', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'GET', '/recurring/plans/999');

    expect(response.status).toBe(400);
    expect(errorNames(response.json)).toEqual(['PLAN_NOT_FOUND']);
  });

  it('answers an unknown id with 403 when configured so', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED, notFoundStatus: 403 });

    const response = await call(emulator, 'GET', '/recurring/plans/999');

    expect(response.status).toBe(403);
  });

  it('answers a non-numeric id like an unknown one', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'GET', '/recurring/plans/gold');

    expect(errorNames(response.json)).toEqual(['PLAN_NOT_FOUND']);
  });

  it('returns a plan set directly on the emulator, as after a dashboard edit', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });
    emulator.setPlan({ ...TEST_SEED[0]!, name: 'Renamed in dashboard' });

    const response = await call(emulator, 'GET', '/recurring/plans/500');

    expect((response.json as { name: string }).name).toBe('Renamed in dashboard');
  });

  it('answers DELETE with 405, since plans are retired rather than deleted', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'DELETE', '/recurring/plans/500');

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, PUT');
    expect(emulator.plans()).toHaveLength(3);
  });

  it('answers a path outside the API with 404', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'GET', '/recurring/subscriptionz');

    expect(response.status).toBe(404);
  });
});
