// The emulator against PayPal's own OpenAPI document: every exchange of a representative session must
// validate (request body, query and response), so the emulator cannot drift from the real API's shapes.
// Skips, saying why, on a bare clone without ../shared/specs.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import {
  SPEC_MISSING_MESSAGE,
  checkExchange,
  specAvailable,
  validateExchange,
} from '../../support/openapi.js';
import {
  ACTIVE_ID,
  INACTIVE_ID,
  OTHER_PRODUCT_ID,
  TEST_SEED,
  TIERED_ID,
  call,
  closeTestEmulators,
  planBody,
  startTestEmulator,
  tieredCycle,
} from './client.js';

const available = specAvailable();
if (!available) console.warn(SPEC_MISSING_MESSAGE);

const PLANS = '/v1/billing/plans';
const usd = (value: string) => ({ currency_code: 'USD', value });

let emulator: PayPalEmulator;

async function validSession(): Promise<void> {
  const created = await call(emulator, 'POST', PLANS, { body: planBody() });
  const id = (created.json as { id: string }).id;
  await call(emulator, 'POST', PLANS, {
    body: planBody({ name: 'Full' }),
    full: true,
    headers: { 'paypal-request-id': 'r-1' },
  });
  await call(emulator, 'POST', PLANS, {
    body: planBody({ name: 'Full' }),
    full: true,
    headers: { 'paypal-request-id': 'r-1' },
  });
  await call(emulator, 'POST', PLANS, {
    body: planBody({
      name: 'Tiered',
      quantity_supported: true,
      status: 'CREATED',
      billing_cycles: [tieredCycle(1)],
    }),
  });
  await call(emulator, 'GET', PLANS);
  await call(
    emulator,
    'GET',
    `${PLANS}?product_id=${OTHER_PRODUCT_ID}&page_size=1&page=2&total_required=true`,
  );
  await call(emulator, 'GET', `${PLANS}?plan_ids=${ACTIVE_ID},${TIERED_ID}&page_size=20`, { full: true });
  await call(emulator, 'GET', `${PLANS}?page=9`);
  await call(emulator, 'GET', `${PLANS}/${id}`);
  await call(emulator, 'GET', `${PLANS}/${TIERED_ID}`);
  await call(emulator, 'PATCH', `${PLANS}/${ACTIVE_ID}`, {
    body: [
      { op: 'replace', path: '/name', value: 'Renamed' },
      { op: 'replace', path: '/description', value: 'Described' },
      { op: 'replace', path: '/payment_preferences/auto_bill_outstanding', value: false },
      { op: 'replace', path: '/payment_preferences/payment_failure_threshold', value: 3 },
      { op: 'replace', path: '/payment_preferences/setup_fee', value: usd('1') },
      { op: 'replace', path: '/payment_preferences/setup_fee_failure_action', value: 'CONTINUE' },
      { op: 'replace', path: '/taxes/percentage', value: '8.25' },
    ],
  });
  await call(emulator, 'POST', `${PLANS}/${ACTIVE_ID}/update-pricing-schemes`, {
    body: { pricing_schemes: [{ billing_cycle_sequence: 2, pricing_scheme: { fixed_price: usd('11') } }] },
  });
  await call(emulator, 'POST', `${PLANS}/${TIERED_ID}/update-pricing-schemes`, {
    body: {
      pricing_schemes: [
        {
          billing_cycle_sequence: 1,
          pricing_scheme: {
            pricing_model: 'VOLUME',
            tiers: [
              { starting_quantity: '1', ending_quantity: '9', amount: usd('6') },
              { starting_quantity: '10', amount: usd('5') },
            ],
          },
        },
      ],
    },
  });
  await call(emulator, 'POST', `${PLANS}/${ACTIVE_ID}/deactivate`);
  await call(emulator, 'POST', `${PLANS}/${INACTIVE_ID}/activate`);
  await call(emulator, 'GET', `${PLANS}/${ACTIVE_ID}`);
}

