// BlueSnap's wire format (JSON, camelCase) and a check of every plan it returns, so that a malformed
// response becomes an error naming the endpoint and field instead of a wrong plan.

import { ProviderError } from '../../errors.js';
import { isDecimal } from '../../core/money.js';

export interface BlueSnapPlan {
  planId: number;
  name: string;
  recurringChargeAmount: number | string;
  currency: string;
  chargeFrequency: string;
  trialPeriodDays?: number;
  initialChargeAmount?: number | string;
  gracePeriodDays?: number;
  maxNumberOfCharges?: number;
  chargeOnPlanSwitch?: boolean;
  status?: 'ACTIVE' | 'INACTIVE';
}

/** A plan body for POST and PUT (no planId). */
export type BlueSnapPlanBody = Omit<BlueSnapPlan, 'planId'>;

export interface BlueSnapPlanList {
  totalResults?: number;
  lastPage: boolean;
  plans: BlueSnapPlan[];
}

export interface BlueSnapErrorBody {
  message: Array<{ errorName?: string; code?: string | number; description?: string }>;
}

type Check = (value: unknown) => boolean;
const isInt: Check = (v) => typeof v === 'number' && Number.isInteger(v);
const isAmount: Check = (v) => (typeof v === 'number' || typeof v === 'string') && isDecimal(v);

const REQUIRED: Record<string, Check> = {
  planId: isInt,
  name: (v) => typeof v === 'string',
  recurringChargeAmount: isAmount,
  currency: (v) => typeof v === 'string',
  chargeFrequency: (v) => typeof v === 'string',
};
const OPTIONAL: Record<string, Check> = {
  trialPeriodDays: isInt,
  initialChargeAmount: isAmount,
  gracePeriodDays: isInt,
  maxNumberOfCharges: isInt,
  chargeOnPlanSwitch: (v) => typeof v === 'boolean',
  status: (v) => v === 'ACTIVE' || v === 'INACTIVE',
};

function invalid(endpoint: string, field: string, detail: string): ProviderError {
  return new ProviderError(`bluesnap: invalid response from ${endpoint}: ${field} ${detail}`, {
    provider: 'bluesnap',
    operation: endpoint,
  });
}

export function checkPlan(value: unknown, endpoint: string, where = 'plan'): BlueSnapPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(endpoint, where, 'is not an object');
  }
  const record = value as Record<string, unknown>;
  for (const [field, check] of Object.entries(REQUIRED)) {
    if (record[field] === undefined) throw invalid(endpoint, `${where}.${field}`, 'is missing');
    if (!check(record[field]))
      throw invalid(
        endpoint,
        `${where}.${field}`,
        `has an unexpected value ${JSON.stringify(record[field])}`,
      );
  }
  for (const [field, check] of Object.entries(OPTIONAL)) {
    if (record[field] !== undefined && record[field] !== null && !check(record[field])) {
      throw invalid(
        endpoint,
        `${where}.${field}`,
        `has an unexpected value ${JSON.stringify(record[field])}`,
      );
    }
  }
  return record as unknown as BlueSnapPlan;
}

export function checkPlanList(value: unknown, endpoint: string): BlueSnapPlanList {
  if (typeof value !== 'object' || value === null) throw invalid(endpoint, 'body', 'is not an object');
  const record = value as Record<string, unknown>;
  if (typeof record.lastPage !== 'boolean')
    throw invalid(endpoint, 'lastPage', 'is missing or not a boolean');
  // BlueSnap omits `plans` on an empty account.
  const plans = record.plans ?? [];
  if (!Array.isArray(plans)) throw invalid(endpoint, 'plans', 'is not an array');
  return {
    lastPage: record.lastPage,
    plans: plans.map((plan, i) => checkPlan(plan, endpoint, `plans[${i}]`)),
  };
}

/** BlueSnap's error body: `{"message": [{"errorName", "code", "description"}]}`. */
export function describeBlueSnapError(
  _status: number,
  body: unknown,
): { code?: string; message: string } | undefined {
  const messages = (body as Partial<BlueSnapErrorBody> | undefined)?.message;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const first = messages[0] ?? {};
  const code = first.errorName
    ? `${first.errorName}${first.code === undefined ? '' : ` (${String(first.code)})`}`
    : undefined;
  const message = messages.map((m) => m.description ?? m.errorName ?? 'error').join('; ');
  return code === undefined ? { message } : { code, message };
}
