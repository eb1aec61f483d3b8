// The `PayPal-Request-Id` replay store for Create Plan (reference §3, §9): a key is kept 72 hours; the
// same key again answers 200 with the plan it created and creates nothing. Only successful creates are
// remembered, so a request refused by validation can be corrected and sent again under the same key.
// Inferred: the same key with a different body is refused (422 PAYPAL_REQUEST_ID_PREVIOUSLY_USED, the
// issue PayPal's Orders API uses), rather than silently answering with an unrelated plan.

import { requestFingerprint, type EmulatorRequest } from '../kit/index.js';

export const REQUEST_ID_HEADER = 'paypal-request-id';
export const REQUEST_ID_TTL_MS = 72 * 60 * 60 * 1000;

interface KeyRecord {
  fingerprint: string;
  planId: string;
  storedAt: number;
}

export type RequestIdLookup =
  { kind: 'new'; key: string | undefined } | { kind: 'replay'; planId: string } | { kind: 'conflict' };

export class RequestIds {
  readonly #records = new Map<string, KeyRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  lookup(request: EmulatorRequest): RequestIdLookup {
    const key = requestId(request);
    if (key === undefined) return { kind: 'new', key };
    const record = this.#records.get(key);
    if (record === undefined || this.#now() - record.storedAt >= REQUEST_ID_TTL_MS) {
      this.#records.delete(key);
      return { kind: 'new', key };
    }
    return record.fingerprint === requestFingerprint(request)
      ? { kind: 'replay', planId: record.planId }
      : { kind: 'conflict' };
  }

  remember(key: string, request: EmulatorRequest, planId: string): void {
    this.#records.set(key, { fingerprint: requestFingerprint(request), planId, storedAt: this.#now() });
  }
}

function requestId(request: EmulatorRequest): string | undefined {
  const header = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(header) ? header.join(',') : header;
  return value === undefined || value.trim() === '' ? undefined : value;
}
