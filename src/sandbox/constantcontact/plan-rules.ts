// PUT /partner/accounts/{id}/plan (reference §4.4 and §5). Each rule is checked in the order a careful
// server would: body shape, plan group, the target plan type, then the TRIAL / billable / Canceled
// transitions. Unknown body fields (`current_tiers`, `billing_status` sent by mistake) are ignored.

import type { EmulatorResponse, JsonParseResult } from '../kit/index.js';
import type { BillingStatus, ConstantContactAccount } from './account-types.js';
import { ERROR_KEYS, apiError, validationError } from './errors.js';

export interface PlanGroupConfig {
  /** Plan types enabled in the partner plan group. */
  planTypes: readonly string[];
  /** The partner's default plan group. */
  planGroupId: number;
  /** Other plan groups that exist; moving to one of them is refused (reference §4.4 rule 5). */
  knownPlanGroupIds: ReadonlySet<number>;
}

export interface PlanUpdate {
  plan_type: string;
  billing_status: BillingStatus;
  billing_day_of_month: number | null;
  plan_group_id: number;
}

export type PlanCheck = { ok: true; update: PlanUpdate } | { ok: false; response: EmulatorResponse };

const TRIAL = 'TRIAL';

/** `today` is the day of month on the emulator clock, the default billing day on leaving TRIAL. */
export function checkPlanUpdate(
  account: ConstantContactAccount,
  json: JsonParseResult,
  config: PlanGroupConfig,
  today: number,
): PlanCheck {
  if (json.kind === 'invalid')
    return fail(apiError(400, ERROR_KEYS.malformed, 'The request body is malformed JSON.'));
  const body = json.kind === 'empty' ? {} : json.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(validationError('The request body must be a PlanInfo object.'));
  }
  const fields = body as Record<string, unknown>;
  const planType = fields.plan_type ?? undefined;
  if (planType !== undefined && typeof planType !== 'string')
    return fail(validationError('plan_type must be a string.'));
  // Read only where it counts. The seed document: "You can change the billing_day_of_month only when
  // changing the plan_type value from TRIAL to a different plan_type, otherwise the value you enter is
  // ignored", and "Any additional properties and values that you include in the request body are
  // ignored": so any value, of any type, is ignored on every other request.
  const day = integerField(fields.billing_day_of_month);
  const group = integerField(fields.plan_group_id);
  if (group === 'invalid') return fail(validationError('plan_group_id must be an integer.'));

  const update: PlanUpdate = {
    plan_type: account.plan_type,
    billing_status: account.billing_status,
    billing_day_of_month: account.billing_day_of_month,
    plan_group_id: account.plan_group_id,
  };
  if (group !== undefined && group !== account.plan_group_id) {
    // Rule 5 kept simple: a group that exists but is not the account's is an error; an unknown id
    // falls back to the partner's default group.
    if (config.knownPlanGroupIds.has(group)) {
      return fail(validationError(`The plan_group_id ${group} does not match the account's plan group.`));
    }
    update.plan_group_id = config.planGroupId;
  }
  if (planType === undefined) return { ok: true, update };

  if (!config.planTypes.includes(planType)) {
    return fail(validationError(`The plan_type ${planType} is not available in the partner plan group.`));
  }
  if (planType === TRIAL) {
    // Staying on TRIAL is a no-op; going back to it, or reactivating onto it, is refused (rules 3, 6).
    const stillTrial =
      account.plan_type === TRIAL &&
      (account.billing_status === 'Trial' || account.billing_status === 'Trial End');
    if (stillTrial) return { ok: true, update };
    const why = account.billing_status === 'Canceled' ? 'reactivate a canceled account on' : 'change back to';
    return fail(validationError(`Cannot ${why} the TRIAL plan_type.`));
  }

  update.plan_type = planType;
  if (account.plan_type === TRIAL) {
    // Leaving TRIAL (from Trial, Trial End or a canceled trial): the only time the billing day counts.
    if (day === 'invalid')
      return fail(validationError('billing_day_of_month must be an integer from 1 to 31.'));
    if (day === undefined && !account.single_billing) {
      return fail(
        validationError('billing_day_of_month is required: the account does not use single billing.'),
      );
    }
    const billingDay = day ?? today;
    if (billingDay < 1 || billingDay > 31) {
      return fail(validationError('billing_day_of_month must be an integer from 1 to 31.'));
    }
    update.billing_day_of_month = billingDay;
    update.billing_status = 'Open';
    return { ok: true, update };
  }
  // Between billable plans, or reactivating: Open, billing day unchanged, any given day ignored
  // (whatever its value: 25, 0, "first").
  if (account.billing_status === 'Canceled' || account.billing_status === 'Trial End')
    update.billing_status = 'Open';
  return { ok: true, update };
}

/** Integers, or strings of digits as the guide's own example sends (`"1"`); null counts as absent. */
function integerField(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : 'invalid';
  if (typeof value === 'string' && /^\s*-?\d{1,9}\s*$/.test(value)) return Number.parseInt(value, 10);
  return 'invalid';
}

function fail(response: EmulatorResponse): PlanCheck {
  return { ok: false, response };
}

export function applyPlanUpdate(account: ConstantContactAccount, update: PlanUpdate): void {
  account.plan_type = update.plan_type;
  account.billing_status = update.billing_status;
  account.billing_day_of_month = update.billing_day_of_month;
  account.plan_group_id = update.plan_group_id;
}
