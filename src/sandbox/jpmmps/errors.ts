// Error answers. The MPS pages point to an "error handling" section whose content is not public
// (reference §5), so the body is inferred and pluggable: by default `{ code, message }` plus, for a
// validation failure, `errors: [{ field, message }]`; `springErrorBody` gives the Spring-Boot-like shape
// the reference sketches. Clients must key off the HTTP status only.

import type { EmulatorResponse } from '../kit/index.js';

export interface FieldError {
  /** The body member (or query/path parameter) at fault, e.g. `trialDurationUnit`. */
  field: string;
  message: string;
}

/** Everything known about an error; an `ErrorBodyFormat` turns it into a body. */
interface JpmMpsError {
  status: number;
  /** Inferred upper-snake code, e.g. `VALIDATION_ERROR`. */
  code: string;
  message: string;
  /** Request path, when the error answers a request the emulator routed. */
  path?: string;
  /** Emulator clock in the MPS timestamp format. */
  timestamp: string;
  errors?: FieldError[];
}

export type ErrorBodyFormat = (error: JpmMpsError) => unknown;

/** Inferred code and default message per status. */
const ERROR_CODES: Record<number, { code: string; message: string; reason: string }> = {
  400: { code: 'BAD_REQUEST', message: 'The request is invalid.', reason: 'Bad Request' },
  401: { code: 'UNAUTHORIZED', message: 'Missing or invalid x-api-key.', reason: 'Unauthorized' },
  403: {
    code: 'FORBIDDEN',
    message: 'The merchant key is not allowed to use this module.',
    reason: 'Forbidden',
  },
  404: { code: 'NOT_FOUND', message: 'The requested resource was not found.', reason: 'Not Found' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.', reason: 'Method Not Allowed' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.', reason: 'Payload Too Large' },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Content-Type must be application/json.',
    reason: 'Unsupported Media Type',
  },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests.', reason: 'Too Many Requests' },
  500: {
    code: 'INTERNAL_SERVER_ERROR',
    message: 'An internal error occurred.',
    reason: 'Internal Server Error',
  },
  502: { code: 'BAD_GATEWAY', message: 'Bad gateway.', reason: 'Bad Gateway' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable.', reason: 'Service Unavailable' },
  504: { code: 'GATEWAY_TIMEOUT', message: 'Gateway timeout.', reason: 'Gateway Timeout' },
};

/** Inferred default: `{ code, message }`, plus `errors` for field-level validation failures. */
export const defaultErrorBody: ErrorBodyFormat = (error) => ({
  code: error.code,
  message: error.message,
  ...(error.errors !== undefined && error.errors.length > 0 && { errors: error.errors }),
});

/** The shape sketched in reference §5: `{ status, error, message, path, timestamp }`. */
export const springErrorBody: ErrorBodyFormat = (error) => ({
  status: error.status,
  error: ERROR_CODES[error.status]?.reason ?? 'Error',
  message: error.message,
  path: error.path ?? '',
  timestamp: error.timestamp,
});

export interface ErrorDetails {
  code?: string;
  message?: string;
  path?: string;
  errors?: FieldError[];
}

/** Builds error answers on the emulator's clock in the configured body format. */
export class ErrorResponder {
  readonly #format: ErrorBodyFormat;
  readonly #timestamp: () => string;

  constructor(format: ErrorBodyFormat, timestamp: () => string) {
    this.#format = format;
    this.#timestamp = timestamp;
  }

  body(status: number, details: ErrorDetails = {}): unknown {
    const known = ERROR_CODES[status] ?? ERROR_CODES[500]!;
    return this.#format({
      status,
      code: details.code ?? known.code,
      message: details.message ?? known.message,
      ...(details.path !== undefined && { path: details.path }),
      timestamp: this.#timestamp(),
      ...(details.errors !== undefined && { errors: details.errors }),
    });
  }

  respond(status: number, details: ErrorDetails = {}): EmulatorResponse {
    return { status, body: this.body(status, details) };
  }

  /** 400 VALIDATION_ERROR naming every field at fault; the message is the first field's. */
  validation(path: string, errors: FieldError[]): EmulatorResponse {
    return this.respond(400, {
      code: 'VALIDATION_ERROR',
      message: errors[0]?.message ?? 'Validation failed.',
      path,
      errors,
    });
  }
}
