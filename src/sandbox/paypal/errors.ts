// PayPal's REST error shape (reference §8): `name`, `message`, `debug_id`, `details[]` and an
// `information_link`, with the `Paypal-Debug-Id` header equal to `debug_id` (added in emulator.ts for
// every answer). Names, messages and issue descriptions are the OpenAPI document's own enums, so an
// error the emulator sends validates against the spec wherever the spec lists the issue.

import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../kit/index.js';

export type ErrorLocation = 'body' | 'path' | 'query';

export interface PayPalErrorDetail {
  issue: string;
  description: string;
  /** JSON Pointer into the body, or the parameter name for a query/path parameter. */
  field?: string;
  /** The offending value as text (the spec types it as a string). */
  value?: string;
  location?: ErrorLocation;
}

export interface PayPalErrorBody {
  name: string;
  message: string;
  debug_id: string;
  details?: PayPalErrorDetail[];
  links: Array<{ href: string; rel: 'information_link'; method: 'GET' }>;
}

/** name and message per status, verbatim from the spec's error_4xx/5xx schemas. */
const ERROR_NAMES: Record<number, { name: string; message: string }> = {
  400: {
    name: 'INVALID_REQUEST',
    message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
  },
  401: {
    name: 'AUTHENTICATION_FAILURE',
    message:
      'Authentication failed due to missing authorization header, or invalid authentication credentials.',
  },
  403: { name: 'NOT_AUTHORIZED', message: 'Authorization failed due to insufficient permissions.' },
  404: { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.' },
  // Inferred: PayPal's common catalogue; the billing spec lists no 405 or 413.
  405: { name: 'METHOD_NOT_SUPPORTED', message: 'The server does not implement the requested HTTP method.' },
  409: {
    name: 'RESOURCE_CONFLICT',
    message: 'The server has detected a conflict while processing this request.',
  },
  413: { name: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body is too large.' },
  415: {
    name: 'UNSUPPORTED_MEDIA_TYPE',
    message: "The server does not support the request payload's media type.",
  },
  422: {
    name: 'UNPROCESSABLE_ENTITY',
    message:
      'The requested action could not be performed, semantically incorrect, or failed business validation.',
  },
  // Reference §7; inferred message.
  429: { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.' },
  500: { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.' },
  503: { name: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable.' },
};

/** Default description per issue, as the spec's per-operation enums word them. */
const ISSUE_DESCRIPTIONS = {
  INVALID_PARAMETER_SYNTAX: 'The value of a field does not conform to the expected format.',
  INVALID_PARAMETER_VALUE: 'The value of a field is invalid.',
  MISSING_REQUIRED_PARAMETER: 'A required field is missing.',
  INVALID_STRING_MIN_LENGTH: 'The value of a field is too short.',
  INVALID_STRING_MAX_LENGTH: 'The value of a field is too long.',
  INVALID_INTEGER_MIN_VALUE: 'The integer value of a field is too small.',
  INVALID_INTEGER_MAX_VALUE: 'The integer value of a field is too large.',
  // Inferred: PayPal's common issue for an unparseable body; the billing spec does not list it.
  MALFORMED_REQUEST_JSON: 'The request JSON is not well formed.',
  INVALID_RESOURCE_ID: 'Specified resource ID does not exist. Please check the resource ID and try again.',
  PERMISSION_DENIED: 'You do not have permission to access or perform operations on this resource.',
  CURRENCY_MISMATCH: 'All currency codes in the request should be of similar value.',
  MULTIPLE_FREE_TRIAL_BILLING_CYCLES_NOT_SUPPORTED: 'Only one free trial billing cycle is allowed.',
  MORE_THAN_TWO_TRIAL_BILLING_CYCLE_NOT_SUPPORTED: 'Only two trial billing cycles are allowed.',
  MISSING_REGULAR_BILLING_CYCLE: 'Plan should have at least one regular billing cycle.',
  MULTIPLE_REGULAR_BILLING_CYCLES_NOT_SUPPORTED: 'Only one regular billing cycle is allowed.',
  INVALID_BILLING_CYCLE_SEQUENCE: 'Billing cycle sequence should start with `1` and be consecutive.',
  INVALID_TRIAL_BILLING_TOTAL_CYCLES: "Total cycles for trial billing must be greater than '0'.",
  INVALID_PRICING_TIER_AMOUNT: 'Free tiers are not supported.',
  MISSING_PRICING_SCHEME_TIERS: 'Tier(s) are missing for some quantities.',
  OVERLAPPING_PRICING_SCHEME_TIERS: 'The specified quantity overlaps with multiple pricing tiers.',
  INVALID_PRICING_MODEL: 'The specified pricing model is not supported for trial billing cycle.',
  FIXED_PRICE_NOT_SUPPORTED: 'Fixed price is not supported for tiered pricing schemes.',
  INVALID_PRICING_TIER_QUANTITY: 'Tier starting quantity must be less than ending quantity.',
  INVALID_QUANTITY_SUPPORTED: 'Quantity is always supported for volume and tiered plans.',
  CURRENCY_NOT_SUPPORTED_FOR_RECEIVER: 'This currency cannot be accepted for this recipient’s account.',
  UNSUPPORTED_PATCH_OPERATION: 'The specified patch operation not supported for this field.',
  INVALID_PATCH_PATH: 'The specified field cannot be patched.',
  // The spec's spelling ("filed") is kept on purpose: clients must not parse descriptions anyway.
  PLAN_STATUS_INACTIVE: 'Status update is the only patchable filed on an inactive plan.',
  PLAN_STATUS_INVALID:
    'Invalid plan status for activate action; plan status should be either created or inactive.',
  INVALID_PRICING_SCHEME: 'The new pricing scheme should be of the same type as that of the old one.',
  PRICING_SCHEME_UPDATE_NOT_ALLOWED: 'Pricing scheme update is not allowed for the plan.',
  // Inferred: the Orders API's issue for a reused PayPal-Request-Id with a different body.
  PAYPAL_REQUEST_ID_PREVIOUSLY_USED: 'The PayPal-Request-Id has already been used for another request.',
} as const satisfies Record<string, string>;

export type PayPalIssue = keyof typeof ISSUE_DESCRIPTIONS;

/** Second wordings the spec gives some issues; named so callers cannot misspell them. */
export const ALTERNATE_DESCRIPTIONS = {
  trialBeforeRegular: 'Trial Billing cycle should precede regular billing cycle.',
  duplicatePatchPath: 'Multiple operations on the same field are not allowed.',
  deactivateStatus: 'Invalid plan status for deactivate action; plan status should be active.',
  pricingCurrency: "The currency code is different from the plan's currency code.",
  pricingSequence: 'The provided billing cycle sequence is not available.',
} as const;

export function detail(
  issue: PayPalIssue,
  at: { field?: string; value?: unknown; location?: ErrorLocation; description?: string } = {},
): PayPalErrorDetail {
  return {
    ...(at.field !== undefined && { field: at.field }),
    ...(at.value !== undefined && { value: valueText(at.value) }),
    location: at.location ?? 'body',
    issue,
    description: at.description ?? ISSUE_DESCRIPTIONS[issue],
  };
}

function valueText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // Echoing a whole nested object back is noise; PayPal's values are short.
  return text.length > 127 ? `${text.slice(0, 124)}...` : text;
}

/** A 13-hex-digit id like PayPal's (`90957fca61718`), fresh for every answer. */
export function newDebugId(): string {
  return randomBytes(7).toString('hex').slice(0, 13);
}

function errorBody(status: number, details?: readonly PayPalErrorDetail[]): PayPalErrorBody {
  const { name, message } = ERROR_NAMES[status] ?? ERROR_NAMES[500]!;
  return {
    name,
    message,
    debug_id: newDebugId(),
    ...(details !== undefined && details.length > 0 && { details: [...details] }),
    // Inferred href format (reference §8).
    links: [
      {
        href: `https://developer.paypal.com/docs/api/v1/billing/subscriptions#${name}`,
        rel: 'information_link',
        method: 'GET',
      },
    ],
  };
}

export function errorResponse(status: number, details?: readonly PayPalErrorDetail[]): EmulatorResponse {
  return { status, body: errorBody(status, details) };
}

/** 400 when any detail is a request-shape problem, else 422: PayPal checks shape before business rules. */
export function validationFailure(
  shape: readonly PayPalErrorDetail[],
  business: readonly PayPalErrorDetail[],
): EmulatorResponse | undefined {
  if (shape.length > 0) return errorResponse(400, shape);
  if (business.length > 0) return errorResponse(422, business);
  return undefined;
}

/** Body of an injected status fault and of a handler that threw. */
export function faultBody(status: number): PayPalErrorBody {
  if (status === 403) return errorBody(403, [detail('PERMISSION_DENIED')]);
  return errorBody(ERROR_NAMES[status] === undefined ? 500 : status);
}

/** OAuth endpoint errors use the OAuth shape, not the REST one (reference §2). */
export function oauthError(status: number, error: string, description: string): EmulatorResponse {
  return { status, body: { error, error_description: description } };
}
