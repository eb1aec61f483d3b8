// Invalid Constant Contact responses over real sockets: a plan read (GET, the only read there is) or a
// plan write's answer (PUT, the only write) with a missing field, a wrong type or a body that is not
// an object ends in an error naming constantcontact, the endpoint and the field path. Exit 1, no
// stack trace (the harness checks), no plan printed, nothing written.

import { afterEach, describe, expect, it } from 'vitest';
import type { ConstantContactEmulator, SeedAccount } from '../../src/sandbox/constantcontact/index.js';
import { constantContactFixture } from '../providers/constantcontact/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const ACME = 'acme00gold01';
const PLAN = `/partner/accounts/${ACME}/plan`;
const PATH = `/v3${PLAN}`;

let h: ProviderHarness<ConstantContactEmulator>;
afterEach(async () => h?.close());

const seed: SeedAccount = {
  encoded_account_id: ACME,
  plan_type: 'GOLD',
  billing_status: 'Open',
  billing_day_of_month: 1,
  subscriber_count: 800,
};
const TIER = {
  usage_type: 'CONTACTS',
  current_usage: 800,
  tier: 2,
  tier_min: 501,
  tier_max: 2500,
  price: 45,
  currency_code: 'USD',
};
const valid = { plan_type: 'GOLD', current_tiers: [TIER], billing_status: 'Open', billing_day_of_month: 1 };

async function start(planType = 'SILVER'): Promise<void> {
  h = await startProviderHarness(constantContactFixture, {
    seed: [seed],
    plans: plansFileYaml('cc', { acme: { encoded_account_id: ACME, plan_type: planType } }),
  });
}

function answer(method: string, body: unknown): void {
  h.emulator.faults.inject({
    method,
    path: PATH,
    times: Infinity,
    fault: { kind: 'status', status: 200, body },
  });
}

const puts = () => h.emulator.writes().filter((w) => w.method === 'PUT');

describe('Constant Contact: invalid plan reads', () => {
  it.each([
    {
      label: 'no plan_type',
      body: { ...valid, plan_type: undefined },
      error: 'plan_type is missing',
    },
    {
      label: 'a billing day as a string',
      body: { ...valid, billing_day_of_month: '1' },
      error: 'billing_day_of_month is not a day of the month (1-31) (got "1")',
    },
    {
      label: 'a tier number as a string',
      body: { ...valid, current_tiers: [{ ...TIER, tier: '2' }] },
      error: 'current_tiers[0].tier is not an integer (got "2")',
    },
    {
      label: 'current_tiers as an object',
      body: { ...valid, current_tiers: TIER },
      error: 'current_tiers is not an array (got an object)',
    },
    {
      label: 'a tier that is not an object',
      body: { ...valid, current_tiers: [null] },
      error: 'current_tiers[0] is not an object (got null)',
    },
    { label: 'an array body', body: [valid], error: 'body is not an object (got an array)' },
    { label: 'a number body', body: 42, error: 'body is not an object (got 42)' },
  ])('refuses a plan with $label, naming the field, and prints no plan', async ({ body, error }) => {
    await start();
    answer('GET', body);

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: constantcontact: invalid response from GET ${PLAN}: ${error}`);
    expect(result.stdout).not.toContain('Plan:');
    expect(puts()).toEqual([]);
  });

  it('fails an update whose check GET answers a wrong type, sending no PUT', async () => {
    await start();
    await h.cli(['plan', '--out', 'plan.json']);
    // The whole-plan check's GET reads the account as the plan saw it; the check before the PUT does not.
    const seen = h.emulator.log.find((e) => e.method === 'GET' && e.path === PATH)?.response?.body;
    h.emulator.faults.inject({
      method: 'GET',
      path: PATH,
      fault: { kind: 'status', status: 200, body: seen },
    });
    answer('GET', { ...(seen as object), billing_status: 3 });

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `error: constantcontact: invalid response from GET ${PLAN}: billing_status is not a string (got 3)`,
    );
    expect(puts()).toEqual([]);
  });
});

describe('Constant Contact: invalid plan write answers', () => {
  it.each([
    {
      label: 'plan_type as a number',
      body: { ...valid, plan_type: 5 },
      error: 'plan_type is not a string (got 5)',
    },
    { label: 'a JSON string body', body: '"done"', error: 'body is not an object (got "done")' },
  ])('fails an update answered with $label, naming the field', async ({ body, error }) => {
    await start();
    await h.cli(['plan', '--out', 'plan.json']);
    answer('PUT', body);

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`error: constantcontact: invalid response from PUT ${PLAN}: ${error}`);
    expect(puts()).toEqual([]);
  });
});
