// What an Update Plan (PUT) body must satisfy against the stored plan (reference §4.4 and the seed
// document): it is a full replacement that must repeat the immutable triple unchanged, may change the
// values of an existing trial or initial charge but not add or remove them, and resets what it omits.

import type { JsonParseResult } from '../kit/index.js';
import { compareDecimals, parseDecimal } from './decimal.js';
import { type BlueSnapErrorItem, errorItem } from './errors.js';
import {
  ErrorList,
  type FieldResult,
  checkChargeOnPlanSwitch,
  checkConfiguration,
  checkGraceDays,
  checkInitialAmount,
  checkMaxCharges,
  checkName,
  checkTrialDays,
  invalidStatus,
  isAbsent,
  missingRequiredFields,
  planBody,
} from './field-rules.js';
import type { BlueSnapPlanStatus, PlanRecord } from './plan-record.js';

export type UpdateCheck = { ok: true; plan: PlanRecord } | { ok: false; errors: BlueSnapErrorItem[] };

/** Fields that exist on a plan from creation on, or never: their presence cannot change. */
type LockedElement = 'trialPeriodDays' | 'initialChargeAmount';

export function checkUpdate(stored: PlanRecord, json: JsonParseResult): UpdateCheck {
  const parsed = planBody(json);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const body = parsed.value;
  const errors = new ErrorList();

  errors.add(...missingRequiredFields(body));
  const name = errors.check(body.name, checkName);
  errors.add(...immutableTripleErrors(stored, body));

  const trialPeriodDays = lockedElement(stored, body, 'trialPeriodDays', errors, checkTrialDays);
  const initialChargeAmount = lockedElement(stored, body, 'initialChargeAmount', errors, checkInitialAmount);
  // Inferred: like the trial, grace period and charge cap are replaced by what the PUT carries, so
  // omitting one that the plan has clears it (the reference: "may clear grace/max charges").
  const gracePeriodDays = errors.check(body.gracePeriodDays, checkGraceDays);
  const maxNumberOfCharges = errors.check(body.maxNumberOfCharges, checkMaxCharges);
  // Inferred: an omitted chargeOnPlanSwitch takes its documented default, false.
  const chargeOnPlanSwitch = errors.check(body.chargeOnPlanSwitch, checkChargeOnPlanSwitch) ?? false;
  const status = checkStatus(stored.status, body.status, errors);
  errors.add(
    ...checkConfiguration({ chargeFrequency: stored.chargeFrequency, trialPeriodDays, maxNumberOfCharges }),
  );

  if (errors.items.length > 0 || name === undefined) return { ok: false, errors: errors.items };
  return {
    ok: true,
    plan: {
      planId: stored.planId,
      name,
      recurringChargeAmount: stored.recurringChargeAmount,
      currency: stored.currency,
      chargeFrequency: stored.chargeFrequency,
      ...(trialPeriodDays !== undefined && { trialPeriodDays }),
      ...(initialChargeAmount !== undefined && { initialChargeAmount }),
      ...(maxNumberOfCharges !== undefined && { maxNumberOfCharges }),
      ...(gracePeriodDays !== undefined && { gracePeriodDays }),
      chargeOnPlanSwitch,
      status,
    },
  };
}

/** Present members of the triple must equal the stored values; amounts compare by decimal value. */
function immutableTripleErrors(stored: PlanRecord, body: Record<string, unknown>): BlueSnapErrorItem[] {
  const sent = parseDecimal(body.recurringChargeAmount);
  const changed = [
    !isAbsent(body.recurringChargeAmount) &&
    (sent === undefined || compareDecimals(sent, stored.recurringChargeAmount) !== 0)
      ? 'recurringChargeAmount'
      : undefined,
    !isAbsent(body.currency) && body.currency !== stored.currency ? 'currency' : undefined,
    !isAbsent(body.chargeFrequency) && body.chargeFrequency !== stored.chargeFrequency
      ? 'chargeFrequency'
      : undefined,
  ].filter((field) => field !== undefined);
  return changed.map((field) =>
    errorItem('NON_UPDATABLE_FIELD', `${field} cannot be updated. Please create a new plan instead.`),
  );
}

/** A trial or initial charge may change value but can be neither added nor removed. */
function lockedElement<T>(
  stored: PlanRecord,
  body: Record<string, unknown>,
  element: LockedElement,
  errors: ErrorList,
  rule: (raw: unknown) => FieldResult<T>,
): T | undefined {
  const had = stored[element] !== undefined;
  const sends = !isAbsent(body[element]);
  if (sends && !had) {
    errors.add(
      errorItem(
        'CANNOT_ADD_ELEMENT',
        `Cannot add ${element} to a plan that didn't already have one. Please create a new plan instead.`,
      ),
    );
    return undefined;
  }
  if (!sends && had) {
    errors.add(
      errorItem(
        'CANNOT_DELETE_ELEMENT',
        `Cannot remove ${element} from a plan that already had one. Please create a new plan instead.`,
      ),
    );
    return undefined;
  }
  return errors.check(body[element], rule);
}

/** An omitted status leaves the plan as it is; otherwise only the two known values are accepted. */
function checkStatus(current: BlueSnapPlanStatus, sent: unknown, errors: ErrorList): BlueSnapPlanStatus {
  if (isAbsent(sent)) return current;
  if (sent === 'ACTIVE' || sent === 'INACTIVE') return sent;
  errors.add(invalidStatus());
  return current;
}
