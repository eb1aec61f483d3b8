// Constant Contact's wire shapes for a client account's plan, and checks of what it returns.

import { checkShape, nullable, optional, type ResponseSource, type Shape } from '../response-shape.js';

export interface PlanTiers {
  plan_type: string;
  current_tiers?: Array<Record<string, unknown>>;
  billing_status?: string;
  billing_day_of_month?: number | null;
}

export interface PlanInfo {
  plan_type?: string;
  billing_day_of_month?: number;
}

const TIER: Shape = {
  object: {
    usage_type: optional('string'),
    current_usage: optional('number'),
    tier: optional('integer'),
    tier_min: optional('number'),
    tier_max: optional('number'),
    price: optional('number'),
    currency_code: optional('string'),
  },
};

/** Reference §3.1 (PlanTiersObject): what GET and PUT plan answer. */
const PLAN_TIERS: Shape = {
  object: {
    plan_type: 'string',
    billing_status: optional('string'),
    billing_day_of_month: nullable({
      test: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 31,
      expected: 'a day of the month (1-31)',
    }),
    current_tiers: optional({ array: TIER }),
  },
};

export function checkPlanTiers(value: unknown, source: ResponseSource): PlanTiers {
  return checkShape<PlanTiers>(source, value, PLAN_TIERS);
}

/**
 * Constant Contact's error bodies: an array of `{error_key, error_message}` (validation), one such
 * object (authorization), `{message}` from the gateway (429/5xx), or an OAuth `{error}` from the token
 * service.
 */
export function describeConstantContactError(
  _status: number,
  body: unknown,
): { code?: string; message: string } | undefined {
  const items = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  const first = items[0] as Record<string, unknown> | undefined;
  if (!first) return undefined;
  if (typeof first.error === 'string')
    return { code: first.error, message: String(first.error_description ?? first.error) };
  if (typeof first.error_key === 'string') {
    return {
      code: first.error_key,
      message: items.map((item) => String((item as Record<string, unknown>).error_message ?? '')).join('; '),
    };
  }
  if (typeof first.message === 'string') return { message: first.message };
  return undefined;
}
