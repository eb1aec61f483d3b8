// A BlueSnap plan twice over: as it travels in JSON (`BlueSnapWirePlan`, amounts as numbers) and as the
// emulator stores it (`PlanRecord`, amounts as exact canonical decimals), with the conversions between.

import { type CanonicalDecimal, decimalToJsonNumber, parseDecimal } from './decimal.js';

export const BLUESNAP_CHARGE_FREQUENCIES = [
  'ONCE',
  'DAILY',
  'WEEKLY',
  'EVERY 2 WEEKS',
  'MONTHLY',
  'EVERY 2 MONTHS',
  'QUARTERLY',
  'EVERY 6 MONTHS',
  'ANNUALLY',
  'EVERY 2 YEARS',
  'EVERY 3 YEARS',
] as const;

export type BlueSnapChargeFrequency = (typeof BLUESNAP_CHARGE_FREQUENCIES)[number];

export type BlueSnapPlanStatus = 'ACTIVE' | 'INACTIVE';

/** A plan in BlueSnap's JSON wire format, as GET returns it. */
export interface BlueSnapWirePlan {
  planId: number;
  name: string;
  /** A number on the wire; a numeric string is accepted where an exact decimal matters (seeds). */
  recurringChargeAmount: number | string;
  currency: string;
  chargeFrequency: BlueSnapChargeFrequency;
  trialPeriodDays?: number;
  initialChargeAmount?: number | string;
  maxNumberOfCharges?: number;
  gracePeriodDays?: number;
  chargeOnPlanSwitch?: boolean;
  status: BlueSnapPlanStatus;
}

/** A plan as the emulator stores it: optional fields absent when never set. */
export interface PlanRecord {
  planId: number;
  name: string;
  recurringChargeAmount: CanonicalDecimal;
  currency: string;
  chargeFrequency: BlueSnapChargeFrequency;
  trialPeriodDays?: number;
  initialChargeAmount?: CanonicalDecimal;
  maxNumberOfCharges?: number;
  gracePeriodDays?: number;
  /**
   * Always present. Inferred: BlueSnap documents `false` as the default, so responses carry
   * `"chargeOnPlanSwitch": false` for a plan that never set it rather than omitting the property.
   */
  chargeOnPlanSwitch: boolean;
  status: BlueSnapPlanStatus;
}

/** The response object, properties in the order of BlueSnap's documented example. */
export function toWire(plan: PlanRecord): BlueSnapWirePlan {
  return {
    planId: plan.planId,
    name: plan.name,
    recurringChargeAmount: decimalToJsonNumber(plan.recurringChargeAmount),
    currency: plan.currency,
    chargeFrequency: plan.chargeFrequency,
    ...(plan.trialPeriodDays !== undefined && { trialPeriodDays: plan.trialPeriodDays }),
    ...(plan.initialChargeAmount !== undefined && {
      initialChargeAmount: decimalToJsonNumber(plan.initialChargeAmount),
    }),
    ...(plan.maxNumberOfCharges !== undefined && { maxNumberOfCharges: plan.maxNumberOfCharges }),
    ...(plan.gracePeriodDays !== undefined && { gracePeriodDays: plan.gracePeriodDays }),
    chargeOnPlanSwitch: plan.chargeOnPlanSwitch,
    status: plan.status,
  };
}

/**
 * Turns a plan given by a test or seed into a record. Only the shape is checked (a dashboard edit may
 * produce plans the API would refuse), but an amount that is not a decimal is a bug in the caller.
 */
export function fromWire(plan: BlueSnapWirePlan): PlanRecord {
  const recurring = requireDecimal(plan.recurringChargeAmount, 'recurringChargeAmount', plan.planId);
  const initial =
    plan.initialChargeAmount === undefined
      ? undefined
      : requireDecimal(plan.initialChargeAmount, 'initialChargeAmount', plan.planId);
  if (!Number.isSafeInteger(plan.planId) || plan.planId <= 0) {
    throw new RangeError(`BlueSnap plan id must be a positive integer, got ${String(plan.planId)}`);
  }
  return {
    planId: plan.planId,
    name: plan.name,
    recurringChargeAmount: recurring,
    currency: plan.currency,
    chargeFrequency: plan.chargeFrequency,
    ...(plan.trialPeriodDays !== undefined && { trialPeriodDays: plan.trialPeriodDays }),
    ...(initial !== undefined && { initialChargeAmount: initial }),
    ...(plan.maxNumberOfCharges !== undefined && { maxNumberOfCharges: plan.maxNumberOfCharges }),
    ...(plan.gracePeriodDays !== undefined && { gracePeriodDays: plan.gracePeriodDays }),
    chargeOnPlanSwitch: plan.chargeOnPlanSwitch ?? false,
    status: plan.status,
  };
}

function requireDecimal(value: number | string, field: string, planId: number): CanonicalDecimal {
  const decimal = parseDecimal(value);
  if (decimal === undefined) throw new TypeError(`plan ${planId}: ${field} is not a decimal amount`);
  return decimal;
}
