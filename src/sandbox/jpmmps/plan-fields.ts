// Reading the plan members a create or PATCH body may carry (reference §3), with the rules both share:
// lengths and ranges, the trial pair (both or neither), and the `billingOccurance` misspelling that
// the samples use (reference §8), accepted on input and always answered as `billingOccurrence`.

import { type FieldChecks, type JsonObject } from './field-checks.js';
import type { PlanChanges } from './plan-types.js';

const MAX_TEXT = 255;

/**
 * Ranges on create: the trial 1–28 and cycles −1 (unlimited) … 120 (reference §3); the occurrence
 * 1–99, inferred from its documented length Int(2). Inferred: 0 cycles is refused on create, where no
 * document sends it.
 */
const CREATE_RANGES = {
  trialDurationPeriod: { min: 1, max: 28 },
  billingOccurrence: { min: 1, max: 99 },
  billingCycles: { min: -1, max: 120, excluded: [0] },
} as const;

/**
 * Ranges on PATCH admit 0 for all three. The seed document's own request sample for Update
 * Subscription Plan sends `"trialDurationPeriod": 0`, `"billingOccurance": 0` and `"billingCycles": 0`,
 * and its response sample ("Status Code: 200 (OK)") holds the same three values, so the emulator
 * accepts them and stores them as sent. What they mean is not documented; inferred: a trial of 0 is no
 * trial (plansync reads it so), and 0 occurrences or cycles are only stored and answered, never billed.
 */
const PATCH_RANGES = {
  trialDurationPeriod: { min: 0, max: 28 },
  billingOccurrence: { min: 0, max: 99 },
  billingCycles: { min: -1, max: 120 },
} as const;

const OCCURRENCE_MISSPELLING = 'billingOccurance';

/** Which members a mode demands. */
export interface ReadMode {
  /** Create: every mandatory member must be present. PATCH: any subset. */
  create: boolean;
}

/** The correctly spelled member wins when a body carries both spellings (inferred). */
function occurrenceOf(body: JsonObject): { raw: unknown; field: string } {
  if (body.billingOccurrence === undefined && body[OCCURRENCE_MISSPELLING] !== undefined) {
    return { raw: body[OCCURRENCE_MISSPELLING], field: OCCURRENCE_MISSPELLING };
  }
  return { raw: body.billingOccurrence, field: 'billingOccurrence' };
}

/**
 * Reads and checks every updatable member; problems land in `checks`. Unknown members, and the
 * read-only ones (`id`, timestamps), are ignored (inferred).
 */
export function readPlanMembers(body: JsonObject, checks: FieldChecks, mode: ReadMode): PlanChanges {
  const required = mode.create;
  const ranges = mode.create ? CREATE_RANGES : PATCH_RANGES;
  const occurrence = occurrenceOf(body);
  const members: PlanChanges = {
    name: checks.string(body.name, 'name', { required, max: MAX_TEXT }),
    description: checks.string(body.description, 'description', { required, max: MAX_TEXT }),
    recurrentAmount: checks.amount(body.recurrentAmount, 'recurrentAmount', required),
    currencyIsoCode: checks.currency(body.currencyIsoCode, 'currencyIsoCode', required),
    trialDurationPeriod: checks.integer(body.trialDurationPeriod, 'trialDurationPeriod', {
      required: false,
      ...ranges.trialDurationPeriod,
    }),
    trialDurationUnit: checks.unit(body.trialDurationUnit, 'trialDurationUnit', false),
    billingOccurrence: checks.integer(occurrence.raw, occurrence.field, {
      required,
      ...ranges.billingOccurrence,
    }),
    billingUnit: checks.unit(body.billingUnit, 'billingUnit', required),
    billingCycles: checks.integer(body.billingCycles, 'billingCycles', { required, ...ranges.billingCycles }),
    merchantMetadata: checks.string(body.merchantMetadata, 'merchantMetadata', {
      required: false,
      max: MAX_TEXT,
    }),
  };

  requirePair(
    checks,
    ['trialDurationPeriod', body.trialDurationPeriod],
    ['trialDurationUnit', body.trialDurationUnit],
  );
  // On create both billing members are mandatory anyway; the pair rule only adds to PATCH.
  if (!mode.create) {
    requirePair(checks, [occurrence.field, occurrence.raw], ['billingUnit', body.billingUnit]);
  }
  return dropUndefined(members);
}

/** "Required iff the other is sent" (reference §3), for both directions. */
function requirePair(
  checks: FieldChecks,
  [firstField, first]: [string, unknown],
  [secondField, second]: [string, unknown],
): void {
  const firstSent = !checks.absent(first);
  const secondSent = !checks.absent(second);
  if (firstSent && !secondSent) {
    checks.add(secondField, `${secondField} is required when ${firstField} is provided`);
  }
  if (secondSent && !firstSent) {
    checks.add(firstField, `${firstField} is required when ${secondField} is provided`);
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}