/** Error answers whose issues the spec enumerates for the operation: these must validate too. */
async function documentedErrors(): Promise<void> {
  await call(emulator, 'POST', PLANS, { body: planBody({ name: '', billing_cycles: [] }) });
  await call(emulator, 'POST', PLANS, { body: planBody({ billing_cycles: [tieredCycle(1)] }) });
  await call(emulator, 'GET', `${PLANS}?page_size=50`);
  await call(emulator, 'GET', `${PLANS}/P-NOSUCHPLAN000000000000000`);
  await call(emulator, 'PATCH', `${PLANS}/${ACTIVE_ID}`, {
    body: [{ op: 'add', path: '/name', value: 'x' }],
  });
  await call(emulator, 'PATCH', `${PLANS}/${ACTIVE_ID}`, {
    body: [{ op: 'replace', path: '/status', value: 'x' }],
  });
  await call(emulator, 'PATCH', `${PLANS}/${INACTIVE_ID}`, {
    body: [{ op: 'replace', path: '/name', value: 'x' }],
  });
  await call(emulator, 'POST', `${PLANS}/${ACTIVE_ID}/activate`);
  await call(emulator, 'POST', `${PLANS}/${INACTIVE_ID}/deactivate`);
  await call(emulator, 'POST', `${PLANS}/${ACTIVE_ID}/update-pricing-schemes`, {
    body: { pricing_schemes: [{ billing_cycle_sequence: 9, pricing_scheme: { fixed_price: usd('1') } }] },
  });
  await call(emulator, 'GET', PLANS, { authorization: 'Bearer expired' });
}

describe.skipIf(!available)('PayPal emulator against the official OpenAPI document', () => {
  beforeEach(async () => {
    emulator = await startTestEmulator({ seed: TEST_SEED });
  });

  afterEach(closeTestEmulators);

  it('conforms on every exchange of a session of valid requests', async () => {
    await validSession();
    const checks = emulator.log.map((entry) => ({
      entry: `${entry.method} ${entry.path}`,
      ...checkExchange(entry),
    }));

    expect(checks.filter((check) => check.violations.length > 0)).toEqual([]);
    expect(checks.filter((check) => check.skipped !== undefined).map((check) => check.entry)).toEqual([
      'POST /v1/oauth2/token',
    ]);
    expect(new Set(checks.map((check) => check.operationId))).toEqual(
      new Set([
        undefined,
        'plans.create',
        'plans.list',
        'plans.get',
        'plans.patch',
        'plans.update-pricing-schemes',
        'plans.activate',
        'plans.deactivate',
      ]),
    );
  });

  it('conforms on the error answers the spec enumerates', async () => {
    await documentedErrors();
    const statuses = emulator.log
      .filter((entry) => entry.path.startsWith(PLANS))
      .map((entry) => entry.status);
    // The requests are invalid on purpose; only the answers are under test here.
    const violations = emulator.log.flatMap((entry) => validateExchange(entry));

    expect(
      violations.filter((violation) => !violation.startsWith('request') && !violation.startsWith('query')),
    ).toEqual([]);
    expect(violations.length).toBeGreaterThan(0);
    expect(statuses).toEqual([400, 422, 400, 404, 400, 400, 422, 422, 422, 422, 401]);
  });

  it('reports a response that departs from the spec', () => {
    const violations = validateExchange({
      method: 'GET',
      path: `${PLANS}/${ACTIVE_ID}`,
      body: undefined,
      response: { status: 200, body: { id: 7, status: 'GONE', links: [] } },
    });

    expect(violations).toEqual([
      'response 200 /id: must be string',
      'response 200 /status: must be equal to one of the allowed values (CREATED, INACTIVE, ACTIVE)',
      'response 200 /links: must NOT have fewer than 1 items',
    ]);
  });

  it('reports read-only members, unknown query parameters and bodies where none belong', () => {
    const body = planBody({ billing_cycles: [{ ...tieredCycle(1), pricing_scheme: { version: 2 } }] });

    const create = validateExchange({ method: 'POST', path: PLANS, body, response: null });
    const list = validateExchange({
      method: 'GET',
      path: PLANS,
      query: { pagesize: '5' },
      body: undefined,
      response: null,
    });
    const activate = validateExchange({
      method: 'POST',
      path: `${PLANS}/P-1/activate`,
      body: {},
      response: null,
    });

    expect(create).toEqual([
      'request /billing_cycles/0/pricing_scheme/version: readOnly member must not be sent here',
    ]);
    expect(list).toEqual(['query pagesize: not a parameter of this operation']);
    expect(activate).toEqual(['request: this operation takes no body']);
  });
});
