// BlueSnap's plan rules that the schema cannot express: amounts in the plan currency's minor units,
// a known currency, and the combinations BlueSnap rejects as INVALID_BILLING_PLAN_CONFIGURATION.

import { amountDecimalsFinding, currencyFinding } from '../money-rules.js';
import type { PlanRuleInput, ProviderRules, RuleFinding } from '../rules.js';

const AMOUNT_FIELDS = ['recurringChargeAmount', 'initialChargeAmount'] as const;

/** Inferred from BlueSnap's "{param1} cannot be used with {param2}": a one-off charge has no periods. */
const NOT_WITH_ONCE = ['trialPeriodDays', 'maxNumberOfCharges'] as const;

function planRules({ fields }: PlanRuleInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const currency = currencyFinding(fields.currency, ['currency']);
  if (currency) findings.push(currency);
  for (const field of AMOUNT_FIELDS) {
    const finding = amountDecimalsFinding(fields[field], fields.currency, [field]);
    if (finding) findings.push(finding);
  }
  if (fields.chargeFrequency === 'ONCE') {
    for (const field of NOT_WITH_ONCE) {
      if (fields[field] === undefined) continue;
      findings.push({
        at: [field],
        message: `\`${field}\` cannot be used with chargeFrequency ONCE`,
        hint: 'BlueSnap rejects this combination (INVALID_BILLING_PLAN_CONFIGURATION); remove the field or choose a recurring frequency',
      });
    }
  }
  return findings;
}

export const bluesnapRules: ProviderRules = { plan: planRules };
