// The J.P. Morgan MPS plan on the wire, checks of what the API returns, and its error bodies.

import { isDecimal } from '../../core/money.js';
import { ProviderError } from '../../errors.js';

export interface JpmPlan {
  id: string;
  createdAt: string;
  updatedAt?: string;
  deletedAt?: string | null;
  name: string;
  description?: string;
  recurrentAmount: number | string;
  currencyIsoCode: string;
  trialDurationPeriod?: number | null;
  trialDurationUnit?: string | null;
  billingOccurrence: number;
  billingUnit: string;
  billingCycles: number;
  prepaid?: boolean;
  merchantMetadata?: string | null;
}

export interface JpmPage {
  page: number;
  pageSize: number;
  count: number;
  totalPages: number;
  data: JpmPlan[];
}

function invalid(endpoint: string, field: string, detail: string): ProviderError {
  return new ProviderError(`jpmmps: invalid response from ${endpoint}: ${field} ${detail}`, {
    provider: 'jpmmps',
    operation: endpoint,
  });
}

export function checkPlan(value: unknown, endpoint: string, where = 'plan'): JpmPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(endpoint, where, 'is not an object');
  const plan = value as Record<string, unknown>;
  if (typeof plan.id !== 'string' || !plan.id.startsWith('SubscriptionPlan-'))
    throw invalid(endpoint, `${where}.id`, 'is missing or malformed');
  if (typeof plan.name !== 'string') throw invalid(endpoint, `${where}.name`, 'is missing');
  if (typeof plan.createdAt !== 'string') throw invalid(endpoint, `${where}.createdAt`, 'is missing');
  if (!isDecimal(plan.recurrentAmount))
    throw invalid(endpoint, `${where}.recurrentAmount`, 'is missing or not a number');
  if (typeof plan.currencyIsoCode !== 'string')
    throw invalid(endpoint, `${where}.currencyIsoCode`, 'is missing');
  for (const field of ['billingOccurrence', 'billingCycles'] as const) {
    if (!Number.isInteger(plan[field]))
      throw invalid(endpoint, `${where}.${field}`, 'is missing or not an integer');
  }
  if (typeof plan.billingUnit !== 'string') throw invalid(endpoint, `${where}.billingUnit`, 'is missing');
  return plan as unknown as JpmPlan;
}

export function checkPage(value: unknown, endpoint: string): JpmPage {
  if (typeof value !== 'object' || value === null) throw invalid(endpoint, 'body', 'is not an object');
  const page = value as Record<string, unknown>;
  if (!Array.isArray(page.data)) throw invalid(endpoint, 'data', 'is not an array');
  if (typeof page.totalPages !== 'number') throw invalid(endpoint, 'totalPages', 'is missing');
  return {
    page: Number(page.page),
    pageSize: Number(page.pageSize),
    count: Number(page.count),
    totalPages: page.totalPages,
    data: page.data.map((plan, i) => checkPlan(plan, endpoint, `data[${i}]`)),
  };
}

/** Error bodies are not documented in detail: take a message and a code where there are some. */
export function describeJpmError(
  _status: number,
  body: unknown,
): { code?: string; message: string } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = body as Record<string, unknown>;
  const message = [error.message, error.error, error.detail].find((v) => typeof v === 'string') as
    string | undefined;
  const details = Array.isArray(error.errors)
    ? error.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')
    : '';
  if (!message && !details) return undefined;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const text = [message, details].filter(Boolean).join(': ');
  return code === undefined ? { message: text } : { code, message: text };
}
