// Pure mapping between BlueSnap's wire plans and plansync's comparable attributes.
// Amounts are kept as canonical decimal strings in attrs and sent as JSON numbers only when exact.

import { canonicalDecimal } from '../../core/money.js';
import { InternalError } from '../../errors.js';
import type { Attrs } from '../../core/value.js';
import type { BlueSnapPlan, BlueSnapPlanBody } from './wire.js';

const AMOUNTS = ['recurringChargeAmount', 'initialChargeAmount'] as const;
const PLAIN = [
  'name',
  'currency',
  'chargeFrequency',
  'trialPeriodDays',
  'gracePeriodDays',
  'maxNumberOfCharges',
  'chargeOnPlanSwitch',
  'status',
] as const;

/** Attributes of a plan, from the YAML spec or a wire plan (same field names by design). */
export function toAttrs(source: Record<string, unknown>): Attrs {
  const attrs: Attrs = {};
  for (const field of PLAIN) {
    const value = source[field];
    if (value === undefined || value === null) continue;
    attrs[field] =
      typeof value === 'string' && /Days$|Charges$/.test(field)
        ? Number(value)
        : (value as string | number | boolean);
  }
  for (const field of AMOUNTS) {
    const value = source[field];
    if (value === undefined || value === null) continue;
    attrs[field] = canonicalDecimal(value) ?? String(value);
  }
  return attrs;
}

export function liveAttrs(plan: BlueSnapPlan): Attrs {
  return toAttrs(plan as unknown as Record<string, unknown>);
}

/**
 * A decimal for the JSON body. A JS number when it round-trips exactly (what BlueSnap documents),
 * else the decimal string, which BlueSnap also parses, so no amount is ever rounded on the way out.
 */
function amountForWire(value: string): number | string {
  const number = Number(value);
  return canonicalDecimal(number) === canonicalDecimal(value) ? number : value;
}

/** Create body: every desired field except status (BlueSnap creates plans ACTIVE only). */
export function createBody(desired: Attrs): BlueSnapPlanBody {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(desired)) {
    if (value === undefined || field === 'status') continue;
    body[field] = (AMOUNTS as readonly string[]).includes(field) ? amountForWire(String(value)) : value;
  }
  return body as unknown as BlueSnapPlanBody;
}

/**
 * PUT body: the fresh live plan with the desired values of the changed fields applied. The immutable
 * triple is resent unchanged, as BlueSnap requires. Nothing is ever cleared by leaving it out: the
 * seed document's own example shows a PUT that omits fields and keeps them, so a removal would be
 * reported done while the value stays. The contract makes removals replacements; one reaching here
 * (a bug, or a plan saved by an older plansync) is refused before anything is sent.
 */
export function updateBody(
  current: BlueSnapPlan,
  changes: Array<{ path: string; after?: unknown }>,
): BlueSnapPlanBody {
  const body: Record<string, unknown> = { ...current };
  delete body.planId;
  for (const change of changes) {
    if (change.after === undefined) {
      throw new InternalError(
        `bluesnap: a PUT cannot remove \`${change.path}\` (leaving it out may keep it); nothing was sent`,
      );
    }
    body[change.path] = (AMOUNTS as readonly string[]).includes(change.path)
      ? amountForWire(String(change.after))
      : change.after;
  }
  return body as unknown as BlueSnapPlanBody;
}
