// Value rules for each plan property, shared by create and update. Each check turns one raw JSON value
// into a stored value or one BlueSnap error item; the callers decide which properties are required,
// immutable or existence-locked.

import type { JsonParseResult } from '../kit/index.js';
import { isKnownCurrency, minorUnits, recurringMinimum } from './currencies.js';
import { type CanonicalDecimal, compareDecimals, parseDecimal } from './decimal.js';
import { type BlueSnapErrorItem, errorItem, invalidValue, missingRequiredField } from './errors.js';
import { BLUESNAP_CHARGE_FREQUENCIES, type BlueSnapChargeFrequency } from './plan-record.js';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: BlueSnapErrorItem };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(error: BlueSnapErrorItem): FieldResult<T> => ({ ok: false, error });

const NAME_MAX_LENGTH = 199;
const INT32_MAX = 2_147_483_647;

/** Required by both create and update, in the order BlueSnap's reference lists them. */
const REQUIRED_PROPERTIES = ['chargeFrequency', 'name', 'currency', 'recurringChargeAmount'] as const;

export function missingRequiredFields(body: Record<string, unknown>): BlueSnapErrorItem[] {
  return REQUIRED_PROPERTIES.filter((field) => isAbsent(body[field])).map(missingRequiredField);
}

/** JSON `null` is treated like an absent property, as a Java deserialiser would. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function checkName(value: unknown): FieldResult<string> {
  if (typeof value !== 'string') return fail(invalidValue('name'));
  if (value.length < 1 || value.length > NAME_MAX_LENGTH) {
    return fail(
      errorItem(
        'INVALID_BILLING_PLAN_NAME_LENGTH',
        `name length must be between 1 and ${NAME_MAX_LENGTH} characters.`,
      ),
    );
  }
  return ok(value);
}

export function checkRecurringAmount(value: unknown): FieldResult<CanonicalDecimal> {
  const amount = parseDecimal(value);
  if (amount === undefined) return fail(invalidValue('recurringChargeAmount'));
  if (compareDecimals(amount, '0') <= 0) {
    return fail(errorItem('PRICE_MUST_BE_POSITIVE', 'recurringChargeAmount must be a positive amount.'));
  }
  return ok(amount);
}

/**
 * What a recurring amount must satisfy in its plan's currency. The reference: "more than 1 USD
 * equivalent" (RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED, 24005), with the description BlueSnap's error
 * catalogue gives; inferred: exactly the minimum is accepted, and 1 USD is converted at the emulator's
 * round rates (currencies.ts). Then its decimals, as for any amount.
 */
export function recurringAmountErrors(amount: CanonicalDecimal, currency: string): BlueSnapErrorItem[] {
  const errors = amountDecimalsErrors('recurringChargeAmount', amount, currency);
  if (compareDecimals(amount, recurringMinimum(currency)) < 0) {
    errors.unshift(
      errorItem(
        'RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED',
        'Recurring Price should be higher than 1 USD or its equivalent in the chosen currency.',
      ),
    );
  }
  return errors;
}

/**
 * Inferred: an amount finer than its currency's minor unit (19.001 USD, 2.5 JPY) cannot be charged, so
 * it is refused rather than rounded. The documents name no error for it; the emulator answers the
 * generic VALIDATION_GENERAL_FAILURE (10001), as for any value it cannot take.
 */
export function amountDecimalsErrors(
  field: 'recurringChargeAmount' | 'initialChargeAmount',
  amount: CanonicalDecimal,
  currency: string,
): BlueSnapErrorItem[] {
  const decimals = amount.includes('.') ? amount.length - amount.indexOf('.') - 1 : 0;
  const allowed = minorUnits(currency);
  if (decimals <= allowed) return [];
  const what = allowed === 0 ? 'whole units' : `at most ${allowed} decimal places`;
  return [
    errorItem('VALIDATION_GENERAL_FAILURE', `Invalid value for ${field}: ${currency} amounts have ${what}.`),
  ];
}

/** Inferred: an initial charge must be positive; a plan without one omits the property. */
export function checkInitialAmount(value: unknown): FieldResult<CanonicalDecimal> {
  const amount = parseDecimal(value);
  if (amount === undefined) return fail(invalidValue('initialChargeAmount'));
  if (compareDecimals(amount, '0') <= 0) {
    return fail(errorItem('PRICE_MUST_BE_POSITIVE', 'initialChargeAmount must be a positive amount.'));
  }
  return ok(amount);
}

