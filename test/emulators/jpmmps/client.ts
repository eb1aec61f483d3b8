// Test client for the J.P. Morgan MPS emulator: real HTTP over loopback with undici, the documented
// headers (x-api-key, Accept-Language, Content-Type on bodies) by default, and the answer read once into
// status, headers, text and parsed JSON.

import { send, type CallResult } from '../support/send.js';
import {
  type JpmMpsEmulator,
  type JpmMpsEmulatorOptions,
  type JpmMpsPlanInput,
  startJpmMpsEmulator,
} from '../../../src/sandbox/jpmmps/index.js';

/** Deliberately different from the demo credentials, so tests never depend on them. */
export const TEST_KEY = 'mps-test-merchant-key-4f9a2c71';

export const PLANS = '/plans';

const running: JpmMpsEmulator[] = [];

export async function startTestEmulator(
  options: Partial<JpmMpsEmulatorOptions> = {},
): Promise<JpmMpsEmulator> {
  const emulator = await startJpmMpsEmulator({ credentials: { apiKey: TEST_KEY }, ...options });
  running.push(emulator);
  return emulator;
}

export async function closeTestEmulators(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

/** A settable clock for timestamps. */
export function testClock(start = Date.UTC(2025, 0, 1, 0, 0, 0)): {
  now: () => number;
  advance(ms: number): void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

export interface CallOptions {
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  /** Extra headers; a null value removes a default one. */
  headers?: Record<string, string | null>;
}

export type { CallResult } from '../support/send.js';

/** `path` is relative to the emulator's base URL (`/plans`, `/plans/<id>?…`). */
export async function call(
  emulator: JpmMpsEmulator,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const merged: Record<string, string | null> = {
    accept: 'application/json',
    'accept-language': 'en-US',
    'x-api-key': TEST_KEY,
    ...(options.body !== undefined && { 'content-type': 'application/json' }),
    ...options.headers,
  };
  const headers = Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return send(`${emulator.baseUrl}${path}`, { method, headers, body: options.body });
}

/** `field` of each validation error in the default error body. */
export function fieldsAtFault(json: unknown): string[] {
  return ((json as { errors?: Array<{ field: string }> } | undefined)?.errors ?? []).map((e) => e.field);
}

/** The reference's create example (trial of 1 day, then charged 4 times, monthly). */
export function planBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Premium',
    description: 'Premium sub for only 90.99 EUR!',
    recurrentAmount: 90.99,
    currencyIsoCode: 'EUR',
    trialDurationPeriod: 1,
    trialDurationUnit: 'day',
    billingOccurrence: 1,
    billingUnit: 'month',
    billingCycles: 4,
    prepaid: true,
    ...overrides,
  };
}

export const LIVE_ID = 'SubscriptionPlan-11111111-1111-4111-8111-111111111111';
export const DELETED_ID = 'SubscriptionPlan-22222222-2222-4222-8222-222222222222';

export const TEST_SEED: JpmMpsPlanInput[] = [
  {
    id: LIVE_ID,
    createdAt: '2024-05-01T10:00:00.00Z',
    name: 'Live',
    description: 'A live plan',
    recurrentAmount: 10,
    currencyIsoCode: 'EUR',
    trialDurationPeriod: 7,
    trialDurationUnit: 'day',
    billingOccurrence: 1,
    billingUnit: 'month',
    billingCycles: 12,
    prepaid: false,
  },
  {
    id: DELETED_ID,
    createdAt: '2024-04-01T10:00:00.00Z',
    deletedAt: '2024-04-02T10:00:00.00Z',
    name: 'Gone',
    description: 'A deleted plan',
    recurrentAmount: 5,
    currencyIsoCode: 'USD',
    billingOccurrence: 1,
    billingUnit: 'year',
    billingCycles: -1,
  },
];
