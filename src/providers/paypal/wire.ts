// PayPal's wire shapes and checks of what it returns, so a malformed answer is an error naming the
// endpoint and field, never a wrong plan.

import { ProviderError } from '../../errors.js';

export interface PayPalPlan {
  id: string;
  product_id?: string;
  name?: string;
  status?: 'CREATED' | 'ACTIVE' | 'INACTIVE';
  billing_cycles?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export interface PayPalPlanList {
  plans: PayPalPlan[];
  total_pages?: number;
  links?: Array<{ rel: string; href: string }>;
}

function invalid(endpoint: string, field: string, detail: string): ProviderError {
  return new ProviderError(`paypal: invalid response from ${endpoint}: ${field} ${detail}`, {
    provider: 'paypal',
    operation: endpoint,
  });
}

/** A plan with at least its id and status (a minimal representation). */
export function checkPlanSummary(value: unknown, endpoint: string, where = 'plan'): PayPalPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(endpoint, where, 'is not an object');
  const plan = value as Record<string, unknown>;
  if (typeof plan.id !== 'string' || plan.id === '') throw invalid(endpoint, `${where}.id`, 'is missing');
  if (plan.status !== undefined && !['CREATED', 'ACTIVE', 'INACTIVE'].includes(plan.status as string)) {
    throw invalid(endpoint, `${where}.status`, `has an unexpected value ${JSON.stringify(plan.status)}`);
  }
  return plan as PayPalPlan;
}

/** Whether a plan carries what plansync compares (a full representation). */
export function isFull(plan: PayPalPlan): boolean {
  return (
    Array.isArray(plan.billing_cycles) && typeof plan.product_id === 'string' && typeof plan.name === 'string'
  );
}

export function checkFullPlan(value: unknown, endpoint: string, where = 'plan'): PayPalPlan {
  const plan = checkPlanSummary(value, endpoint, where);
  for (const field of ['product_id', 'name', 'status'] as const) {
    if (typeof plan[field] !== 'string') throw invalid(endpoint, `${where}.${field}`, 'is missing');
  }
  if (!Array.isArray(plan.billing_cycles) || plan.billing_cycles.length === 0) {
    throw invalid(endpoint, `${where}.billing_cycles`, 'is missing or empty');
  }
  plan.billing_cycles.forEach((cycle, i) => {
    const at = `${where}.billing_cycles[${i}]`;
    if (!Number.isInteger(cycle.sequence)) throw invalid(endpoint, `${at}.sequence`, 'is missing');
    if (cycle.tenure_type !== 'TRIAL' && cycle.tenure_type !== 'REGULAR')
      throw invalid(endpoint, `${at}.tenure_type`, 'is missing');
    const frequency = cycle.frequency as Record<string, unknown> | undefined;
    if (typeof frequency?.interval_unit !== 'string')
      throw invalid(endpoint, `${at}.frequency.interval_unit`, 'is missing');
  });
  return plan;
}

export function checkPlanList(value: unknown, endpoint: string): PayPalPlanList {
  if (typeof value !== 'object' || value === null) throw invalid(endpoint, 'body', 'is not an object');
  const record = value as Record<string, unknown>;
  const plans = record.plans ?? [];
  if (!Array.isArray(plans)) throw invalid(endpoint, 'plans', 'is not an array');
  return {
    plans: plans.map((plan, i) => checkPlanSummary(plan, endpoint, `plans[${i}]`)),
    ...(typeof record.total_pages === 'number' ? { total_pages: record.total_pages } : {}),
    ...(Array.isArray(record.links) ? { links: record.links as PayPalPlanList['links'] } : {}),
  };
}

/** PayPal's REST error (`name`, `message`, `details[].issue`) or OAuth error (`error`, `error_description`). */
export function describePayPalError(
  _status: number,
  body: unknown,
): { code?: string; message: string } | undefined {
  const error = body as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return undefined;
  if (typeof error.error === 'string') {
    return { code: error.error, message: String(error.error_description ?? error.error) };
  }
  if (typeof error.name !== 'string') return undefined;
  const details = Array.isArray(error.details) ? (error.details as Array<Record<string, unknown>>) : [];
  const issues = details.map((d) => `${String(d.issue)}${d.description ? `: ${String(d.description)}` : ''}`);
  const debug = typeof error.debug_id === 'string' ? ` (debug_id ${error.debug_id})` : '';
  return {
    code: error.name,
    message: `${issues.length > 0 ? issues.join('; ') : String(error.message ?? '')}${debug}`,
  };
}
