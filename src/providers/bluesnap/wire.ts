// BlueSnap's wire format (JSON, camelCase) and a check of every plan it returns, so that a malformed
// response becomes an error naming the endpoint and field instead of a wrong plan.

import { checkShape, nullable, optional, type ResponseSource, type Shape } from '../response-shape.js';

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

interface BlueSnapErrorBody {
  message: Array<{ errorName?: string; code?: string | number; description?: string }>;
}

/** Everything plansync compares (see mapping.liveAttrs); optional fields may also come as null. */
const PLAN: Shape = {
  object: {
    planId: 'integer',
    name: 'string',
    recurringChargeAmount: 'decimal',
    currency: 'string',
    chargeFrequency: 'string',
    trialPeriodDays: nullable('integer'),
    initialChargeAmount: nullable('decimal'),
    gracePeriodDays: nullable('integer'),
    maxNumberOfCharges: nullable('integer'),
    chargeOnPlanSwitch: nullable('boolean'),
    status: nullable({ enum: ['ACTIVE', 'INACTIVE'] }),
  },
};

// BlueSnap omits `plans` on an empty account; `totalResults` comes only with `gettotal=true`.
const LIST: Shape = {
  object: { totalResults: optional('integer'), lastPage: 'boolean', plans: nullable({ array: PLAN }) },
};

export function checkPlan(value: unknown, source: ResponseSource, where = 'plan'): BlueSnapPlan {
  return checkShape<BlueSnapPlan>(source, value, PLAN, where);
}

export function checkPlanList(value: unknown, source: ResponseSource): BlueSnapPlanList {
  const list = checkShape<Omit<BlueSnapPlanList, 'plans'> & { plans?: BlueSnapPlan[] | null }>(
    source,
    value,
    LIST,
  );
  return {
    ...(list.totalResults !== undefined && { totalResults: list.totalResults }),
    lastPage: list.lastPage,
    plans: list.plans ?? [],
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
