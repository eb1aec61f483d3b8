// Test client for the Constant Contact partner emulator: real HTTP over loopback with undici, a partner
// JWT fetched once per emulator, both required headers by default, and the answer read once into
// status, headers, text and parsed JSON. Rate limits are off unless a test turns them on, so rule tests
// never trip over them.

import { send, type CallResult } from '../support/send.js';
import {
  type ConstantContactEmulator,
  type ConstantContactEmulatorOptions,
  TOKEN_PATH,
  startConstantContactEmulator,
} from '../../../src/sandbox/constantcontact/index.js';

/** Deliberately different from the demo credentials, so tests never depend on them. */
export const TEST_CREDENTIALS = {
  apiKey: 'cc-test-api-key-7d41c2',
  clientId: 'cc-test-partner-client',
  clientSecret: 'cc-test-partner-secret-93ab',
};

export const ACCOUNTS = '/v3/partner/accounts';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const TOKEN_QUERY = '?grant_type=client_credentials&scope=v3api/general.partner';

const running: ConstantContactEmulator[] = [];
const tokens = new WeakMap<ConstantContactEmulator, string>();

export async function startTestEmulator(
  options: Partial<ConstantContactEmulatorOptions> = {},
): Promise<ConstantContactEmulator> {
  const emulator = await startConstantContactEmulator({
    credentials: TEST_CREDENTIALS,
    requestsPerSecond: Infinity,
    requestsPerDay: Infinity,
    ...options,
  });
  running.push(emulator);
  return emulator;
}

export async function closeTestEmulators(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

/** A settable clock for token expiry, the day and billing days. */
export function testClock(start = Date.UTC(2024, 6, 9, 12, 0, 0)): {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

export function basicAuth(id = TEST_CREDENTIALS.clientId, secret = TEST_CREDENTIALS.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
}

export async function fetchToken(emulator: ConstantContactEmulator): Promise<string> {
  const response = await call(emulator, 'POST', `${TOKEN_PATH}${TOKEN_QUERY}`, {
    authorization: basicAuth(),
    apiKey: null,
    headers: FORM,
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
  /** The Authorization header; null sends none. Default: `Bearer <jwt>`, fetched once per emulator. */
  authorization?: string | null;
  /** The x-api-key header; null sends none. Default: the test key. */
  apiKey?: string | null;
}

export type { CallResult } from '../support/send.js';

/** `path` is relative to the origin: `/v3/...` for the API, TOKEN_PATH for tokens. */
export async function call(
  emulator: ConstantContactEmulator,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const authorization =
    options.authorization === undefined ? `Bearer ${await token(emulator)}` : options.authorization;
  const apiKey = options.apiKey === undefined ? TEST_CREDENTIALS.apiKey : options.apiKey;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(options.body !== undefined &&
      typeof options.body !== 'string' && { 'content-type': 'application/json' }),
    ...(authorization !== null && { authorization }),
    ...(apiKey !== null && { 'x-api-key': apiKey }),
    ...options.headers,
  };
  return send(`${emulator.origin}${path}`, { method, headers, body: options.body });
}

async function token(emulator: ConstantContactEmulator): Promise<string> {
  let value = tokens.get(emulator);
  if (value === undefined) {
    value = await fetchToken(emulator);
    tokens.set(emulator, value);
  }
  return value;
}

/** Forgets the cached token, e.g. after `expireTokens()`. */
export function forgetToken(emulator: ConstantContactEmulator): void {
  tokens.delete(emulator);
}

export function planPath(id: string): string {
  return `${ACCOUNTS}/${id}/plan`;
}

export function cancelPath(id: string): string {
  return `${ACCOUNTS}/${id}/status/cancel`;
}

/** `error_key`s of an array error body. */
export function errorKeys(json: unknown): string[] {
  return Array.isArray(json) ? json.map((item) => (item as { error_key?: string }).error_key ?? '') : [];
}
