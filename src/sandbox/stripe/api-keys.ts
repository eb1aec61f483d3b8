// Stripe's API keys (reference §2): the key is the HTTP Basic user name with an empty password, or
// (inferred, what the SDKs send) a Bearer token. The key's prefix decides the mode: `sk_live_` and
// `rk_live_` answer with `livemode: true`. A read-only restricted key may read but not write (403).

import { timingSafeEqual } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { errorResponse } from './errors.js';

export interface StripeApiKey {
  key: string;
  /** Read on Products and Prices only: any POST or DELETE answers 403. */
  readOnly?: boolean;
}

export interface ResolvedKey {
  key: string;
  livemode: boolean;
  readOnly: boolean;
}

export function isLiveKey(key: string): boolean {
  return key.startsWith('sk_live_') || key.startsWith('rk_live_');
}

export class ApiKeys {
  readonly #keys: readonly StripeApiKey[];

  constructor(keys: readonly StripeApiKey[]) {
    this.#keys = keys;
  }

  get secrets(): string[] {
    return this.#keys.flatMap(({ key }) => [key, Buffer.from(`${key}:`, 'utf8').toString('base64')]);
  }

  /** The configured key the request carries, or undefined. */
  resolve(request: EmulatorRequest): ResolvedKey | undefined {
    const given = presentedKey(request);
    if (given === undefined) return undefined;
    const found = this.#keys.find(({ key }) => sameText(key, given));
    if (found === undefined) return undefined;
    return { key: found.key, livemode: isLiveKey(found.key), readOnly: found.readOnly === true };
  }
}

/** The key in `Authorization`, Basic (user name, empty password) or Bearer; undefined when none. */
function presentedKey(request: EmulatorRequest): string | undefined {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const bearer = /^Bearer (\S+)$/i.exec(value);
  if (bearer?.[1] !== undefined) return bearer[1];
  const basic = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(value);
  if (basic?.[1] === undefined) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Stripe ignores the password; the reference's examples send none (`curl -u sk_test_…:`).
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  return user === '' ? undefined : user;
}

/** Stripe's 401: an invalid-request error (reference §2), the key masked but for its last four. */
export function unauthorized(request: EmulatorRequest): EmulatorResponse {
  const given = presentedKey(request);
  const message =
    given === undefined
      ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
      : `Invalid API Key provided: ${masked(given)}`;
  return errorResponse(401, { type: 'invalid_request_error', message });
}

/** Inferred wording of the 403 a read-only restricted key meets on a write. */
export function forbidden(key: string): EmulatorResponse {
  return errorResponse(403, {
    type: 'invalid_request_error',
    message: `The provided key '${masked(key)}' does not have the required permissions for this endpoint. Having the 'rak_product_write' permission would allow this request to continue.`,
  });
}

function masked(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}****${key.slice(-4)}`;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
