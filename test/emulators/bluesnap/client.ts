// Test client for the BlueSnap emulator: real HTTP over loopback with undici, Basic auth by default,
// and the response read once into status, headers, text and parsed JSON.

import { send, type CallResult } from '../support/send.js';
import {
  type BlueSnapEmulator,
  type BlueSnapEmulatorOptions,
  type BlueSnapWirePlan,
  startBlueSnapEmulator,
} from '../../../src/sandbox/bluesnap/index.js';

/** Deliberately different from the demo credentials, so tests never depend on them. */
export const TEST_CREDENTIALS = { username: 'merchant-under-test', password: 'Pa55-only-for-tests' };

const running: BlueSnapEmulator[] = [];

/** Starts an emulator with the test credentials; `closeTestEmulators` (in afterEach) stops it. */
export async function startTestEmulator(
  options: Partial<BlueSnapEmulatorOptions> = {},
): Promise<BlueSnapEmulator> {
  const emulator = await startBlueSnapEmulator({ credentials: TEST_CREDENTIALS, ...options });
  running.push(emulator);
  return emulator;
}

export async function closeTestEmulators(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

export function basicAuth(
  username = TEST_CREDENTIALS.username,
  password = TEST_CREDENTIALS.password,
): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export interface CallOptions {
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The Authorization header; null sends none. Default: valid Basic credentials. */
  authorization?: string | null;
  signal?: AbortSignal;
}

export type { CallResult } from '../support/send.js';

/** Calls `path` relative to the emulator's base URL (`/recurring/plans…`). */
export async function call(
  emulator: Pick<BlueSnapEmulator, 'baseUrl'>,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const authorization = options.authorization === undefined ? basicAuth() : options.authorization;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(options.body !== undefined && { 'content-type': 'application/json' }),
    ...(authorization !== null && { authorization }),
    ...options.headers,
  };
  return send(`${emulator.baseUrl}${path}`, { method, headers, body: options.body, signal: options.signal });
}

/** The errorName of each item of a BlueSnap error body. */
export function errorNames(json: unknown): string[] {
  const items = (json as { message?: Array<{ errorName?: string }> } | undefined)?.message ?? [];
  return items.map((item) => item.errorName ?? '');
}

export function errorCodes(json: unknown): string[] {
  const items = (json as { message?: Array<{ code?: string }> } | undefined)?.message ?? [];
  return items.map((item) => item.code ?? '');
}

export const GOLD_PLAN = {
  chargeFrequency: 'MONTHLY',
  name: 'Gold Plan',
  currency: 'USD',
  recurringChargeAmount: 29.99,
} as const;

/** A small account: one plan of each kind the PUT rules care about. */
export const TEST_SEED: BlueSnapWirePlan[] = [
  {
    planId: 500,
    name: 'Plain',
    recurringChargeAmount: 29.99,
    currency: 'USD',
    chargeFrequency: 'MONTHLY',
    status: 'ACTIVE',
  },
  {
    planId: 501,
    name: 'With trial',
    recurringChargeAmount: 10,
    currency: 'EUR',
    chargeFrequency: 'WEEKLY',
    trialPeriodDays: 7,
    status: 'ACTIVE',
  },
  {
    planId: 502,
    name: 'With extras',
    recurringChargeAmount: 99.5,
    currency: 'GBP',
    chargeFrequency: 'ANNUALLY',
    initialChargeAmount: 20,
    gracePeriodDays: 3,
    maxNumberOfCharges: 5,
    chargeOnPlanSwitch: true,
    status: 'INACTIVE',
  },
];

/** Polls until `condition` holds, e.g. until the emulator has logged a request that is still open. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
