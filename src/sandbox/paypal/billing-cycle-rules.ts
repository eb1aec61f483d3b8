// `billing_cycles` on create (reference §4.1): each cycle's shape (400), then the rules on the set
// (422): at most two trials and exactly one regular cycle, at most one free trial, sequences 1..n with
// trials first, trials that run at least once, and the pricing rules of each cycle.

import { parseDecimal, isZero } from './decimal.js';
import { ALTERNATE_DESCRIPTIONS, type PayPalErrorDetail, detail } from './errors.js';
import type { FieldChecker } from './field-checks.js';
import { INTERVAL_UNITS, type NewPlan, type PayPalIntervalUnit, TENURE_TYPES } from './plan-types.js';
import { isFreeScheme, parsePricingScheme, pricingSchemeIssues } from './pricing-rules.js';

export type NewBillingCycle = NewPlan['billing_cycles'][number];

/** Largest `interval_count` per unit: at most a year between two billings. */
const MAX_INTERVAL_COUNT: Record<PayPalIntervalUnit, number> = { DAY: 365, WEEK: 52, MONTH: 12, YEAR: 1 };

export function parseBillingCycle(
  raw: unknown,
  field: string,
  check: FieldChecker,
): NewBillingCycle | undefined {
  const cycle = check.object(raw, field, { required: true });
  if (cycle === undefined) return undefined;
  const before = check.details.length;

  const frequency = check.object(cycle.frequency, `${field}/frequency`, { required: true });
  const unit = check.oneOf(frequency?.interval_unit, `${field}/frequency/interval_unit`, INTERVAL_UNITS, {
    required: frequency !== undefined,
  });
  const count =
    check.integer(frequency?.interval_count, `${field}/frequency/interval_count`, { min: 1, max: 365 }) ?? 1;
  // Inferred: the per-unit limits are not in the spec's schema, so breaking one is an invalid value.
  if (unit !== undefined && count > MAX_INTERVAL_COUNT[unit]) {
    check.add('INVALID_PARAMETER_VALUE', `${field}/frequency/interval_count`, count);
  }
  const tenure = check.oneOf(cycle.tenure_type, `${field}/tenure_type`, TENURE_TYPES, { required: true });
  const sequence = check.integer(cycle.sequence, `${field}/sequence`, { required: true, min: 1, max: 99 });
  const totalCycles = check.integer(cycle.total_cycles, `${field}/total_cycles`, { min: 0, max: 999 }) ?? 1;
  // A free trial omits its scheme; a regular cycle must charge (inferred: it cannot be free).
  const scheme = parsePricingScheme(cycle.pricing_scheme, `${field}/pricing_scheme`, check, {
    required: tenure === 'REGULAR',
  });
  if (tenure === 'REGULAR' && scheme?.fixed_price !== undefined) {
    const price = parseDecimal(scheme.fixed_price.value);
    if (price !== undefined && isZero(price)) {
      check.add(
        'INVALID_PARAMETER_VALUE',
        `${field}/pricing_scheme/fixed_price/value`,
        scheme.fixed_price.value,
      );
    }
  }

  if (check.details.length > before || unit === undefined || tenure === undefined || sequence === undefined) {
    return undefined;
  }
  return {
    frequency: { interval_unit: unit, interval_count: count },
    tenure_type: tenure,
    sequence,
    total_cycles: totalCycles,
    ...(scheme !== undefined && { pricing_scheme: scheme }),
  };
}

/** The 422 rules on a complete, well-formed cycle list (in the order the client sent it). */
export function billingCycleIssues(cycles: readonly NewBillingCycle[]): PayPalErrorDetail[] {
  const issues: PayPalErrorDetail[] = [];
  const trials = cycles.filter((cycle) => cycle.tenure_type === 'TRIAL');
  const regulars = cycles.filter((cycle) => cycle.tenure_type === 'REGULAR');
  const field = '/billing_cycles';

  if (trials.length > 2) issues.push(detail('MORE_THAN_TWO_TRIAL_BILLING_CYCLE_NOT_SUPPORTED', { field }));
  if (trials.filter((cycle) => isFreeScheme(cycle.pricing_scheme)).length > 1) {
    issues.push(detail('MULTIPLE_FREE_TRIAL_BILLING_CYCLES_NOT_SUPPORTED', { field }));
  }
  if (regulars.length === 0) issues.push(detail('MISSING_REGULAR_BILLING_CYCLE', { field }));
  if (regulars.length > 1) issues.push(detail('MULTIPLE_REGULAR_BILLING_CYCLES_NOT_SUPPORTED', { field }));

  const sequences = cycles.map((cycle) => cycle.sequence).sort((a, b) => a - b);
  if (sequences.some((sequence, index) => sequence !== index + 1)) {
    issues.push(detail('INVALID_BILLING_CYCLE_SEQUENCE', { field }));
  }
  const lastTrial = Math.max(0, ...trials.map((cycle) => cycle.sequence));
  const firstRegular = Math.min(100, ...regulars.map((cycle) => cycle.sequence));
  if (lastTrial > firstRegular) {
    issues.push(
      detail('INVALID_BILLING_CYCLE_SEQUENCE', {
        field,
        description: ALTERNATE_DESCRIPTIONS.trialBeforeRegular,
      }),
    );
  }

  cycles.forEach((cycle, index) => {
    if (cycle.tenure_type === 'TRIAL' && cycle.total_cycles === 0) {
      issues.push(
        detail('INVALID_TRIAL_BILLING_TOTAL_CYCLES', { field: `${field}/${index}/total_cycles`, value: 0 }),
      );
    }
    if (cycle.pricing_scheme !== undefined) {
      issues.push(
        ...pricingSchemeIssues(cycle.pricing_scheme, cycle.tenure_type, `${field}/${index}/pricing_scheme`),
      );
    }
  });
  return issues;
}
