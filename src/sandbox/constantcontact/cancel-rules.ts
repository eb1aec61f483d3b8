// PUT /partner/accounts/{id}/status/cancel (reference §4.5). The body is optional; `effective_date`
// defaults to now and may lie in the future (the account keeps its status until then, on the emulator
// clock); `reason_id` must be one of the documented reasons. The answer echoes the cancellation.

import type { EmulatorResponse, JsonParseResult } from '../kit/index.js';
import type { ConstantContactAccount } from './account-types.js';
import { ERROR_KEYS, apiError, validationError } from './errors.js';

/** Documented cancellation reasons (reference §4.5). */
const CANCEL_REASONS: Readonly<Record<number, string>> = {
  1: 'Cost too high',
  2: 'Using a competitive service',
  3: 'Not doing email marketing',
  11: 'Something missing or not working',
  12: 'Doing it in-house',
  14: 'Poor results',
  21: 'Too difficult to use',
  27: 'Canceled online by customer',
  30: 'Dissatisfied with billing policies',
};

/** What cancelling an already canceled account does (reference §4.5 leaves 400 or a no-op open). */
export type RecancelBehaviour = 'error' | 'no-op';

export interface Cancellation {
  effectiveAt: number;
  reason_id?: number;
}

export type CancelCheck =
  { ok: true; cancellation: Cancellation } | { ok: false; response: EmulatorResponse };

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function checkCancellation(
  account: ConstantContactAccount,
  json: JsonParseResult,
  now: number,
  recancel: RecancelBehaviour,
): CancelCheck {
  if (json.kind === 'invalid')
    return fail(apiError(400, ERROR_KEYS.malformed, 'The request body is malformed JSON.'));
  const body = json.kind === 'empty' ? {} : json.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(validationError('The request body must be an AccountCancellation object.'));
  }
  const fields = body as Record<string, unknown>;
  const reason = fields.reason_id ?? undefined;
  if (reason !== undefined && (typeof reason !== 'number' || CANCEL_REASONS[reason] === undefined)) {
    return fail(validationError(`reason_id must be one of ${Object.keys(CANCEL_REASONS).join(', ')}.`));
  }
  const date = fields.effective_date ?? undefined;
  let effectiveAt = now;
  if (date !== undefined) {
    const parsed = typeof date === 'string' && ISO_DATE_TIME.test(date) ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(parsed)) return fail(validationError('effective_date must be an ISO-8601 date-time.'));
    effectiveAt = parsed;
  }
  if (account.billing_status === 'Canceled' && recancel === 'error') {
    return fail(validationError(`The client account ${account.encoded_account_id} is already canceled.`));
  }
  const cancellation: Cancellation = { effectiveAt };
  if (reason !== undefined) cancellation.reason_id = reason;
  return { ok: true, cancellation };
}

/** The 200 body: what was applied, `effective_date` always present (`…T22:09:15.000Z` style). */
export function cancellationView(cancellation: Cancellation): { effective_date: string; reason_id?: number } {
  const view: { effective_date: string; reason_id?: number } = {
    effective_date: new Date(cancellation.effectiveAt).toISOString(),
  };
  if (cancellation.reason_id !== undefined) view.reason_id = cancellation.reason_id;
  return view;
}

function fail(response: EmulatorResponse): CancelCheck {
  return { ok: false, response };
}
