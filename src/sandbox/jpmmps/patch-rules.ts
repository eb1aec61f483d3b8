// Update Subscription Plan (reference §4.4): a partial merge of any updatable subset, both pairs
// (trial, billing) only as pairs. `prepaid` cannot change once created; one white-label sample sends it
// in a PATCH anyway, so it is ignored — whatever its value — rather than refused (inferred).

import type { FieldError } from './errors.js';
import { FieldChecks, type JsonObject } from './field-checks.js';
import { readPlanMembers } from './plan-fields.js';
import type { JpmMpsPlan, PlanChanges } from './plan-types.js';

export type PatchCheck = { ok: true; changes: PlanChanges } | { ok: false; errors: FieldError[] };

export function checkPatch(body: JsonObject): PatchCheck {
  const checks = new FieldChecks({ nullIsAbsent: false });
  const changes = readPlanMembers(body, checks, { create: false });
  return checks.ok ? { ok: true, changes } : { ok: false, errors: checks.errors };
}

/** The plan after the merge; `updatedAt` is the store's to stamp. */
export function applyPatch(plan: JpmMpsPlan, changes: PlanChanges): JpmMpsPlan {
  return { ...plan, ...changes };
}
