// Constant Contact's error bodies (reference §6). Validation and business errors are an array of
// `{error_key, error_message}`; authorization errors a single object; the gateway in front of the API
// answers 429 and 5xx with a short `{message}`; the Cognito-style token endpoint uses OAuth's `{error}`.
// Error keys are illustrative (the reference says so); clients must branch on the status, not the key.

import type { EmulatorResponse } from '../kit/index.js';

export interface ConstantContactError {
  error_key: string;
  error_message: string;
}

export const ERROR_KEYS = {
  validation: 'partner.api.validation.error',
  malformed: 'partner.api.malformed.json',
  notFound: 'partner.api.not.found',
  foreign: 'partner.api.account.not.owned',
  conflict: 'partner.api.conflict',
  unsupportedMediaType: 'partner.api.unsupported.media.type',
  methodNotAllowed: 'partner.api.method.not.allowed',
} as const;

/** Reference §7, verbatim. */
export const RATE_LIMIT_MESSAGE = 'Too many requests. You exceeded the request rate limit.';

export function apiError(status: number, key: string, message: string): EmulatorResponse {
  return { status, body: [{ error_key: key, error_message: message }] satisfies ConstantContactError[] };
}

export function apiErrors(status: number, errors: readonly ConstantContactError[]): EmulatorResponse {
  return { status, body: [...errors] };
}

export function validationError(message: string): EmulatorResponse {
  return apiError(400, ERROR_KEYS.validation, message);
}

export function unauthorizedResponse(): EmulatorResponse {
  return { status: 401, body: { error_key: 'unauthorized', error_message: 'Unauthorized' } };
}

export function rateLimitedResponse(): EmulatorResponse {
  // No Retry-After: none is documented (reference §7); a status fault can add one.
  return { status: 429, body: { message: RATE_LIMIT_MESSAGE } };
}

export function oauthError(status: number, error: string): EmulatorResponse {
  return { status, body: { error } };
}

/** Default body of a `status` fault and of a handler that threw: gateway style for 429/5xx. */
export function faultBody(status: number): unknown {
  if (status === 429) return { message: RATE_LIMIT_MESSAGE };
  if (status === 503) return { message: 'Service Unavailable' };
  if (status >= 500) return { message: 'Internal server error' };
  if (status === 401) return { error_key: 'unauthorized', error_message: 'Unauthorized' };
  return [{ error_key: ERROR_KEYS.validation, error_message: `Request failed with status ${status}.` }];
}

/** JSON bodies must say so; an empty body needs no content type (every PlanInfo field is optional). */
export function unsupportedMediaType(
  headers: Record<string, unknown>,
  rawBody: string,
): EmulatorResponse | undefined {
  if (rawBody.trim() === '') return undefined;
  const type = headers['content-type'];
  if (typeof type === 'string' && /^application\/([a-z0-9.+-]*\+)?json\b/i.test(type.trim()))
    return undefined;
  return apiError(415, ERROR_KEYS.unsupportedMediaType, 'Content-Type must be application/json.');
}
