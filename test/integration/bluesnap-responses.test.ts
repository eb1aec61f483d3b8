// Invalid BlueSnap responses over real sockets: a list, get or create answer with a missing field, a
// wrong type or a body that is not an object ends in an error naming bluesnap, the endpoint and the
// field path. Exit 1, no stack trace (the harness checks), no plan printed, nothing written.

import { afterEach, describe, expect, it } from 'vitest';
import { plansYaml, seedPlan, startHarness, type Harness, gold } from '../support/harness.js';

const PLANS = '/services/2/recurring/plans';

let h: Harness;
afterEach(async () => h?.close());

const silver = { ...gold, name: 'Silver', recurringChargeAmount: 9 };
const live = (change: Record<string, unknown> = {}) => ({ ...seedPlan(100, gold), ...change });

function answer(method: string, path: string, body: unknown): void {
  h.emulator.faults.inject({ method, path, times: Infinity, fault: { kind: 'status', status: 200, body } });
}

describe('BlueSnap: invalid list responses', () => {
  it.each([
    {
      label: 'a plan without name',
      body: { lastPage: true, plans: [live({ name: undefined })] },
      error: 'plans[0].name is missing',
    },
    {
      label: 'a planId as a string',
      body: { lastPage: true, plans: [live({ planId: '100' })] },
      error: 'plans[0].planId is not an integer (got "100")',
    },
    {
      label: 'gracePeriodDays as a string',
      body: { lastPage: true, plans: [live({ gracePeriodDays: '5' })] },
      error: 'plans[0].gracePeriodDays is not an integer (got "5")',
    },
    {
      label: 'lastPage as a string',
      body: { lastPage: 'true', plans: [live()] },
      error: 'lastPage is not a boolean (got "true")',
    },
    {
      label: 'plans as an object',
      body: { lastPage: true, plans: live() },
      error: 'plans is not an array (got an object)',
    },
    { label: 'an array body', body: [live()], error: 'body is not an object (got an array)' },
    { label: 'a number body', body: 42, error: 'body is not an object (got 42)' },
  ])('refuses $label, naming the field, and prints no plan', async ({ body, error }) => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
    answer('GET', PLANS, body);

    const result = await h.cli(['plan']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: bluesnap: invalid response from GET /recurring/plans: ${error}`);
    expect(result.stdout).not.toContain('Plan:');
    expect(h.writes()).toEqual([]);
  });
});

describe('BlueSnap: invalid get responses', () => {
  it.each([
    { label: 'no currency', body: live({ currency: undefined }), error: 'plan.currency is missing' },
    {
      label: 'an amount as an object',
      body: live({ recurringChargeAmount: { value: 29.99 } }),
      error: 'plan.recurringChargeAmount is not a decimal number (got an object)',
    },
    { label: 'a JSON string body', body: '"gold"', error: 'plan is not an object (got "gold")' },
  ])('fails an update whose GET before PUT answers $label, sending no PUT', async ({ body, error }) => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    await h.cli(['plan', '--out', 'plan.json']);
    answer('GET', `${PLANS}/100`, body);

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `error: bluesnap: invalid response from GET /recurring/plans/100: ${error}`,
    );
    expect(h.writes()).toEqual([]);
  });
});

describe('BlueSnap: invalid create responses', () => {
  it.each([
    { label: 'no planId', body: live({ planId: undefined }), error: 'plan.planId is missing' },
    {
      label: 'status as a number',
      body: live({ planId: 101, status: 1 }),
      error: 'plan.status is not one of ACTIVE, INACTIVE (got 1)',
    },
    { label: 'an array body', body: [live()], error: 'plan is not an object (got an array)' },
  ])('fails a create answered with $label, naming the field', async ({ body, error }) => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold, silver }) });
    await h.cli(['plan', '--out', 'plan.json']);
    answer('POST', PLANS, body);

    const result = await h.cli(['apply', 'plan.json']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`error: bluesnap: invalid response from POST /recurring/plans: ${error}`);
    expect(h.writes()).toEqual([]);
  });
});
