// Test client for the PayPal emulator: real HTTP over loopback with undici, a Bearer token fetched once
// per emulator, and the response read once into status, headers, text and parsed JSON.

import { send, type CallResult } from '../support/send.js';
import {
  type PayPalEmulator,
  type PayPalEmulatorOptions,
  type PayPalPlanInput,
  startPayPalEmulator,
} from '../../../src/sandbox/paypal/index.js';

/** Deliberately different from the demo credentials, so tests never depend on them. */
export const TEST_CREDENTIALS = {
  clientId: 'AeTestClient-0f3b9c2d7e',
  clientSecret: 'EKtestSecret-only-for-tests-5a1c',
};

export const PRODUCT_ID = 'PROD-TESTPRODUCT00001';
export const OTHER_PRODUCT_ID = 'PROD-TESTPRODUCT00002';

const running: PayPalEmulator[] = [];
const tokens = new WeakMap<PayPalEmulator, string>();

/** Starts an emulator with the test credentials and products; `closeTestEmulators` stops it. */
export async function startTestEmulator(
  options: Partial<PayPalEmulatorOptions> = {},
): Promise<PayPalEmulator> {
  const emulator = await startPayPalEmulator({
    credentials: TEST_CREDENTIALS,
    products: [PRODUCT_ID, OTHER_PRODUCT_ID],
    ...options,
  });
  running.push(emulator);
  return emulator;
}

export async function closeTestEmulators(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

export function basicAuth(id = TEST_CREDENTIALS.clientId, secret = TEST_CREDENTIALS.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
}

export async function fetchToken(emulator: PayPalEmulator): Promise<string> {
  const response = await call(emulator, 'POST', '/v1/oauth2/token', {
    authorization: basicAuth(),
    body: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const token = (response.json as { access_token?: string } | undefined)?.access_token;
  if (response.status !== 200 || token === undefined)
    throw new Error(`token request failed: ${response.text}`);
  return token;
}

export interface CallOptions {
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The Authorization header; null sends none. Default: a Bearer token fetched once per emulator. */
  authorization?: string | null;
  /** `Prefer: return=representation`. */
  full?: boolean;
}

export type { CallResult } from '../support/send.js';

export async function call(
  emulator: PayPalEmulator,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const authorization = options.authorization === undefined ? await bearer(emulator) : options.authorization;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(options.body !== undefined &&
      typeof options.body !== 'string' && { 'content-type': 'application/json' }),
    ...(authorization !== null && { authorization }),
    ...(options.full === true && { prefer: 'return=representation' }),
    ...options.headers,
  };
  return send(`${emulator.baseUrl}${path}`, { method, headers, body: options.body });
}

async function bearer(emulator: PayPalEmulator): Promise<string> {
  let token = tokens.get(emulator);
  if (token === undefined) {
    token = await fetchToken(emulator);
    tokens.set(emulator, token);
  }
  return `Bearer ${token}`;
}

interface ErrorJson {
  name?: string;
  details?: Array<{ issue?: string; field?: string; description?: string }>;
}

/** `issue` of each detail of a PayPal error body. */
export function issues(json: unknown): string[] {
  return ((json as ErrorJson | undefined)?.details ?? []).map((item) => item.issue ?? '');
}

/** `issue field` of each detail, for asserting which member was blamed. */
export function issuesAt(json: unknown): string[] {
  return ((json as ErrorJson | undefined)?.details ?? []).map(
    (item) => `${item.issue ?? ''} ${item.field ?? ''}`,
  );
}

export function errorName(json: unknown): string | undefined {
  return (json as ErrorJson | undefined)?.name;
}

const usd = (value: string) => ({ currency_code: 'USD', value });

/** A valid create body: a 2-cycle plan (paid trial, then monthly). */
export function planBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    product_id: PRODUCT_ID,
    name: 'Basic',
    description: 'Basic plan',
    billing_cycles: [
      {
        frequency: { interval_unit: 'MONTH', interval_count: 1 },
        tenure_type: 'TRIAL',
        sequence: 1,
        total_cycles: 1,
        pricing_scheme: { fixed_price: usd('1') },
      },
      {
        frequency: { interval_unit: 'MONTH', interval_count: 1 },
        tenure_type: 'REGULAR',
        sequence: 2,
        total_cycles: 0,
        pricing_scheme: { fixed_price: usd('10') },
      },
    ],
    payment_preferences: { auto_bill_outstanding: true, payment_failure_threshold: 2 },
    taxes: { percentage: '10', inclusive: false },
    ...overrides,
  };
}

