// Create Subscription Plan (reference §4.1): the mandatory members, the trial pair, and `prepaid`
// defaulting to true. Everything the store does not set itself comes out of here complete.

import type { FieldError } from './errors.js';
import { FieldChecks, type JsonObject } from './field-checks.js';
import { readPlanMembers } from './plan-fields.js';
import type { NewPlan } from './plan-types.js';

export type CreateCheck = { ok: true; plan: NewPlan } | { ok: false; errors: FieldError[] };

export function checkCreate(body: JsonObject): CreateCheck {
  const checks = new FieldChecks({ nullIsAbsent: true });
  const members = readPlanMembers(body, checks, { create: true });
  const prepaid = checks.boolean(body.prepaid, 'prepaid');
  if (!checks.ok) return { ok: false, errors: checks.errors };
  return {
    ok: true,
    plan: {
      // Every mandatory member was checked present above.
      name: members.name!,
      description: members.description!,
      recurrentAmount: members.recurrentAmount!,
      currencyIsoCode: members.currencyIsoCode!,
      trialDurationPeriod: members.trialDurationPeriod ?? null,
      trialDurationUnit: members.trialDurationUnit ?? null,
      billingOccurrence: members.billingOccurrence!,
      billingUnit: members.billingUnit!,
      billingCycles: members.billingCycles!,
      prepaid: prepaid ?? true,
      merchantMetadata: members.merchantMetadata ?? null,
    },
  };
}
