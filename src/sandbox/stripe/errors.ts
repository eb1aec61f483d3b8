// Stripe's error shape (reference §13.1): `{error: {type, code?, param?, message, doc_url?}}`, thrown
// from anywhere in a handler as a StripeError and turned into the answer once, in the route wrapper.
// The messages quoted in the reference are used verbatim; the others are inferred and say so.

import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../kit/index.js';

type StripeErrorType = 'api_error' | 'idempotency_error' | 'invalid_request_error' | 'authentication_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  code?: string;
  param?: string;
  message: string;
}

/**
 * Where a refusal arose: checking the `parameters` (before the endpoint runs: Stripe keeps no
 * idempotent result, reference §9), or in the `endpoint` itself (a business rule, a missing object:
 * kept and replayed like any answer).
 */
export type RefusalStage = 'parameters' | 'endpoint';

/** A refusal a handler throws. */
export class StripeError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;
  readonly stage: RefusalStage;

  constructor(status: number, fields: StripeErrorFields, stage: RefusalStage = 'parameters') {
    super(fields.message);
    this.status = status;
    this.fields = fields;
    this.stage = stage;
  }

  toResponse(): EmulatorResponse {
    return errorResponse(this.status, this.fields);
  }
}

export function errorResponse(status: number, fields: StripeErrorFields): EmulatorResponse {
  const docUrl =
    fields.code === undefined
      ? undefined
      : `https://stripe.com/docs/error-codes/${fields.code.replaceAll('_', '-')}`;
  return {
    status,
    body: {
      error: {
        ...(fields.code !== undefined && { code: fields.code }),
        ...(docUrl !== undefined && { doc_url: docUrl }),
        message: fields.message,
        ...(fields.param !== undefined && { param: fields.param }),
        type: fields.type,
      },
    },
  };
}

/** 400 invalid_request_error for a parameter, the common refusal. */
export function invalid(message: string, at: { param?: string; code?: string } = {}): StripeError {
  return new StripeError(400, { type: 'invalid_request_error', message, ...at });
}

/** 400 invalid_request_error from a business rule the endpoint applies to the account's state. */
export function refused(message: string, at: { param?: string; code?: string } = {}): StripeError {
  return new StripeError(400, { type: 'invalid_request_error', message, ...at }, 'endpoint');
}

export function missingParam(param: string): StripeError {
  return invalid(`Missing required param: ${param}.`, { param, code: 'parameter_missing' });
}

export function unknownParam(param: string): StripeError {
  return invalid(`Received unknown parameter: ${param}`, { param, code: 'parameter_unknown' });
}

export function noSuch(kind: 'product' | 'price', id: string, param = 'id'): StripeError {
  return new StripeError(
    404,
    {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param,
      message: `No such ${kind}: '${id}'`,
    },
    'endpoint',
  );
}

/** Inferred wording; the code is the one the SDK maps to StripeRateLimitError (reference §12). */
export function rateLimitResponse(): EmulatorResponse {
  return errorResponse(429, {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message:
      'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
  });
}

/** Body of a `status` fault that names none, and of a handler that threw. */
export function faultBody(status: number): unknown {
  if (status === 429) return rateLimitResponse().body;
  if (status === 409) {
    return errorResponse(409, {
      type: 'invalid_request_error',
      code: 'lock_timeout',
      message:
        'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
    }).body;
  }
  if (status >= 500) {
    return errorResponse(status, {
      type: 'api_error',
      message: "Something went wrong on Stripe's end. (Emulated.)",
    }).body;
  }
  return errorResponse(status, { type: 'invalid_request_error', message: `Request failed (${status}).` })
    .body;
}

/** Stripe answers unknown paths and unsupported methods alike (there is no DELETE /v1/prices/{id}). */
export function unrecognizedUrl(method: string, path: string): EmulatorResponse {
  return errorResponse(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

/** `req_` + 14 letters and digits, fresh for every answer. */
export function newRequestId(): string {
  return `req_${randomId(14)}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
