// Constant Contact's wire shapes for a client account's plan, and checks of what it returns.

import { ProviderError } from '../../errors.js';

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

export function checkPlanTiers(value: unknown, endpoint: string): PlanTiers {
  const fail = (field: string, detail: string) =>
    new ProviderError(`constantcontact: invalid response from ${endpoint}: ${field} ${detail}`, {
      provider: 'constantcontact',
      operation: endpoint,
    });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail('body', 'is not an object');
  const plan = value as Record<string, unknown>;
  if (typeof plan.plan_type !== 'string') throw fail('plan_type', 'is missing');
  if (plan.billing_status !== undefined && typeof plan.billing_status !== 'string') {
    throw fail('billing_status', `has an unexpected value ${JSON.stringify(plan.billing_status)}`);
  }
  const day = plan.billing_day_of_month;
  if (
    day !== undefined &&
    day !== null &&
    !(Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 31)
  ) {
    throw fail('billing_day_of_month', `has an unexpected value ${JSON.stringify(day)}`);
  }
  if (plan.current_tiers !== undefined && !Array.isArray(plan.current_tiers))
    throw fail('current_tiers', 'is not an array');
  return plan as unknown as PlanTiers;
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
