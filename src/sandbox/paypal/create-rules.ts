// What a Create Plan body must satisfy (reference §4, §5.2). Shape problems (400) are all reported
// together; then the product must exist (404); then the business rules (422), again all together.
// Unknown members are ignored, as PayPal ignores them, and defaults are filled in as PayPal documents.

import type { EmulatorResponse, JsonParseResult } from '../kit/index.js';
import { billingCycleIssues, parseBillingCycle, type NewBillingCycle } from './billing-cycle-rules.js';
import { isSupportedCurrency } from './currencies.js';
import { HUNDRED, SIGNED_DECIMAL, compareDecimals, isNegative, parseDecimal } from './decimal.js';
import { type PayPalErrorDetail, detail, errorResponse, validationFailure } from './errors.js';
import { CREATE_VOCABULARY, FieldChecker, type JsonObject, isObject } from './field-checks.js';
import {
  type NewPlan,
  PLAN_STATUSES,
  type PayPalMoney,
  type PayPalPaymentPreferences,
  type PayPalTaxes,
  SETUP_FEE_FAILURE_ACTIONS,
} from './plan-types.js';
import { schemeAmounts } from './pricing-rules.js';

export type CreateCheck = { ok: true; plan: NewPlan } | { ok: false; response: EmulatorResponse };

export function checkCreate(json: JsonParseResult, productExists: (id: string) => boolean): CreateCheck {
  const body = requestObject(json);
  if (!body.ok) return body;
  const check = new FieldChecker(CREATE_VOCABULARY);
  const plan = parsePlan(body.value, check);
  if (check.details.length > 0 || plan === undefined) {
    return { ok: false, response: errorResponse(400, check.details) };
  }
  // Inferred (reference §5.2): an unknown product is a missing resource, named like a bad plan id.
  if (!productExists(plan.product_id)) {
    const notFound = detail('INVALID_RESOURCE_ID', { field: '/product_id', value: plan.product_id });
    return { ok: false, response: errorResponse(404, [notFound]) };
  }
  const failure = validationFailure([], businessIssues(plan));
  return failure === undefined ? { ok: true, plan } : { ok: false, response: failure };
}

/** The body as a JSON object, or PayPal's answer to one that is not. */
function requestObject(
  json: JsonParseResult,
): { ok: true; value: JsonObject } | { ok: false; response: EmulatorResponse } {
  if (json.kind === 'empty') return { ok: true, value: {} };
  if (json.kind === 'invalid') {
    return { ok: false, response: errorResponse(400, [detail('MALFORMED_REQUEST_JSON', { field: '/' })]) };
  }
  if (!isObject(json.value)) {
    return { ok: false, response: errorResponse(400, [detail('INVALID_PARAMETER_SYNTAX', { field: '/' })]) };
  }
  return { ok: true, value: json.value };
}

function parsePlan(body: JsonObject, check: FieldChecker): NewPlan | undefined {
  const productId = check.string(body.product_id, '/product_id', { required: true, min: 6, max: 50 });
  const name = check.string(body.name, '/name', { required: true, min: 1, max: 127 });
  const status = check.oneOf(body.status, '/status', PLAN_STATUSES) ?? 'ACTIVE';
  // The enum lists INACTIVE, but create accepts only CREATED and ACTIVE.
  if (status === 'INACTIVE') check.add('INVALID_PARAMETER_VALUE', '/status', status);
  const description = check.string(body.description, '/description', { min: 1, max: 127 });
  const rawCycles = check.array(body.billing_cycles, '/billing_cycles', { required: true, min: 1, max: 12 });
  const cycles = rawCycles?.map((cycle, index) =>
    parseBillingCycle(cycle, `/billing_cycles/${index}`, check),
  );
  const preferences = parsePreferences(body.payment_preferences, check);
  const taxes = parseTaxes(body.taxes, '/taxes', check);
  const quantitySupported = check.boolean(body.quantity_supported, '/quantity_supported') ?? false;

  if (productId === undefined || name === undefined || cycles === undefined || preferences === undefined) {
    return undefined;
  }
  return {
    product_id: productId,
    name,
    status,
    ...(description !== undefined && { description }),
    billing_cycles: cycles.filter((cycle): cycle is NewBillingCycle => cycle !== undefined),
    payment_preferences: preferences,
    ...(taxes !== undefined && { taxes }),
    quantity_supported: quantitySupported,
  };
}

