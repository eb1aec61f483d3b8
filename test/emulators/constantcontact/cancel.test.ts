import { afterEach, describe, expect, it } from 'vitest';
import type { SeedAccount } from '../../../src/sandbox/constantcontact/index.js';
import {
  ACCOUNTS,
  call,
  cancelPath,
  closeTestEmulators,
  planPath,
  startTestEmulator,
  testClock,
} from './client.js';

afterEach(closeTestEmulators);

const OPEN: SeedAccount = { encoded_account_id: 'open00000001', plan_type: 'GOLD', billing_day_of_month: 5 };
const TRIAL: SeedAccount = { encoded_account_id: 'trial0000001' };
const CANCELED: SeedAccount = {
  encoded_account_id: 'canceled0001',
  plan_type: 'BRONZE',
  billing_status: 'Canceled',
};
const SEED = [OPEN, TRIAL, CANCELED];
const NOW = Date.UTC(2024, 6, 9, 22, 9, 15);

describe('Constant Contact emulator: PUT status/cancel', () => {
  it('cancels now without a body and echoes the effective date', async () => {
    const emulator = await startTestEmulator({ accounts: SEED, now: () => NOW });
    const response = await call(emulator, 'PUT', cancelPath(OPEN.encoded_account_id));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ effective_date: '2024-07-09T22:09:15.000Z' });
    const plan = await call(emulator, 'GET', planPath(OPEN.encoded_account_id));
    expect(plan.json).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Canceled',
      billing_day_of_month: 5,
    });
    const list = await call(emulator, 'GET', ACCOUNTS);
    expect(JSON.stringify(list.json)).toContain('"billing_status":"Canceled"');
  });

  it('echoes a valid reason_id and cancels a trial', async () => {
    const emulator = await startTestEmulator({ accounts: SEED, now: () => NOW });
    const response = await call(emulator, 'PUT', cancelPath(TRIAL.encoded_account_id), {
      body: { reason_id: 27 },
    });
    expect(response.json).toEqual({ effective_date: '2024-07-09T22:09:15.000Z', reason_id: 27 });
    expect(emulator.account(TRIAL.encoded_account_id)?.billing_status).toBe('Canceled');
  });

  it.each([
    [{ reason_id: 4 }],
    [{ reason_id: '1' }],
    [{ effective_date: 'tomorrow' }],
    [{ effective_date: 12 }],
  ])('answers 400 to %j', async (body) => {
    const emulator = await startTestEmulator({ accounts: SEED });
    const response = await call(emulator, 'PUT', cancelPath(OPEN.encoded_account_id), { body });
    expect(response.status).toBe(400);
    expect(emulator.account(OPEN.encoded_account_id)?.billing_status).toBe('Open');
  });

  it('keeps the status until a future effective date passes on the emulator clock', async () => {
    const clock = testClock(NOW);
    // Tokens live an hour; this test jumps three weeks ahead on one token.
    const emulator = await startTestEmulator({
      accounts: SEED,
      now: clock.now,
      tokenTtlSeconds: 90 * 86_400,
    });
    const effective = '2024-07-31T00:00:00.000Z';
    const response = await call(emulator, 'PUT', cancelPath(OPEN.encoded_account_id), {
      body: { effective_date: effective, reason_id: 1 },
    });
    expect(response.json).toEqual({ effective_date: effective, reason_id: 1 });
    expect((await call(emulator, 'GET', planPath(OPEN.encoded_account_id))).json).toMatchObject({
      billing_status: 'Open',
    });

    clock.set(Date.parse(effective));
    expect((await call(emulator, 'GET', planPath(OPEN.encoded_account_id))).json).toMatchObject({
      billing_status: 'Canceled',
    });
  });

  it('refuses to cancel a canceled account by default, or accepts it as a no-op when configured', async () => {
    const strict = await startTestEmulator({ accounts: SEED });
    expect((await call(strict, 'PUT', cancelPath(CANCELED.encoded_account_id))).status).toBe(400);

    const lenient = await startTestEmulator({ accounts: SEED, cancelCanceled: 'no-op' });
    expect((await call(lenient, 'PUT', cancelPath(CANCELED.encoded_account_id))).status).toBe(200);
    expect(lenient.account(CANCELED.encoded_account_id)?.billing_status).toBe('Canceled');
  });

  it('answers 404 for an unknown account and 400 for another partner’s', async () => {
    const emulator = await startTestEmulator({ accounts: SEED, foreignAccountIds: ['foreign00001'] });
    expect((await call(emulator, 'PUT', cancelPath('nosuchacct01'))).status).toBe(404);
    expect((await call(emulator, 'PUT', cancelPath('foreign00001'))).status).toBe(400);
  });

  it('a canceled account is reactivated by PUT plan', async () => {
    const emulator = await startTestEmulator({ accounts: SEED });
    await call(emulator, 'PUT', cancelPath(OPEN.encoded_account_id));
    const response = await call(emulator, 'PUT', planPath(OPEN.encoded_account_id), {
      body: { plan_type: 'GOLD' },
    });
    expect(response.json).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Open',
      billing_day_of_month: 5,
    });
  });
});
