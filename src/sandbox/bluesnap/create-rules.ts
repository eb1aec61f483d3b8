// What a Create Plan body must satisfy (reference §4.1): the four required properties, each property's
// value rule, amounts in their currency (minimum and minor units), no INACTIVE plans, and the ONCE
// combination rule. All failures are reported together.

import type { JsonParseResult } from '../kit/index.js';
import { type BlueSnapErrorItem, errorItem } from './errors.js';
import {
  ErrorList,
  amountDecimalsErrors,
  checkChargeFrequency,
  checkChargeOnPlanSwitch,
  checkConfiguration,
  checkCurrency,
  checkGraceDays,
  checkInitialAmount,
  checkMaxCharges,
  checkName,
  checkRecurringAmount,
  checkTrialDays,
  invalidStatus,
  isAbsent,
  missingRequiredFields,
  planBody,
  recurringAmountErrors,
} from './field-rules.js';
import type { PlanRecord } from './plan-record.js';

export type NewPlan = Omit<PlanRecord, 'planId'>;

export type CreateCheck = { ok: true; plan: NewPlan } | { ok: false; errors: BlueSnapErrorItem[] };

export function checkCreate(json: JsonParseResult): CreateCheck {
  const parsed = planBody(json);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const body = parsed.value;
  const errors = new ErrorList();

  errors.add(...missingRequiredFields(body));
  const name = errors.check(body.name, checkName);
  const recurringChargeAmount = errors.check(body.recurringChargeAmount, checkRecurringAmount);
  const currency = errors.check(body.currency, checkCurrency);
  const chargeFrequency = errors.check(body.chargeFrequency, checkChargeFrequency);
  const trialPeriodDays = errors.check(body.trialPeriodDays, checkTrialDays);
  const initialChargeAmount = errors.check(body.initialChargeAmount, checkInitialAmount);
  const maxNumberOfCharges = errors.check(body.maxNumberOfCharges, checkMaxCharges);
  const gracePeriodDays = errors.check(body.gracePeriodDays, checkGraceDays);
  const chargeOnPlanSwitch = errors.check(body.chargeOnPlanSwitch, checkChargeOnPlanSwitch);
  if (currency !== undefined && recurringChargeAmount !== undefined) {
    errors.add(...recurringAmountErrors(recurringChargeAmount, currency));
  }
  if (currency !== undefined && initialChargeAmount !== undefined) {
    errors.add(...amountDecimalsErrors('initialChargeAmount', initialChargeAmount, currency));
  }

  // Plans are born ACTIVE; sending ACTIVE is harmless, INACTIVE has its own error.
  if (body.status === 'INACTIVE') {
    errors.add(errorItem('CANNOT_CREATE_INACTIVE_PLAN', 'A plan cannot be created with status INACTIVE.'));
  } else if (!isAbsent(body.status) && body.status !== 'ACTIVE') {
    errors.add(invalidStatus());
  }
  if (chargeFrequency !== undefined) {
    errors.add(...checkConfiguration({ chargeFrequency, trialPeriodDays, maxNumberOfCharges }));
  }

  if (
    errors.items.length > 0 ||
    name === undefined ||
    recurringChargeAmount === undefined ||
    currency === undefined ||
    chargeFrequency === undefined
  ) {
    return { ok: false, errors: errors.items };
  }
  return {
    ok: true,
    plan: {
      name,
      recurringChargeAmount,
      currency,
      chargeFrequency,
      ...(trialPeriodDays !== undefined && { trialPeriodDays }),
      ...(initialChargeAmount !== undefined && { initialChargeAmount }),
      ...(maxNumberOfCharges !== undefined && { maxNumberOfCharges }),
      ...(gracePeriodDays !== undefined && { gracePeriodDays }),
      chargeOnPlanSwitch: chargeOnPlanSwitch ?? false,
      status: 'ACTIVE',
    },
  };
}
