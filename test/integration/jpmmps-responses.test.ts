// Invalid J.P. Morgan MPS responses over real sockets: a list, get or create answer with a missing
// field, a wrong type or a body that is not an object ends in an error naming jpmmps, the endpoint
// and the field path. Exit 1, no stack trace (the harness checks), no plan printed, nothing written.

import { afterEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, JpmMpsPlanInput } from '../../src/sandbox/jpmmps/index.js';
import { jpmFixture, jpmPlanId, jpmSpec } from '../providers/jpmmps/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/api/v1/plans';
const ID = jpmPlanId(1);
const PREMIUM = jpmSpec('Premium');

let h: ProviderHarness<JpmMpsEmulator>;
afterEach(async () => h?.close());

async function start(plans: Record<string, Record<string, unknown>>): Promise<void> {
  h = await startProviderHarness(jpmFixture, {
    seed: [{ ...PREMIUM, id: ID, prepaid: true } as JpmMpsPlanInput],
    plans: plansFileYaml('jpm', plans),
  });
}

function answer(method: string, path: string, body: unknown): void {
  h.emulator.faults.inject({ method, path, times: Infinity, fault: { kind: 'status', status: 200, body } });
}

/** The seeded plan as the API shows it, with `change` applied. */
const plan = (change: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: ID,
  createdAt: '2026-01-01T00:00:00.00Z',
  updatedAt: '2026-01-01T00:00:00.00Z',
  deletedAt: null,
  description: 'Premium plan',
  trialDurationPeriod: null,
  trialDurationUnit: null,
  prepaid: true,
  merchantMetadata: null,
  ...PREMIUM,
  ...change,
});
const page = (data: unknown, change: Record<string, unknown> = {}) => ({
  page: 0,
  pageSize: 100,
  count: 1,
  totalPages: 1,
  data,
  ...change,
});

/** Saves a plan, and returns the list body it was made from. */
async function savePlan(): Promise<unknown> {
  await h.cli(['plan', '--out', 'plan.json']);
  const list = h.emulator.log.find((e) => e.method === 'GET' && e.path === PLANS);
  h.emulator.clearLog();
  return list?.response?.body;
}

describe('J.P. Morgan MPS: invalid list responses', () => {
  it.each([
    {
      label: 'a plan without name',
      body: page([plan({ name: undefined })]),
      error: 'data[0].name is missing',
    },
    {
      label: 'billingCycles as a string',
      body: page([plan({ billingCycles: '-1' })]),
      error: 'data[0].billingCycles is not an integer (got "-1")',
    },
    {
      label: 'prepaid as a string',
      body: page([plan({ prepaid: 'true' })]),
      error: 'data[0].prepaid is not a boolean (got "true")',
    },
    {
      label: 'a description as a number',
      body: page([plan({ description: 7 })]),
      error: 'data[0].description is not a string (got 7)',
    },
    {
      label: 'a malformed id',
      body: page([plan({ id: 'plan-1' })]),
      error: 'data[0].id is not a plan id (SubscriptionPlan-...) (got "plan-1")',
    },
    {
      label: 'totalPages as a string',
      body: page([plan()], { totalPages: '1' }),
      error: 'totalPages is not an integer (got "1")',
    },
    { label: 'data as an object', body: page(plan()), error: 'data is not an array (got an object)' },
    { label: 'an array body', body: [plan()], error: 'body is not an object (got an array)' },
    { label: 'a JSON string body', body: '"ok"', error: 'body is not an object (got "ok")' },
  ])('refuses $label, naming the field, and prints no plan', async ({ body, error }) => {
    await start({ premium: { id: ID, ...PREMIUM } });
    answer('GET', PLANS, body);

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: jpmmps: invalid response from GET /plans: ${error}`);
    expect(result.stdout).not.toContain('Plan:');
    expect(h.emulator.writes()).toEqual([]);
  });
});

describe('J.P. Morgan MPS: invalid get responses', () => {
  it.each([
    { label: 'no billingUnit', body: plan({ billingUnit: undefined }), error: 'plan.billingUnit is missing' },
    {
      label: 'an amount that is not a number',
      body: plan({ recurrentAmount: 'twenty' }),
      error: 'plan.recurrentAmount is not a decimal number (got "twenty")',
    },
    { label: 'an array body', body: [plan()], error: 'plan is not an object (got an array)' },
  ])('fails an update whose check GET answers $label, sending no PATCH', async ({ body, error }) => {
    await start({ premium: { id: ID, ...PREMIUM, description: 'new words' } });
    await savePlan();
    answer('GET', `${PLANS}/${ID}`, body);

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`error: jpmmps: invalid response from GET /plans/${ID}: ${error}`);
    expect(h.emulator.writes()).toEqual([]);
  });
});

describe('J.P. Morgan MPS: invalid create responses', () => {
  it.each([
    { label: 'no id', body: plan({ id: undefined }), error: 'plan.id is missing' },
    {
      label: 'billingOccurrence as a string',
      body: plan({ id: jpmPlanId(9), billingOccurrence: '1' }),
      error: 'plan.billingOccurrence is not an integer (got "1")',
    },
    { label: 'a number body', body: 201, error: 'plan is not an object (got 201)' },
  ])('fails a create answered with $label, naming the field', async ({ body, error }) => {
    await start({ premium: { id: ID, ...PREMIUM }, basic: jpmSpec('Basic') });
    await savePlan();
    answer('POST', PLANS, body);

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`error: jpmmps: invalid response from POST /plans: ${error}`);
    expect(h.emulator.writes()).toEqual([]);
  });
});
