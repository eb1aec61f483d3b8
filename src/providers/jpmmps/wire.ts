// The J.P. Morgan MPS plan on the wire, checks of what the API returns, and its error bodies.

import { checkShape, nullable, optional, type ResponseSource, type Shape } from '../response-shape.js';

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
  page?: number;
  pageSize?: number;
  count?: number;
  totalPages: number;
  data: JpmPlan[];
}

/** Everything plansync compares (see mapping.toAttrs), plus what lookups and filters use. */
const PLAN: Shape = {
  object: {
    id: {
      test: (v) => typeof v === 'string' && v.startsWith('SubscriptionPlan-'),
      expected: 'a plan id (SubscriptionPlan-...)',
    },
    name: 'string',
    createdAt: 'string',
    deletedAt: nullable('string'),
    description: nullable('string'),
    recurrentAmount: 'decimal',
    currencyIsoCode: 'string',
    trialDurationPeriod: nullable('integer'),
    trialDurationUnit: nullable('string'),
    billingOccurrence: 'integer',
    billingUnit: 'string',
    billingCycles: 'integer',
    prepaid: nullable('boolean'),
    merchantMetadata: nullable('string'),
  },
};

const PAGE: Shape = {
  object: {
    data: { array: PLAN },
    totalPages: 'integer',
    page: optional('integer'),
    pageSize: optional('integer'),
    count: optional('integer'),
  },
};

export function checkPlan(value: unknown, source: ResponseSource, where = 'plan'): JpmPlan {
  return checkShape<JpmPlan>(source, value, PLAN, where);
}

export function checkPage(value: unknown, source: ResponseSource): JpmPage {
  return checkShape<JpmPage>(source, value, PAGE);
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