/** A valid tiered (VOLUME) regular cycle starting at `sequence`. */
export function tieredCycle(sequence = 1): Record<string, unknown> {
  return {
    frequency: { interval_unit: 'MONTH', interval_count: 1 },
    tenure_type: 'REGULAR',
    sequence,
    total_cycles: 0,
    pricing_scheme: {
      pricing_model: 'VOLUME',
      tiers: [
        { starting_quantity: '1', ending_quantity: '10', amount: usd('5') },
        { starting_quantity: '11', amount: usd('4') },
      ],
    },
  };
}

export const ACTIVE_ID = 'P-TESTACTIVE0000000000001';
export const INACTIVE_ID = 'P-TESTINACTIVE00000000002';
export const CREATED_ID = 'P-TESTCREATED000000000003';
export const TIERED_ID = 'P-TESTTIERED0000000000004';

const monthly = { interval_unit: 'MONTH', interval_count: 1 } as const;
const preferences = {
  auto_bill_outstanding: true,
  setup_fee_failure_action: 'CANCEL',
  payment_failure_threshold: 0,
} as const;

/** Plans of each status, one with a free trial and taxes, one tiered without taxes. */
export const TEST_SEED: PayPalPlanInput[] = [
  {
    id: ACTIVE_ID,
    product_id: PRODUCT_ID,
    name: 'Active',
    status: 'ACTIVE',
    billing_cycles: [
      { frequency: monthly, tenure_type: 'TRIAL', sequence: 1, total_cycles: 1 },
      {
        frequency: monthly,
        tenure_type: 'REGULAR',
        sequence: 2,
        total_cycles: 0,
        pricing_scheme: { fixed_price: usd('10') },
      },
    ],
    payment_preferences: preferences,
    taxes: { percentage: '5', inclusive: true },
    quantity_supported: false,
  },
  {
    id: INACTIVE_ID,
    product_id: PRODUCT_ID,
    name: 'Inactive',
    status: 'INACTIVE',
    billing_cycles: [
      {
        frequency: monthly,
        tenure_type: 'REGULAR',
        sequence: 1,
        total_cycles: 0,
        pricing_scheme: { fixed_price: usd('8') },
      },
    ],
    payment_preferences: preferences,
    quantity_supported: false,
  },
  {
    id: CREATED_ID,
    product_id: OTHER_PRODUCT_ID,
    name: 'Created',
    status: 'CREATED',
    billing_cycles: [
      {
        frequency: monthly,
        tenure_type: 'REGULAR',
        sequence: 1,
        total_cycles: 12,
        pricing_scheme: { fixed_price: usd('3') },
      },
    ],
    payment_preferences: preferences,
    quantity_supported: false,
  },
  {
    id: TIERED_ID,
    product_id: OTHER_PRODUCT_ID,
    name: 'Tiered',
    status: 'ACTIVE',
    billing_cycles: [
      {
        frequency: monthly,
        tenure_type: 'REGULAR',
        sequence: 1,
        total_cycles: 0,
        pricing_scheme: {
          pricing_model: 'TIERED',
          tiers: [
            { starting_quantity: '1', ending_quantity: '5', amount: usd('7') },
            { starting_quantity: '6', amount: usd('6') },
          ],
        },
      },
    ],
    payment_preferences: preferences,
    quantity_supported: true,
  },
];
