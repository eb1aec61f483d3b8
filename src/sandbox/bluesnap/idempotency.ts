// BlueSnap's `idempotency-key` semantics for POST: a key is kept 24 hours; the same key with the same
// request replays the first response, with a different request it is refused (422, 60101), and while
// the first request is still being processed it is refused too (409, 60102). plansync relies on this to
// retry a create whose response was lost without creating the plan twice.

import { requestFingerprint, type EmulatorRequest, type EmulatorResponse } from '../kit/index.js';
import { type BlueSnapErrorItem, errorItem, errorResponse } from './errors.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 64;

interface KeyRecord {
  fingerprint: string;
  claimedAt: number;
  /** Undefined while the first request is in progress. */
  response: EmulatorResponse | undefined;
}

export type IdempotencyOutcome =
  | { kind: 'proceed'; finish(response: EmulatorResponse): void }
  | { kind: 'respond'; response: EmulatorResponse };

export class IdempotencyKeys {
  readonly #records = new Map<string, KeyRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /**
   * Decides what to do with a POST. `finish` must be called with the handler's response; the key stays
   * "in progress" until that response has left (or its connection dropped), as on a real server.
   * Inferred: only successful responses are kept, so a request refused by validation can be corrected
   * and sent again under the same key.
   */
  begin(request: EmulatorRequest): IdempotencyOutcome {
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return { kind: 'proceed', finish: () => undefined };
    const key = Array.isArray(header) ? header.join(',') : header;
    const invalid = keyError(key);
    if (invalid !== undefined) return { kind: 'respond', response: errorResponse(400, [invalid]) };

    const now = this.#now();
    const fingerprint = requestFingerprint(request);
    const existing = this.#records.get(key);
    if (existing !== undefined && now - existing.claimedAt < IDEMPOTENCY_TTL_MS) {
      return { kind: 'respond', response: answerForReuse(existing, fingerprint) };
    }

    const record: KeyRecord = { fingerprint, claimedAt: now, response: undefined };
    this.#records.set(key, record);
    return {
      kind: 'proceed',
      finish: (response) => {
        void request.settled.then(() => {
          if (response.status >= 200 && response.status < 300) record.response = response;
          else this.#records.delete(key);
        });
      },
    };
  }
}

function answerForReuse(existing: KeyRecord, fingerprint: string): EmulatorResponse {
  if (existing.response === undefined) {
    return errorResponse(409, [
      errorItem(
        'REQUEST_WITH_SAME_IDEMPOTENCY_KEY_ALREADY_IN_PROGRESS',
        'A request with the same idempotency-key is still being processed.',
      ),
    ]);
  }
  if (existing.fingerprint !== fingerprint) {
    return errorResponse(422, [
      errorItem(
        'SAME_IDEMPOTENCY_KEY_WAS_ALREADY_IN_USE_WITH_PREVIOUS_DIFFERENT_REQUEST',
        'The idempotency-key was already used with a different request.',
      ),
    ]);
  }
  return existing.response;
}

function keyError(key: string): BlueSnapErrorItem | undefined {
  if (key.length > MAX_KEY_LENGTH) {
    return errorItem(
      'IDEMPOTENCY_KEY_MAX_LENGTH_LIMIT_EXCEEDED',
      `The idempotency-key header exceeds the maximum length of ${MAX_KEY_LENGTH} characters.`,
    );
  }
  if (!/^[A-Za-z0-9-]+$/.test(key)) {
    return errorItem(
      'INVALID_IDEMPOTENCY_KEY',
      'The idempotency-key header can only contain alphanumeric characters or hyphens.',
    );
  }
  return undefined;
}
