// What every plan call must carry besides the key (reference §2): `Accept-Language` (inferred: a
// missing or blank one is a 400, switchable off), and on a body `Content-Type: application/json`
// (inferred: anything else is 415, as a Spring endpoint answers) holding one JSON object.

import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import type { ErrorResponder } from './errors.js';
import { type JsonObject, isObject } from './field-checks.js';

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function missingAcceptLanguage(
  request: EmulatorRequest,
  errors: ErrorResponder,
): EmulatorResponse | undefined {
  const value = headerValue(request.headers['accept-language']);
  if (value !== undefined && value.trim() !== '') return undefined;
  return errors.respond(400, {
    code: 'MISSING_HEADER',
    message: 'Required header Accept-Language is missing',
    path: request.path,
  });
}

export type BodyRead = { ok: true; body: JsonObject } | { ok: false; response: EmulatorResponse };

/** The request's JSON object, or the answer to a body that is absent, not JSON, or not an object. */
export function jsonObjectBody(request: EmulatorRequest, errors: ErrorResponder): BodyRead {
  const fail = (status: number, code?: string, message?: string): BodyRead => ({
    ok: false,
    response: errors.respond(status, { code, message, path: request.path }),
  });
  const type = headerValue(request.headers['content-type']) ?? '';
  if (request.rawBody.trim() !== '' && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) return fail(415);
  switch (request.json.kind) {
    case 'empty':
      return fail(400, 'MALFORMED_REQUEST', 'Required request body is missing');
    case 'invalid':
      return fail(400, 'MALFORMED_REQUEST', 'Malformed JSON request body');
    case 'json':
      return isObject(request.json.value)
        ? { ok: true, body: request.json.value }
        : fail(400, 'MALFORMED_REQUEST', 'The request body must be a JSON object');
  }
}
