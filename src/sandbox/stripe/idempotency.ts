// Stripe's idempotent requests (reference §9) for POSTs: the first answer under an `Idempotency-Key`
// is replayed (status and body, errors included) for 24 hours; the same key with other parameters or
// on another endpoint is a 400 `idempotency_error`; while the first request runs, the key is in use
// (409). Not kept: refusals of the parameters before the endpoint ran (so a corrected request may reuse
// the key) — and the 429s and 401s the kit answers before any handler runs.

import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { errorResponse } from './errors.js';
import type { FormObject } from './form.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

interface KeyRecord {
  endpoint: string;
  fingerprint: string;
  claimedAt: number;
  /** Undefined while the first request is in progress. */
  response: EmulatorResponse | undefined;
}

export type IdempotencyOutcome =
  /** `keep` false: the endpoint never ran (its parameters were refused), so nothing is stored. */
  | { kind: 'proceed'; finish(response: EmulatorResponse, keep: boolean): void }
  | { kind: 'respond'; response: EmulatorResponse };

export class IdempotencyKeys {
  readonly #records = new Map<string, KeyRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** `scope` keeps test-mode and live-mode keys apart, as two modes are two key spaces. */
  begin(request: EmulatorRequest, form: FormObject, scope: string): IdempotencyOutcome {
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return { kind: 'proceed', finish: () => undefined };
    const key = Array.isArray(header) ? header.join(',') : header;
    if (key === '' || key.length > MAX_KEY_LENGTH) {
      const response = errorResponse(400, {
        type: 'invalid_request_error',
        message: `Idempotency keys must be 1 to ${MAX_KEY_LENGTH} characters long.`,
      });
      return { kind: 'respond', response };
    }

    const now = this.#now();
    const endpoint = `${request.method} ${request.path}`;
    const fingerprint = JSON.stringify(sortKeys(form));
    const stored = `${scope} ${key}`;
    const existing = this.#records.get(stored);
    if (existing !== undefined && now - existing.claimedAt < IDEMPOTENCY_TTL_MS) {
      return { kind: 'respond', response: answerForReuse(existing, key, endpoint, fingerprint) };
    }

    const record: KeyRecord = { endpoint, fingerprint, claimedAt: now, response: undefined };
    this.#records.set(stored, record);
    return {
      kind: 'proceed',
      finish: (response, keep) => {
        // In use until the answer has left (or its connection dropped), as on a real server.
        void request.settled.then(() => {
          if (!keep) this.#records.delete(stored);
          else record.response = response;
        });
      },
    };
  }
}

function answerForReuse(
  existing: KeyRecord,
  key: string,
  endpoint: string,
  fingerprint: string,
): EmulatorResponse {
  if (existing.response === undefined) {
    return errorResponse(409, {
      type: 'invalid_request_error',
      code: 'idempotency_key_in_use',
      message: `There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    });
  }
  if (existing.endpoint !== endpoint) {
    return errorResponse(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  if (existing.fingerprint !== fingerprint) {
    return errorResponse(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  return {
    ...existing.response,
    headers: { ...existing.response.headers, 'idempotent-replayed': 'true' },
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}
