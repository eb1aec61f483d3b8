// BlueSnap's error catalogue and body shape: `{"message":[{errorName, code, description}]}`, the code
// serialised as a string. Every error the emulator sends is built here so names and codes cannot drift.

import type { EmulatorResponse } from '../kit/index.js';

const BLUESNAP_ERROR_CODES = {
  VALIDATION_GENERAL_FAILURE: '10001',
  INVALID_CHARGE_FREQUENCY: '24001',
  MISSING_REQUIRED_FIELD: '24002',
  INVALID_BILLING_PLAN_CONFIGURATION: '24003',
  RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED: '24005',
  PRICE_MUST_BE_POSITIVE: '24006',
  INVALID_GRACE_PERIOD: '24007',
  INVALID_TRIAL_DAYS: '24008',
  INVALID_MAX_NUMBER_OF_CHARGES: '24009',
  INVALID_BILLING_PLAN_NAME_LENGTH: '24010',
  CURRENCY_NOT_FOUND: '24011',
  // Inferred: BlueSnap publishes no code; 24012 is the gap in the plan error sequence.
  MAX_NUMBER_PLANS_EXCEEDED: '24012',
  NON_UPDATABLE_FIELD: '24014',
  CANNOT_ADD_ELEMENT: '24015',
  INVALID_STATUS: '24016',
  CANNOT_CREATE_INACTIVE_PLAN: '24017',
  CANNOT_DELETE_ELEMENT: '24018',
  // Inferred: the reference names no error for an unknown plan; the next free plan code is used.
  PLAN_NOT_FOUND: '24019',
  NEGATIVE_PAGE_SIZE: '26001',
  MAX_PAGE_SIZE_EXCEEDED: '26002',
  INVALID_PAGINATION_PARAMETERS: '26003',
  SAME_IDEMPOTENCY_KEY_WAS_ALREADY_IN_USE_WITH_PREVIOUS_DIFFERENT_REQUEST: '60101',
  REQUEST_WITH_SAME_IDEMPOTENCY_KEY_ALREADY_IN_PROGRESS: '60102',
  IDEMPOTENCY_KEY_MAX_LENGTH_LIMIT_EXCEEDED: '60103',
  INVALID_IDEMPOTENCY_KEY: '60104',
  // Inferred: throttling answers carry the documented messages; names and codes are not published.
  TOO_MANY_REQUESTS: '429',
  SERVICE_UNAVAILABLE: '503',
  SYSTEM_TECHNICAL_ERROR: '500',
} as const satisfies Record<string, string>;

export type BlueSnapErrorName = keyof typeof BLUESNAP_ERROR_CODES;

export interface BlueSnapErrorItem {
  errorName: BlueSnapErrorName;
  code: string;
  description: string;
}

export interface BlueSnapErrorBody {
  message: BlueSnapErrorItem[];
}

/** The five messages BlueSnap documents for 429/503 throttling answers. */
export const BLUESNAP_THROTTLING_MESSAGES = [
  'Client request rate is too high',
  'Client request concurrency is too high',
  'Request rate for service is too high',
  'Request concurrency to specific service is too high',
  'Service is temporarily unavailable',
] as const;

export type BlueSnapThrottlingMessage = (typeof BLUESNAP_THROTTLING_MESSAGES)[number];

export function errorItem(errorName: BlueSnapErrorName, description: string): BlueSnapErrorItem {
  return { errorName, code: BLUESNAP_ERROR_CODES[errorName], description };
}

export function errorResponse(status: number, items: BlueSnapErrorItem[]): EmulatorResponse {
  return { status, body: { message: items } satisfies BlueSnapErrorBody };
}

export function throttlingBody(message: BlueSnapThrottlingMessage, status = 429): BlueSnapErrorBody {
  const name = status === 503 ? 'SERVICE_UNAVAILABLE' : 'TOO_MANY_REQUESTS';
  return { message: [errorItem(name, message)] };
}

/** Default body of an injected `status` fault: BlueSnap's shape, with a documented message where one fits. */
export function faultBody(status: number): BlueSnapErrorBody | undefined {
  // Inferred, as for real 401s: BlueSnap sends no JSON body with an authentication failure.
  if (status === 401) return undefined;
  if (status === 429) return throttlingBody('Client request rate is too high', 429);
  if (status === 503) return throttlingBody('Service is temporarily unavailable', 503);
  return {
    message: [errorItem('SYSTEM_TECHNICAL_ERROR', 'An unexpected error occurred. Please try again.')],
  };
}

export function missingRequiredField(fieldName: string): BlueSnapErrorItem {
  return errorItem('MISSING_REQUIRED_FIELD', `${fieldName} is a required field.`);
}

/** Inferred wording: BlueSnap answers an undeserialisable value with the generic failure. */
export function invalidValue(fieldName: string): BlueSnapErrorItem {
  return errorItem('VALIDATION_GENERAL_FAILURE', `Invalid value for ${fieldName}.`);
}
