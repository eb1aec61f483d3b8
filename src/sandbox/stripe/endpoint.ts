// The wrapper every Stripe route runs in: the caller's key and mode, a read-only key refused on writes
// (403), the parameters decoded from the query (GET) or the form body, the idempotency layer around
// POSTs, and a StripeError thrown anywhere turned into Stripe's error answer.

import type { EmulatorRequest, EmulatorResponse, RequestHandler } from '../kit/index.js';
import { type ApiKeys, forbidden, unauthorized } from './api-keys.js';
import { StripeError, errorResponse, invalid } from './errors.js';
import { type FormObject, decodeForm } from './form.js';
import type { IdempotencyKeys } from './idempotency.js';
import type { StripeReadings } from './readings.js';
import type { CatalogStore } from './store.js';

export interface StripeApiContext {
  keys: ApiKeys;
  /** One catalog per mode: test-mode objects are invisible to live keys and the other way round. */
  catalogs: { test: CatalogStore; live: CatalogStore };
  idempotency: IdempotencyKeys;
  readings: StripeReadings;
  /** How far the search index lags behind the catalog, in ms. */
  searchDelayMs: number;
  /** Clock in ms; objects carry seconds. */
  now: () => number;
}

export interface StripeCall {
  request: EmulatorRequest;
  form: FormObject;
  store: CatalogStore;
  livemode: boolean;
  /** Now in Unix seconds, for `created` and `updated`. */
  seconds: number;
  readings: StripeReadings;
}

export type StripeHandler = (call: StripeCall) => EmulatorResponse;

export function endpoint(context: StripeApiContext, handler: StripeHandler): RequestHandler {
  return (request) => {
    const key = context.keys.resolve(request);
    if (key === undefined) return unauthorized(request);
    if (request.method !== 'GET' && key.readOnly) return forbidden(key.key);
    let form: FormObject;
    try {
      checkVersion(request);
      form = readForm(request);
    } catch (error) {
      if (error instanceof StripeError) return error.toResponse();
      throw error;
    }
    const call: StripeCall = {
      request,
      form,
      store: key.livemode ? context.catalogs.live : context.catalogs.test,
      livemode: key.livemode,
      seconds: Math.floor(context.now() / 1000),
      readings: context.readings,
    };
    if (request.method !== 'POST') return run(handler, call).response;
    const outcome = context.idempotency.begin(request, form, key.livemode ? 'live' : 'test');
    if (outcome.kind === 'respond') return outcome.response;
    const { response, endpointRan } = run(handler, call);
    outcome.finish(response, endpointRan);
    return response;
  };
}

/** The handler's answer, and whether the endpoint ran (it did not when its parameters were refused). */
function run(handler: StripeHandler, call: StripeCall): { response: EmulatorResponse; endpointRan: boolean } {
  try {
    return { response: handler(call), endpointRan: true };
  } catch (error) {
    if (error instanceof StripeError) {
      return { response: error.toResponse(), endpointRan: error.stage === 'endpoint' };
    }
    // Kept and replayed under an idempotency key like any answer of an endpoint that ran (reference §9).
    const response = errorResponse(500, {
      type: 'api_error',
      message: "Something went wrong on Stripe's end.",
    });
    return { response, endpointRan: true };
  }
}

/** A dated version, with the major release's name since 2024-09-30.acacia (reference §13.3). */
const API_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

function checkVersion(request: EmulatorRequest): void {
  const header = request.headers['stripe-version'];
  const version = (Array.isArray(header) ? header[0] : header)?.trim();
  if (version === undefined || version === '' || API_VERSION.test(version)) return;
  throw invalid(`Invalid Stripe API version: ${version}`);
}

/** GET parameters come from the query; a write's from its form body (and any query parameters). */
function readForm(request: EmulatorRequest): FormObject {
  const query = decodeForm(request.search);
  if (request.method === 'GET' || request.rawBody === '') return query;
  const header = request.headers['content-type'];
  const type = (Array.isArray(header) ? header[0] : header) ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw invalid(
      `Invalid request: unsupported Content-Type ${type || '(none)'}. Send parameters form-encoded (application/x-www-form-urlencoded).`,
    );
  }
  return { ...query, ...decodeForm(request.rawBody) };
}
