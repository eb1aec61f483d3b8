import { afterEach, describe, expect, it } from 'vitest';
import type { SeedAccount } from '../../../src/sandbox/constantcontact/index.js';
import { call, closeTestEmulators, errorKeys, planPath, startTestEmulator, testClock } from './client.js';

afterEach(closeTestEmulators);

const TRIAL: SeedAccount = { encoded_account_id: 'trial0000001', subscriber_count: 1 };
const TRIAL_END: SeedAccount = { encoded_account_id: 'trialend0001', billing_status: 'Trial End' };
const GOLD: SeedAccount = {
  encoded_account_id: 'gold00000001',
  plan_type: 'GOLD',
  billing_day_of_month: 10,
  subscriber_count: 1200,
};
const CANCELED: SeedAccount = {
  encoded_account_id: 'canceled0001',
  plan_type: 'BRONZE',
  billing_status: 'Canceled',
  billing_day_of_month: 20,
};
const CANCELED_TRIAL: SeedAccount = { encoded_account_id: 'canceled0002', billing_status: 'Canceled' };
const SEED = [TRIAL, TRIAL_END, GOLD, CANCELED, CANCELED_TRIAL];
// 2024-07-09 on the emulator clock: a billing day defaulted "today" is 9.
const clock = () => testClock(Date.UTC(2024, 6, 9, 12));

async function put(id: string, body: unknown, options: Parameters<typeof startTestEmulator>[0] = {}) {
  const emulator = await startTestEmulator({ accounts: SEED, now: clock().now, ...options });
  const response = await call(emulator, 'PUT', planPath(id), { body });
  return { emulator, response };
}

describe('Constant Contact emulator: GET plan', () => {
  it('answers the PlanTiersObject with tiers computed from the subscriber count', async () => {
    const emulator = await startTestEmulator({ accounts: SEED });
    const response = await call(emulator, 'GET', planPath(GOLD.encoded_account_id));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      plan_type: 'GOLD',
      current_tiers: [
        {
          usage_type: 'CONTACTS',
          current_usage: 1200,
          tier: 3,
          tier_min: 1000,
          tier_max: 1500,
          price: 95,
          currency_code: 'USD',
        },
      ],
      billing_status: 'Open',
      billing_day_of_month: 10,
    });
    const trial = await call(emulator, 'GET', planPath(TRIAL.encoded_account_id));
    expect(trial.json).toMatchObject({
      plan_type: 'TRIAL',
      billing_status: 'Trial',
      billing_day_of_month: null,
    });
  });

  it('answers 404 for an unknown account and 400 for another partner’s', async () => {
    const emulator = await startTestEmulator({ accounts: SEED, foreignAccountIds: ['foreign00001'] });
    expect((await call(emulator, 'GET', planPath('nosuchacct01'))).status).toBe(404);
    expect((await call(emulator, 'GET', planPath('foreign00001'))).status).toBe(400);
    expect(
      (await call(emulator, 'PUT', planPath('foreign00001'), { body: { plan_type: 'GOLD' } })).status,
    ).toBe(400);
  });
});

