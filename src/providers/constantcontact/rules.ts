// Constant Contact's plan rules (providers/constantcontact.md): every plan's `plan_type` must be one
// the connection declares as enabled in its partner plan group (`options.plan_types`, read in
// `options.ts`), and TRIAL excludes a billing day and billing status Open. An entry manages one
// client account (`encoded_account_id`) or a group (`encoded_account_ids`).

import { quote } from '../../config/describe-value.js';
import { didYouMean } from '../../config/did-you-mean.js';
import type { PlanRuleInput, ProviderRules, RuleFinding } from '../rules.js';
import type { ConstantContactOptions } from './options.js';

const TRIAL = 'TRIAL';

function planRules({ fields, connection }: PlanRuleInput<ConstantContactOptions>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const planType = fields.plan_type;
  // A broken `plan_types` is reported on the connection; checking against it would only add noise.
  const enabled = connection.options?.plan_types;
  if (typeof planType === 'string' && enabled && !enabled.includes(planType)) {
    findings.push({
      at: ['plan_type'],
      message: `plan_type ${quote(planType)} is not enabled for connection \`${connection.name}\`: its plan group has ${enabled.join(', ')}`,
      hint:
        didYouMean(planType, enabled) ??
        "Constant Contact rejects plan types outside the partner plan group (400); if yours has it, add it to the connection's `options.plan_types`",
    });
  }
  if (planType === TRIAL && fields.billing_day_of_month !== undefined) {
    findings.push({
      at: ['billing_day_of_month'],
      message: 'billing_day_of_month cannot be set with plan_type TRIAL: a trial account has no billing day',
      hint: 'the billing day is set by the change that leaves TRIAL; remove it, or pick a paid plan_type',
    });
  }
  if (planType === TRIAL && fields.billing_status === 'Open') {
    findings.push({
      at: ['billing_status'],
      message:
        'billing_status Open cannot go with plan_type TRIAL: an account becomes Open by leaving TRIAL, and TRIAL cannot reactivate a canceled account',
      hint: 'pick a paid plan_type, or remove billing_status',
    });
  }
  return findings;
}

export const constantcontactRules: ProviderRules<ConstantContactOptions> = {
  plan: planRules,
  idListField: 'encoded_account_ids',
};