function parsePreferences(raw: unknown, check: FieldChecker): PayPalPaymentPreferences | undefined {
  const field = '/payment_preferences';
  const preferences = check.object(raw, field, { required: true });
  if (preferences === undefined) return undefined;
  const setupFee = check.money(preferences.setup_fee, `${field}/setup_fee`);
  return {
    auto_bill_outstanding:
      check.boolean(preferences.auto_bill_outstanding, `${field}/auto_bill_outstanding`) ?? true,
    ...(setupFee !== undefined && { setup_fee: setupFee }),
    setup_fee_failure_action:
      check.oneOf(
        preferences.setup_fee_failure_action,
        `${field}/setup_fee_failure_action`,
        SETUP_FEE_FAILURE_ACTIONS,
      ) ?? 'CANCEL',
    payment_failure_threshold:
      check.integer(preferences.payment_failure_threshold, `${field}/payment_failure_threshold`, {
        min: 0,
        max: 999,
      }) ?? 0,
  };
}

function parseTaxes(raw: unknown, field: string, check: FieldChecker): PayPalTaxes | undefined {
  const taxes = check.object(raw, field);
  if (taxes === undefined) return undefined;
  const percentage = checkPercentage(taxes.percentage, `${field}/percentage`, check, true);
  const inclusive = check.boolean(taxes.inclusive, `${field}/inclusive`) ?? true;
  return percentage === undefined ? undefined : { percentage, inclusive };
}

/** A decimal string; inferred: outside 0–100 it is an invalid value. Shared with PATCH. */
export function checkPercentage(
  raw: unknown,
  field: string,
  check: FieldChecker,
  required: boolean,
): string | undefined {
  const text = check.string(raw, field, { required, max: 32, pattern: SIGNED_DECIMAL });
  const value = text === undefined ? undefined : parseDecimal(text);
  if (text === undefined || value === undefined) return undefined;
  if (isNegative(value) || compareDecimals(value, HUNDRED) > 0)
    return check.add('INVALID_PARAMETER_VALUE', field, text);
  return text;
}

function businessIssues(plan: NewPlan): PayPalErrorDetail[] {
  const issues = billingCycleIssues(plan.billing_cycles);
  const tiered = plan.billing_cycles.some((cycle) => cycle.pricing_scheme?.tiers !== undefined);
  if (tiered && !plan.quantity_supported) {
    issues.push(detail('INVALID_QUANTITY_SUPPORTED', { field: '/quantity_supported', value: false }));
  }
  issues.push(...currencyIssues(planAmounts(plan)));
  return issues;
}

function planAmounts(plan: NewPlan): Array<{ money: PayPalMoney; field: string }> {
  const amounts = plan.billing_cycles.flatMap((cycle, index) =>
    cycle.pricing_scheme === undefined
      ? []
      : schemeAmounts(cycle.pricing_scheme, `/billing_cycles/${index}/pricing_scheme`),
  );
  const fee = plan.payment_preferences.setup_fee;
  if (fee !== undefined) amounts.push({ money: fee, field: '/payment_preferences/setup_fee' });
  return amounts;
}

/** One currency per plan, and one PayPal can receive. */
function currencyIssues(amounts: ReadonlyArray<{ money: PayPalMoney; field: string }>): PayPalErrorDetail[] {
  const issues: PayPalErrorDetail[] = [];
  const first = amounts[0];
  const mismatch = amounts.find(({ money }) => money.currency_code !== first?.money.currency_code);
  if (mismatch !== undefined) {
    issues.push(
      detail('CURRENCY_MISMATCH', {
        field: `${mismatch.field}/currency_code`,
        value: mismatch.money.currency_code,
      }),
    );
  }
  const unsupported = amounts.find(({ money }) => !isSupportedCurrency(money.currency_code));
  if (unsupported !== undefined) {
    issues.push(
      detail('CURRENCY_NOT_SUPPORTED_FOR_RECEIVER', {
        field: `${unsupported.field}/currency_code`,
        value: unsupported.money.currency_code,
      }),
    );
  }
  return issues;
}