describe('Constant Contact emulator: PUT plan rules', () => {
  it('TRIAL → GOLD opens the account with the given billing day (string accepted)', async () => {
    const { response, emulator } = await put(TRIAL.encoded_account_id, {
      plan_type: 'GOLD',
      billing_day_of_month: '1',
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Open',
      billing_day_of_month: 1,
    });
    expect(emulator.account(TRIAL.encoded_account_id)).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Open',
    });
  });

  it('TRIAL → SILVER without a billing day uses today on the emulator clock', async () => {
    const { response } = await put(TRIAL.encoded_account_id, { plan_type: 'SILVER' });
    expect(response.json).toMatchObject({
      plan_type: 'SILVER',
      billing_status: 'Open',
      billing_day_of_month: 9,
    });
  });

  it('Trial End → BRONZE opens the account', async () => {
    const { response } = await put(TRIAL_END.encoded_account_id, {
      plan_type: 'BRONZE',
      billing_day_of_month: 28,
    });
    expect(response.json).toMatchObject({
      plan_type: 'BRONZE',
      billing_status: 'Open',
      billing_day_of_month: 28,
    });
  });

  it('without single billing, leaving TRIAL needs billing_day_of_month', async () => {
    const { response } = await put(TRIAL.encoded_account_id, { plan_type: 'GOLD' }, { singleBilling: false });
    expect(response.status).toBe(400);
    expect(errorKeys(response.json)).toEqual(['partner.api.validation.error']);
    const { response: withDay } = await put(
      TRIAL.encoded_account_id,
      { plan_type: 'GOLD', billing_day_of_month: 3 },
      { singleBilling: false },
    );
    expect(withDay.json).toMatchObject({ billing_day_of_month: 3 });
  });

  it.each([0, 32, '1.5', 'first', true])('refuses billing_day_of_month %j on leaving TRIAL', async (day) => {
    const { response } = await put(TRIAL.encoded_account_id, {
      plan_type: 'GOLD',
      billing_day_of_month: day,
    });
    expect(response.status).toBe(400);
  });

  it('refuses a plan_type outside the plan group with the array error body', async () => {
    const { response, emulator } = await put(GOLD.encoded_account_id, { plan_type: 'PLATINUM' });
    expect(response.status).toBe(400);
    expect(response.json).toEqual([
      {
        error_key: 'partner.api.validation.error',
        error_message: expect.stringContaining('PLATINUM') as unknown,
      },
    ]);
    expect(emulator.account(GOLD.encoded_account_id)?.plan_type).toBe('GOLD');
    const narrow = await put(
      GOLD.encoded_account_id,
      { plan_type: 'SILVER' },
      { planTypes: ['TRIAL', 'GOLD'] },
    );
    expect(narrow.response.status).toBe(400);
  });

  it('never goes back to TRIAL', async () => {
    const { response } = await put(GOLD.encoded_account_id, { plan_type: 'TRIAL' });
    expect(response.status).toBe(400);
  });

  it('TRIAL → TRIAL on a trial is a no-op', async () => {
    const { response } = await put(TRIAL.encoded_account_id, { plan_type: 'TRIAL', billing_day_of_month: 5 });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      plan_type: 'TRIAL',
      billing_status: 'Trial',
      billing_day_of_month: null,
    });
  });

  it('between billable plans keeps Open and ignores a new billing day', async () => {
    const { response } = await put(GOLD.encoded_account_id, {
      plan_type: 'BRONZE',
      billing_day_of_month: 25,
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      plan_type: 'BRONZE',
      billing_status: 'Open',
      billing_day_of_month: 10,
    });
  });

  // The seed document: "You can change the billing_day_of_month only when changing the plan_type value
  // from TRIAL to a different plan_type, otherwise the value you enter is ignored."
  it.each([25, '25', 0, 32, '1.5', 'first', true, { day: 1 }])(
    'ignores billing_day_of_month %j between billable plans, whatever its value',
    async (day) => {
      const { response } = await put(GOLD.encoded_account_id, {
        plan_type: 'SILVER',
        billing_day_of_month: day,
      });

      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        plan_type: 'SILVER',
        billing_status: 'Open',
        billing_day_of_month: 10,
      });
    },
  );

  it.each([
    ['without a plan_type', GOLD.encoded_account_id, {}, 10],
    ['on a reactivation', CANCELED.encoded_account_id, { plan_type: 'GOLD' }, 20],
    ['on a trial that stays on TRIAL', TRIAL.encoded_account_id, { plan_type: 'TRIAL' }, null],
  ])('ignores an invalid billing_day_of_month %s too', async (_label, id, body, kept) => {
    const { response } = await put(id, { ...body, billing_day_of_month: 'first' });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ billing_day_of_month: kept });
  });

  it('reactivates a canceled account on a billable plan, keeping its billing day', async () => {
    const { response } = await put(CANCELED.encoded_account_id, {
      plan_type: 'SILVER',
      billing_day_of_month: 2,
    });
    expect(response.json).toMatchObject({
      plan_type: 'SILVER',
      billing_status: 'Open',
      billing_day_of_month: 20,
    });
  });

  it('reactivates a canceled trial onto a billable plan with its first billing day', async () => {
    const { response } = await put(CANCELED_TRIAL.encoded_account_id, {
      plan_type: 'GOLD',
      billing_day_of_month: 4,
    });
    expect(response.json).toMatchObject({
      plan_type: 'GOLD',
      billing_status: 'Open',
      billing_day_of_month: 4,
    });
  });

  it('refuses TRIAL on a canceled account', async () => {
    expect((await put(CANCELED.encoded_account_id, { plan_type: 'TRIAL' })).response.status).toBe(400);
    expect((await put(CANCELED_TRIAL.encoded_account_id, { plan_type: 'TRIAL' })).response.status).toBe(400);
  });

  it('ignores unknown and read-only body fields', async () => {
    const { response } = await put(TRIAL.encoded_account_id, {
      plan_type: 'GOLD',
      current_tiers: [],
      billing_status: 'Trial',
      colour: 'blue',
    });
    expect(response.json).toMatchObject({ plan_type: 'GOLD', billing_status: 'Open' });
  });

  it('an empty body changes nothing', async () => {
    const emulator = await startTestEmulator({ accounts: SEED });
    const response = await call(emulator, 'PUT', planPath(GOLD.encoded_account_id));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ plan_type: 'GOLD', billing_day_of_month: 10 });
  });

  it('answers 400 to malformed JSON and 415 to a non-JSON body', async () => {
    const emulator = await startTestEmulator({ accounts: SEED });
    const malformed = await call(emulator, 'PUT', planPath(GOLD.encoded_account_id), {
      body: '{"plan_type":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const text = await call(emulator, 'PUT', planPath(GOLD.encoded_account_id), {
      body: 'plan_type=GOLD',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
  });

  it('plan_group_id: the account’s own or an unknown id is fine; another existing group is 400', async () => {
    const options = { planGroupId: 152, knownPlanGroupIds: [153] };
    expect(
      (await put(GOLD.encoded_account_id, { plan_type: 'SILVER', plan_group_id: 152 }, options)).response
        .status,
    ).toBe(200);
    expect(
      (await put(GOLD.encoded_account_id, { plan_type: 'SILVER', plan_group_id: 999 }, options)).response
        .status,
    ).toBe(200);
    expect(
      (await put(GOLD.encoded_account_id, { plan_type: 'SILVER', plan_group_id: 153 }, options)).response
        .status,
    ).toBe(400);
  });

  it('setAccount models a change in the UI that the API then sees', async () => {
    const emulator = await startTestEmulator({ accounts: SEED });
    emulator.setAccount({ ...GOLD, plan_type: 'SILVER' });
    expect((await call(emulator, 'GET', planPath(GOLD.encoded_account_id))).json).toMatchObject({
      plan_type: 'SILVER',
    });
    expect(emulator.accounts().map((account) => account.encoded_account_id)).toEqual(
      SEED.map((account) => account.encoded_account_id),
    );
  });
});
