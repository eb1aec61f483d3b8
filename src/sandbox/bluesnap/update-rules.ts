// What an Update Plan (PUT) body must satisfy against the stored plan (reference §4.4 and the seed
// document): it must repeat the immutable triple unchanged, may change the values of an existing trial
// or initial charge but not add them, and keeps or clears what it omits (`PutOmission`, below).

import type { JsonParseResult } from '../kit/index.js';
import { compareDecimals, parseDecimal } from './decimal.js';
import { type BlueSnapErrorItem, errorItem } from './errors.js';
import {
  ErrorList,
  type FieldResult,
  amountDecimalsErrors,
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

/**
 * What a PUT does to an optional field it leaves out (or sends as null). The documents allow two
 * readings, so the emulator offers both:
 *
 * - `keep` (the default): an omitted field keeps its stored value. The seed document's own Update Plan
 *   example sends `chargeFrequency`, `trialPeriodDays`, `initialChargeAmount`, `name`, `currency` and
 *   `recurringChargeAmount` only, and its response example holds `"gracePeriodDays": 10`,
 *   `"maxNumberOfCharges": 12` and `"chargeOnPlanSwitch": true`, values that can only have come from
 *   the stored plan. The reference agrees: the PUT "must contain `name`, `currency`,
 *   `recurringChargeAmount`, `chargeFrequency` … plus any optional fields to change". Under this
 *   reading no documented request removes a trial or initial charge, so CANNOT_DELETE_ELEMENT is
 *   never answered, and no documented value clears a grace period or a charge cap.
 * - `clear`: the reference's inference, "omitting an optional field that the plan already has (e.g.
 *   `trialPeriodDays`) on PUT is treated as "remove" → `CANNOT_DELETE_ELEMENT` for trial/initial
 *   charge, and may clear grace/max charges"; `chargeOnPlanSwitch` then takes its documented default,
 *   "optional (default `false`)".
 */
export type PutOmission = 'keep' | 'clear';

/** Fields that exist on a plan from creation on, or never: their presence cannot change. */
type LockedElement = 'trialPeriodDays' | 'initialChargeAmount';

export function checkUpdate(
  stored: PlanRecord,
  json: JsonParseResult,
  omission: PutOmission = 'keep',
): UpdateCheck {
  const parsed = planBody(json);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const body = parsed.value;
  const errors = new ErrorList();
  /** The stored value of a field the body leaves out, under the `keep` reading. */
  const kept = <K extends keyof PlanRecord>(field: K): PlanRecord[K] | undefined =>
    omission === 'keep' && isAbsent(body[field]) ? stored[field] : undefined;

  errors.add(...missingRequiredFields(body));
  const name = errors.check(body.name, checkName);
  errors.add(...immutableTripleErrors(stored, body));

  const trialPeriodDays =
    kept('trialPeriodDays') ?? lockedElement(stored, body, 'trialPeriodDays', errors, checkTrialDays);
  const initialChargeAmount =
    kept('initialChargeAmount') ??
    lockedElement(stored, body, 'initialChargeAmount', errors, checkInitialAmount);
  if (!isAbsent(body.initialChargeAmount) && initialChargeAmount !== undefined) {
    errors.add(...amountDecimalsErrors('initialChargeAmount', initialChargeAmount, stored.currency));
  }
  const gracePeriodDays = errors.check(body.gracePeriodDays, checkGraceDays) ?? kept('gracePeriodDays');
  const maxNumberOfCharges =
    errors.check(body.maxNumberOfCharges, checkMaxCharges) ?? kept('maxNumberOfCharges');
  const chargeOnPlanSwitch =
    errors.check(body.chargeOnPlanSwitch, checkChargeOnPlanSwitch) ?? kept('chargeOnPlanSwitch') ?? false;
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