export function checkCurrency(value: unknown): FieldResult<string> {
  if (typeof value !== 'string') return fail(invalidValue('currency'));
  if (!isKnownCurrency(value))
    return fail(errorItem('CURRENCY_NOT_FOUND', `Currency ${value} was not found.`));
  return ok(value);
}

export function checkChargeFrequency(value: unknown): FieldResult<BlueSnapChargeFrequency> {
  const known = BLUESNAP_CHARGE_FREQUENCIES.find((frequency) => frequency === value);
  if (known === undefined) {
    return fail(errorItem('INVALID_CHARGE_FREQUENCY', `Charge frequency ${String(value)} is invalid.`));
  }
  return ok(known);
}

/**
 * Inferred ranges: trial days, grace days and the charge cap must each be a positive whole number that
 * fits BlueSnap's Java int; integral numeric strings are accepted as a Java deserialiser coerces them.
 */
function checkPositiveInteger(value: unknown, onInvalid: BlueSnapErrorItem): FieldResult<number> {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > INT32_MAX) {
    return fail(onInvalid);
  }
  return ok(number);
}

export function checkTrialDays(value: unknown): FieldResult<number> {
  return checkPositiveInteger(
    value,
    errorItem('INVALID_TRIAL_DAYS', 'trialPeriodDays must be a positive integer.'),
  );
}

export function checkGraceDays(value: unknown): FieldResult<number> {
  return checkPositiveInteger(
    value,
    errorItem('INVALID_GRACE_PERIOD', 'gracePeriodDays must be a positive integer.'),
  );
}

export function checkMaxCharges(value: unknown): FieldResult<number> {
  return checkPositiveInteger(
    value,
    errorItem('INVALID_MAX_NUMBER_OF_CHARGES', 'maxNumberOfCharges must be a positive integer.'),
  );
}

export function checkChargeOnPlanSwitch(value: unknown): FieldResult<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (value === 'true' || value === 'false') return ok(value === 'true');
  return fail(invalidValue('chargeOnPlanSwitch'));
}

export function invalidStatus(): BlueSnapErrorItem {
  return errorItem('INVALID_STATUS', 'Status provided is invalid');
}

/** Inferred combination rule: a one-off plan has no trial and no charge cap. */
export function checkConfiguration(plan: {
  chargeFrequency: BlueSnapChargeFrequency;
  trialPeriodDays?: number;
  maxNumberOfCharges?: number;
}): BlueSnapErrorItem[] {
  if (plan.chargeFrequency !== 'ONCE') return [];
  const clashing = [
    plan.trialPeriodDays !== undefined ? 'trialPeriodDays' : undefined,
    plan.maxNumberOfCharges !== undefined ? 'maxNumberOfCharges' : undefined,
  ].filter((field) => field !== undefined);
  return clashing.map((field) =>
    errorItem(
      'INVALID_BILLING_PLAN_CONFIGURATION',
      `Invalid plan configuration: ${field} cannot be used with ONCE.`,
    ),
  );
}

/** Gathers every validation failure of one request, since BlueSnap reports them together. */
export class ErrorList {
  readonly items: BlueSnapErrorItem[] = [];

  add(...items: BlueSnapErrorItem[]): void {
    this.items.push(...items);
  }

  /** The checked value, or undefined after recording why it was refused. */
  take<T>(result: FieldResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.items.push(result.error);
    return undefined;
  }

  /** Applies `rule` to a property that is present; an absent (or null) property gives undefined. */
  check<T>(value: unknown, rule: (raw: unknown) => FieldResult<T>): T | undefined {
    return isAbsent(value) ? undefined : this.take(rule(value));
  }
}

/** The request body as a JSON object, or the generic failure BlueSnap gives a malformed document. */
export function planBody(json: JsonParseResult): FieldResult<Record<string, unknown>> {
  if (
    json.kind === 'json' &&
    typeof json.value === 'object' &&
    json.value !== null &&
    !Array.isArray(json.value)
  ) {
    return ok(json.value as Record<string, unknown>);
  }
  const reason =
    json.kind === 'empty' ? 'The request body is empty.' : 'The request body could not be parsed.';
  return fail(errorItem('VALIDATION_GENERAL_FAILURE', reason));
}
