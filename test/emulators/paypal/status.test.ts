import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import {
  ACTIVE_ID,
  CREATED_ID,
  INACTIVE_ID,
  TEST_SEED,
  call,
  closeTestEmulators,
  issuesAt,
  startTestEmulator,
} from './client.js';

let emulator: PayPalEmulator;
let now = 0;

beforeEach(async () => {
  now = Date.parse('2025-01-01T00:00:00Z');
  emulator = await startTestEmulator({ seed: TEST_SEED, now: () => now });
});

afterEach(closeTestEmulators);

async function action(id: string, verb: 'activate' | 'deactivate') {
  const response = await call(emulator, 'POST', `/v1/billing/plans/${id}/${verb}`);
  return { status: response.status, text: response.text, json: response.json };
}

const statusOf = (id: string) => emulator.plans().find((plan) => plan.id === id)?.status;

describe('PayPal emulator: activate and deactivate', () => {
  it.each([
    ['CREATED', CREATED_ID],
    ['INACTIVE', INACTIVE_ID],
  ])('activates a %s plan with 204 and no body', async (_status, id) => {
    now += 1000;

    const result = await action(id, 'activate');

    expect([result.status, result.text, statusOf(id)]).toEqual([204, '', 'ACTIVE']);
    expect(emulator.plans().find((plan) => plan.id === id)?.update_time).toBe('2025-01-01T00:00:01Z');
  });

  it('deactivates an ACTIVE plan with 204', async () => {
    const result = await action(ACTIVE_ID, 'deactivate');

    expect([result.status, statusOf(ACTIVE_ID)]).toEqual([204, 'INACTIVE']);
  });

  it('refuses to activate an ACTIVE plan with 422 PLAN_STATUS_INVALID', async () => {
    const result = await action(ACTIVE_ID, 'activate');

    expect([result.status, issuesAt(result.json)]).toEqual([422, ['PLAN_STATUS_INVALID /status']]);
    expect((result.json as { details: Array<{ description: string }> }).details[0]?.description).toBe(
      'Invalid plan status for activate action; plan status should be either created or inactive.',
    );
  });

  it.each([
    ['INACTIVE', INACTIVE_ID],
    ['CREATED', CREATED_ID],
  ])('refuses to deactivate a %s plan with 422 PLAN_STATUS_INVALID', async (status, id) => {
    const result = await action(id, 'deactivate');

    expect([result.status, issuesAt(result.json), statusOf(id)]).toEqual([
      422,
      ['PLAN_STATUS_INVALID /status'],
      status,
    ]);
    expect((result.json as { details: Array<{ description: string }> }).details[0]?.description).toBe(
      'Invalid plan status for deactivate action; plan status should be active.',
    );
  });

  it('shows the activate link once a plan is inactive, and deactivate once it is active again', async () => {
    await action(ACTIVE_ID, 'deactivate');
    const inactive = await call(emulator, 'GET', `/v1/billing/plans/${ACTIVE_ID}`);
    await action(ACTIVE_ID, 'activate');
    const active = await call(emulator, 'GET', `/v1/billing/plans/${ACTIVE_ID}`);

    const rels = (json: unknown) => (json as { links: Array<{ rel: string }> }).links.map((link) => link.rel);
    expect(rels(inactive.json)).toContain('activate');
    expect(rels(active.json)).toContain('deactivate');
  });

  it('answers 404 for an unknown plan', async () => {
    const result = await action('P-NOSUCHPLAN000000000000000', 'activate');

    expect(result.status).toBe(404);
  });
});
