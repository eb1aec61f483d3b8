// Test client for the Stripe emulator: real HTTP over loopback with undici, the secret key as Basic
// user name by default, form-encoded parameters (flat bracketed keys, as plansync sends them), and the
// answer read once into status, headers, text and parsed JSON.

import {
  type StripeEmulator,
  type StripeEmulatorOptions,
  startStripeEmulator,
} from '../../../src/sandbox/stripe/index.js';
import { type CallResult, send } from '../support/send.js';

/** Deliberately different from the demo key, so tests never depend on it. */
export const TEST_KEY = 'sk_test_emulator_under_test_0001';
export const LIVE_KEY = 'sk_live_emulator_under_test_0002';
export const READ_ONLY_KEY = 'rk_test_emulator_read_only_0003';

const running: StripeEmulator[] = [];

/** Starts an emulator with the test key and no rate limit; `closeTestEmulators` (afterEach) stops it. */
export async function startTestEmulator(
  options: Partial<StripeEmulatorOptions> = {},
): Promise<StripeEmulator> {
  const emulator = await startStripeEmulator({
    credentials: { secretKey: TEST_KEY },
    rateLimit: null,
    ...options,
  });
  running.push(emulator);
  return emulator;
}

export async function closeTestEmulators(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

export function basicAuth(key = TEST_KEY): string {
  return `Basic ${Buffer.from(`${key}:`, 'utf8').toString('base64')}`;
}

/** Parameters as flat bracketed pairs; an array keeps repeated keys (`expand[]` twice). */
export type Form = Record<string, string | number | boolean> | Array<[string, string]>;

export interface CallOptions {
  form?: Form;
  headers?: Record<string, string>;
  /** The Authorization header; null sends none. Default: Basic with the test key. */
  authorization?: string | null;
  signal?: AbortSignal;
}

export type { CallResult } from '../support/send.js';

export function encode(form: Form): string {
  const pairs: Array<[string, string]> = Array.isArray(form)
    ? form
    : Object.entries(form).map(([key, value]) => [key, String(value)]);
  return new URLSearchParams(pairs).toString();
}

/** Calls `path` (`/v1/…`); a GET's form goes in the query string, a write's in the body. */
export async function call(
  emulator: Pick<StripeEmulator, 'baseUrl'>,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const authorization = options.authorization === undefined ? basicAuth() : options.authorization;
  const inQuery = method === 'GET' && options.form !== undefined;
  const body = method !== 'GET' && options.form !== undefined ? encode(options.form) : undefined;
  const headers: Record<string, string> = {
    ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
    ...(authorization !== null && { authorization }),
    ...options.headers,
  };
  const url = `${emulator.baseUrl}${path}${inQuery ? `?${encode(options.form ?? {})}` : ''}`;
  return send(url, { method, headers, body, signal: options.signal });
}

export interface StripeErrorJson {
  type?: string;
  code?: string;
  param?: string;
  message?: string;
}

export function stripeError(result: CallResult): StripeErrorJson {
  return (result.json as { error?: StripeErrorJson } | undefined)?.error ?? {};
}

export function body<T = Record<string, unknown>>(result: CallResult): T {
  return result.json as T;
}

export const MONTHLY = { 'recurring[interval]': 'month' } as const;

/** Creates a product with a caller-chosen id through the API; throws unless it answers 200. */
export async function createProduct(emulator: StripeEmulator, id: string, extra: Form = {}): Promise<void> {
  const result = await call(emulator, 'POST', '/v1/products', {
    form: { id, name: `Product ${id}`, ...extra },
  });
  if (result.status !== 200) throw new Error(`create product ${id}: ${result.status} ${result.text}`);
}

/** Creates a price through the API and returns its id; throws unless it answers 200. */
export async function createPrice(
  emulator: StripeEmulator,
  form: Record<string, string | number | boolean>,
): Promise<string> {
  const result = await call(emulator, 'POST', '/v1/prices', { form: { currency: 'usd', ...form } });
  if (result.status !== 200) throw new Error(`create price: ${result.status} ${result.text}`);
  return (result.json as { id: string }).id;
}

/** Polls until `condition` holds, e.g. until the emulator has logged a request that is still open. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
