// Update Plan (reference §5.4): a JSON Patch document limited to `replace` on seven paths, one
// operation per path. Every operation is checked before any is applied, so a refused document changes
// nothing. Shape problems are 400; an INACTIVE plan is 422 PLAN_STATUS_INACTIVE.

import type { EmulatorResponse, JsonParseResult } from '../kit/index.js';
import { checkPercentage } from './create-rules.js';
import { ALTERNATE_DESCRIPTIONS, type PayPalErrorDetail, detail, errorResponse } from './errors.js';
import { FieldChecker, PATCH_VOCABULARY, isAbsent, isObject } from './field-checks.js';
import { type PayPalPlan, SETUP_FEE_FAILURE_ACTIONS } from './plan-types.js';

const PATCHABLE_PATHS = [
  '/name',
  '/description',
  '/payment_preferences/auto_bill_outstanding',
  '/payment_preferences/payment_failure_threshold',
  '/payment_preferences/setup_fee',
  '/payment_preferences/setup_fee_failure_action',
  '/taxes/percentage',
] as const;

type PatchablePath = (typeof PATCHABLE_PATHS)[number];

const PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

export type PatchCheck = { ok: true; plan: PayPalPlan } | { ok: false; response: EmulatorResponse };

export function checkPatch(plan: PayPalPlan, json: JsonParseResult): PatchCheck {
  if (json.kind === 'invalid') return refuse(400, detail('MALFORMED_REQUEST_JSON', { field: '/' }));
  if (json.kind === 'empty' || !Array.isArray(json.value)) {
    return refuse(400, detail('INVALID_PARAMETER_SYNTAX', { field: '/' }));
  }
  // Inferred: an empty patch document is an invalid value, not a successful no-op.
  if (json.value.length === 0) return refuse(400, detail('INVALID_PARAMETER_VALUE', { field: '/' }));

  const check = new FieldChecker(PATCH_VOCABULARY);
  const seen = new Set<string>();
  const updated = structuredClone(plan);
  json.value.forEach((raw, index) => {
    const at = `/${index}`;
    if (!isObject(raw)) return check.add('INVALID_PARAMETER_SYNTAX', at);
    const op = check.string(raw.op, `${at}/op`, { required: true });
    if (op !== undefined && !PATCH_OPS.includes(op))
      return check.add('INVALID_PARAMETER_VALUE', `${at}/op`, op);
    const path = check.string(raw.path, `${at}/path`, { required: true });
    if (op === undefined || path === undefined) return undefined;
    if (!isPatchable(path)) return check.add('INVALID_PATCH_PATH', `${at}/path`, path);
    if (seen.has(path)) {
      check.details.push(
        detail('INVALID_PATCH_PATH', {
          field: `${at}/path`,
          value: path,
          description: ALTERNATE_DESCRIPTIONS.duplicatePatchPath,
        }),
      );
      return undefined;
    }
    seen.add(path);
    if (op !== 'replace') return check.add('UNSUPPORTED_PATCH_OPERATION', `${at}/op`, op);
    // Inferred: `replace` needs an existing target (RFC 6902), so a plan without taxes cannot have its
    // percentage replaced; taxes are set at creation. A missing setup fee or description may be set.
    if (path === '/taxes/percentage' && updated.taxes === undefined) {
      return check.add('INVALID_PATCH_PATH', `${at}/path`, path);
    }
    if (isAbsent(raw.value)) return check.add('INVALID_PARAMETER_VALUE', `${at}/value`);
    return applyReplace(updated, path, raw.value, `${at}/value`, check);
  });

  if (check.details.length > 0) return { ok: false, response: errorResponse(400, check.details) };
  if (plan.status === 'INACTIVE') {
    return refuse(422, detail('PLAN_STATUS_INACTIVE', { field: '/status', value: plan.status }));
  }
  const fee = updated.payment_preferences.setup_fee;
  const currency = planCurrency(plan);
  // Inferred: a setup fee is charged with the plan, so it must be in the plan's currency.
  if (fee !== undefined && seen.has('/payment_preferences/setup_fee') && currency !== fee.currency_code) {
    return refuse(
      422,
      detail('CURRENCY_MISMATCH', {
        field: '/payment_preferences/setup_fee/currency_code',
        value: fee.currency_code,
      }),
    );
  }
  return { ok: true, plan: updated };
}

function isPatchable(path: string): path is PatchablePath {
  return (PATCHABLE_PATHS as readonly string[]).includes(path);
}

function refuse(status: number, problem: PayPalErrorDetail): PatchCheck {
  return { ok: false, response: errorResponse(status, [problem]) };
}

/** Checks the value for `path` and, when valid, writes it into `plan`. */
function applyReplace(
  plan: PayPalPlan,
  path: PatchablePath,
  value: unknown,
  at: string,
  check: FieldChecker,
): void {
  const preferences = plan.payment_preferences;
  switch (path) {
    case '/name': {
      const name = check.string(value, at, { min: 1, max: 127 });
      if (name !== undefined) plan.name = name;
      return;
    }
    case '/description': {
      const description = check.string(value, at, { min: 1, max: 127 });
      if (description !== undefined) plan.description = description;
      return;
    }
    case '/payment_preferences/auto_bill_outstanding': {
      const flag = check.boolean(value, at);
      if (flag !== undefined) preferences.auto_bill_outstanding = flag;
      return;
    }
    case '/payment_preferences/payment_failure_threshold': {
      const threshold = check.integer(value, at, { min: 0, max: 999 });
      if (threshold !== undefined) preferences.payment_failure_threshold = threshold;
      return;
    }
    case '/payment_preferences/setup_fee': {
      const fee = check.money(value, at);
      if (fee !== undefined) preferences.setup_fee = fee;
      return;
    }
    case '/payment_preferences/setup_fee_failure_action': {
      const action = check.oneOf(value, at, SETUP_FEE_FAILURE_ACTIONS);
      if (action !== undefined) preferences.setup_fee_failure_action = action;
      return;
    }
    case '/taxes/percentage': {
      const percentage = checkPercentage(value, at, check, false);
      if (percentage !== undefined && plan.taxes !== undefined) plan.taxes.percentage = percentage;
      return;
    }
  }
}

/** The plan's one currency: that of its first priced cycle. */
export function planCurrency(plan: PayPalPlan): string | undefined {
  for (const cycle of plan.billing_cycles) {
    const scheme = cycle.pricing_scheme;
    const money = scheme?.fixed_price ?? scheme?.tiers?.[0]?.amount;
    if (money !== undefined) return money.currency_code;
  }
  return plan.payment_preferences.setup_fee?.currency_code;
}
