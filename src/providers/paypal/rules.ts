// PayPal's plan rules that the schema cannot express: the shape of the billing cycles (two trials at
// most, one regular, consecutive sequences), pricing schemes and their tiers, and one known currency
// per plan. Messages end with PayPal's own issue name (providers/paypal.md §5.2) where PayPal has one,
// so a search for it finds PayPal's documentation; the checks without one are marked inferred.

import { canonicalDecimal, compareDecimals } from '../../core/money.js';
import { entry, isMapping } from '../../config/data.js';
import type { Data } from '../../config/data.js';
import { formatPath } from '../../config/paths.js';
import type { DocPath } from '../../config/paths.js';
import { amountDecimalsFinding, currencyFinding } from '../money-rules.js';
import type { PlanRuleInput, ProviderRules, RuleFinding } from '../rules.js';

interface Cycle {
  at: DocPath;
  data: Data;
  tenure: unknown;
  sequence: unknown;
}

const MAX_TRIALS = 2;

/** PayPal's largest `interval_count` per `interval_unit` (frequency schema, spec 1.6). */
const MAX_INTERVAL_COUNT: Readonly<Record<string, number>> = { DAY: 365, WEEK: 52, MONTH: 12, YEAR: 1 };

const ORDINALS = ['1st', '2nd', '3rd'];

function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

function cyclesOf(fields: Readonly<Record<string, unknown>>): Cycle[] {
  const list = fields.billing_cycles;
  if (!Array.isArray(list)) return [];
  return list.flatMap((data: unknown, index) =>
    isMapping(data)
      ? [
          {
            at: ['billing_cycles', index],
            data,
            tenure: entry(data, 'tenure_type'),
            sequence: entry(data, 'sequence'),
          },
        ]
      : [],
  );
}

function tenureFindings(cycles: readonly Cycle[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const trials = cycles.filter((cycle) => cycle.tenure === 'TRIAL');
  trials.slice(MAX_TRIALS).forEach((cycle, extra) =>
    findings.push({
      at: [...cycle.at, 'tenure_type'],
      message: `a plan has at most ${MAX_TRIALS} TRIAL billing cycles; this is the ${ordinal(MAX_TRIALS + extra + 1)} (MORE_THAN_TWO_TRIAL_BILLING_CYCLE_NOT_SUPPORTED)`,
      hint: 'combine the trials or remove one',
    }),
  );
  const [first, ...others] = cycles.filter((cycle) => cycle.tenure === 'REGULAR');
  if (!first) {
    findings.push({
      at: ['billing_cycles'],
      message: 'no REGULAR billing cycle: a plan needs exactly one (MISSING_REGULAR_BILLING_CYCLE)',
      hint: 'add a cycle with `tenure_type: REGULAR` after the trials',
    });
  }
  for (const cycle of others) {
    findings.push({
      at: [...cycle.at, 'tenure_type'],
      message: `a second REGULAR billing cycle (the first is ${formatPath(first?.at ?? [])}): a plan has exactly one (MULTIPLE_REGULAR_BILLING_CYCLES_NOT_SUPPORTED)`,
      hint: 'make the earlier cycles TRIALs, or remove this one',
    });
  }
  return findings;
}

/** Sequences are 1…n with no repeats, and every trial runs before the regular cycle. */
function sequenceFindings(cycles: readonly Cycle[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const issue = (cycle: Cycle, message: string, hint?: string) =>
    findings.push({
      at: [...cycle.at, 'sequence'],
      message: `${message} (INVALID_BILLING_CYCLE_SEQUENCE)`,
      ...(hint && { hint }),
    });
  const bySequence = new Map<number, Cycle>();
  for (const cycle of cycles) {
    if (typeof cycle.sequence !== 'number') continue;
    const earlier = bySequence.get(cycle.sequence);
    if (earlier) issue(cycle, `sequence ${cycle.sequence} is also used by ${formatPath(earlier.at)}`);
    else bySequence.set(cycle.sequence, cycle);
  }
  // The first sequence out of place names the first missing number: [2, 3] lacks 1, [1, 3] lacks 2.
  const sorted = [...bySequence.keys()].sort((a, b) => a - b);
  const missing = sorted.findIndex((sequence, index) => sequence !== index + 1);
  const gap = missing === -1 ? undefined : bySequence.get(sorted[missing] ?? 0);
  if (gap) {
    issue(
      gap,
      `sequence ${String(gap.sequence)} leaves a gap: sequences start at 1 and are consecutive, and ${missing + 1} is missing`,
      'number the cycles 1, 2, 3 in the order they run',
    );
  }
  const regular = cycles.find((cycle) => cycle.tenure === 'REGULAR');
  if (regular && typeof regular.sequence === 'number') {
    for (const cycle of cycles) {
      if (cycle.tenure !== 'TRIAL' || typeof cycle.sequence !== 'number') continue;
      // An equal sequence is a repeat, reported above.
      if (cycle.sequence <= regular.sequence) continue;
      issue(
        cycle,
        `this TRIAL cycle runs after the REGULAR cycle (sequence ${regular.sequence}); trials come first`,
        'give the trials the lower sequence numbers',
      );
    }
  }
  return findings;
}

function frequencyFinding(cycle: Cycle): RuleFinding | undefined {
  const frequency = entry(cycle.data, 'frequency');
  if (!isMapping(frequency)) return undefined;
  const unit = entry(frequency, 'interval_unit');
  const count = entry(frequency, 'interval_count');
  const max =
    typeof unit === 'string' && Object.hasOwn(MAX_INTERVAL_COUNT, unit)
      ? MAX_INTERVAL_COUNT[unit]
      : undefined;
  if (max === undefined || typeof count !== 'number' || count <= max) return undefined;
  return {
    at: [...cycle.at, 'frequency', 'interval_count'],
    message: `interval_count ${count} is more than PayPal allows with interval_unit ${String(unit)}: at most ${max}`,
    hint: 'the largest interval_count is 365 for DAY, 52 for WEEK, 12 for MONTH and 1 for YEAR',
  };
}

function totalCyclesFinding(cycle: Cycle): RuleFinding | undefined {
  if (cycle.tenure !== 'TRIAL' || entry(cycle.data, 'total_cycles') !== 0) return undefined;
  return {
    at: [...cycle.at, 'total_cycles'],
    message:
      'a TRIAL cycle must end: its total_cycles is 1 to 999, not 0 (INVALID_TRIAL_BILLING_TOTAL_CYCLES)',
    hint: '0 (bill until cancelled) is for the REGULAR cycle only',
  };
}

/** Free cycles: one free trial at most, and the regular cycle is never free (inferred). */
function freeCycleFindings(cycles: readonly Cycle[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const free = cycles.filter((cycle) => entry(cycle.data, 'pricing_scheme') === undefined);
  const [firstTrial, ...moreTrials] = free.filter((cycle) => cycle.tenure === 'TRIAL');
  for (const cycle of moreTrials) {
    findings.push({
      at: cycle.at,
      message: `a second free TRIAL cycle (no pricing_scheme; the first is ${formatPath(firstTrial?.at ?? [])}): a plan has at most one (MULTIPLE_FREE_TRIAL_BILLING_CYCLES_NOT_SUPPORTED)`,
      hint: 'give this trial a fixed_price, or make one free trial with more total_cycles',
    });
  }
  for (const cycle of free.filter((each) => each.tenure === 'REGULAR')) {
    findings.push({
      at: [...cycle.at, 'pricing_scheme'],
      message: 'the REGULAR billing cycle has no pricing_scheme; only a TRIAL cycle can be free',
      hint: 'add `pricing_scheme: { fixed_price: { value: …, currency_code: … } }`, or tiers',
    });
  }
  return findings;
}

interface PricingResult {
  findings: RuleFinding[];
  /** Path of the first tiers list, for the quantity_supported rule. */
  tiered?: DocPath;
}

function pricingFindings(cycle: Cycle): PricingResult {
  const scheme = entry(cycle.data, 'pricing_scheme');
  if (!isMapping(scheme)) return { findings: [] };
  const at: DocPath = [...cycle.at, 'pricing_scheme'];
  const fixed = entry(scheme, 'fixed_price');
  const model = entry(scheme, 'pricing_model');
  const tiers = entry(scheme, 'tiers');
  if (fixed === undefined && model === undefined && tiers === undefined) {
    return {
      findings: [
        {
          at,
          message: 'pricing_scheme needs `fixed_price`, or `pricing_model` with `tiers`',
          hint: 'for a free trial, leave pricing_scheme out',
        },
      ],
    };
  }
  if (cycle.tenure === 'TRIAL' && (model !== undefined || tiers !== undefined)) {
    return {
      findings: [
        {
          at: [...at, model !== undefined ? 'pricing_model' : 'tiers'],
          message:
            'a TRIAL cycle cannot be priced by tiers; it has a fixed_price or none (INVALID_PRICING_MODEL)',
          hint: 'give the trial a fixed_price, or leave pricing_scheme out for a free trial',
        },
      ],
    };
  }
  const findings: RuleFinding[] = [];
  if (fixed !== undefined && (model !== undefined || tiers !== undefined)) {
    findings.push({
      at: [...at, 'fixed_price'],
      message:
        'pricing_scheme has both `fixed_price` and tiered pricing; use one (FIXED_PRICE_NOT_SUPPORTED)',
      hint: 'remove fixed_price to price by tiers, or remove pricing_model and tiers',
    });
  }
  if (model !== undefined && tiers === undefined) {
    findings.push({
      at: [...at, 'pricing_model'],
      message: `pricing_model ${String(model)} needs \`tiers\` (MISSING_PRICING_SCHEME_TIERS)`,
      hint: 'add tiers, or replace pricing_model with fixed_price',
    });
  }
  if (model === undefined && tiers !== undefined) {
    findings.push({
      at: [...at, 'tiers'],
      message: '`tiers` need a pricing_model: VOLUME or TIERED',
      hint: 'VOLUME prices every unit by the tier the whole quantity falls in; TIERED prices each unit by its own tier',
    });
  }
  if (!Array.isArray(tiers)) return { findings };
  findings.push(...tierFindings(tiers, [...at, 'tiers']));
  return { findings, tiered: [...at, 'tiers'] };
}

/** Tiers in ascending order, each from its start to its end, together covering every quantity from 1. */
function tierFindings(tiers: readonly unknown[], at: DocPath): RuleFinding[] {
  const findings: RuleFinding[] = [];
  let previousEnd: string | undefined;
  tiers.forEach((tier, index) => {
    if (!isMapping(tier)) return;
    const here: DocPath = [...at, index];
    const startText = entry(tier, 'starting_quantity');
    const endText = entry(tier, 'ending_quantity');
    const start = canonicalDecimal(startText);
    const end = canonicalDecimal(endText);
    const last = index === tiers.length - 1;
    if (start !== undefined) {
      const startFinding = tierStartFinding(start, previousEnd, index, [...here, 'starting_quantity']);
      if (startFinding) findings.push(startFinding);
    }
    if (endText === undefined && !last) {
      findings.push({
        at: [...here, 'ending_quantity'],
        message: `tier ${index + 1} of ${tiers.length} has no ending_quantity, so it overlaps the tiers after it; only the last tier may leave it out (OVERLAPPING_PRICING_SCHEME_TIERS)`,
      });
    }
    if (start !== undefined && end !== undefined && compareDecimals(start, end) >= 0) {
      findings.push({
        at: [...here, 'ending_quantity'],
        message: `ending_quantity ${String(endText)} is not greater than starting_quantity ${String(startText)} (INVALID_PRICING_TIER_QUANTITY)`,
      });
    }
    previousEnd = end;
    const amount = entry(tier, 'amount');
    if (isMapping(amount) && canonicalDecimal(entry(amount, 'value')) === '0') {
      findings.push({
        at: [...here, 'amount', 'value'],
        message: 'a tier amount of 0: PayPal rejects free tiers (INVALID_PRICING_TIER_AMOUNT)',
        hint: 'give every tier a price greater than 0',
      });
    }
  });
  return findings;
}

function tierStartFinding(
  start: string,
  previousEnd: string | undefined,
  index: number,
  at: DocPath,
): RuleFinding | undefined {
  if (index === 0) {
    if (compareDecimals(start, '1') <= 0) return undefined;
    return {
      at,
      message: `the first tier starts at ${start}, so smaller quantities have no price; tiers cover every quantity (INVALID_PRICING_TIER_QUANTITY)`,
      hint: 'start the first tier at 1',
    };
  }
  // The tier before was open-ended or broken: reported there.
  if (previousEnd === undefined) return undefined;
  const next = plusOne(previousEnd);
  if (compareDecimals(start, previousEnd) <= 0) {
    return {
      at,
      message: `starting_quantity ${start} overlaps the tier before, which ends at ${previousEnd} (OVERLAPPING_PRICING_SCHEME_TIERS)`,
      hint: `start this tier at ${next}`,
    };
  }
  if (compareDecimals(start, next) > 0) {
    return {
      at,
      message: `starting_quantity ${start} leaves a gap after the tier before, which ends at ${previousEnd}; tiers cover every quantity (INVALID_PRICING_TIER_QUANTITY)`,
      hint: `start this tier at ${next}`,
    };
  }
  return undefined;
}

/** `1000` → `1001`, `2.5` → `3.5`, for a canonical decimal of 0 or more. */
function plusOne(canonical: string): string {
  const [whole = '0', fraction] = canonical.split('.');
  return `${BigInt(whole) + 1n}${fraction === undefined ? '' : `.${fraction}`}`;
}

function quantityFinding(
  fields: Readonly<Record<string, unknown>>,
  tiered: DocPath,
): RuleFinding | undefined {
  const supported = fields.quantity_supported;
  if (supported === true) return undefined;
  const state = supported === undefined ? "is not set (PayPal's default is false)" : 'is false';
  return {
    at: ['quantity_supported'],
    message: `quantity_supported ${state}, but ${formatPath(tiered)} prices by quantity; tiered pricing needs \`quantity_supported: true\` (INVALID_QUANTITY_SUPPORTED)`,
  };
}

/** Every money object of a plan, in the order PayPal reads them: cycles first, then the setup fee. */
function moneyOf(
  fields: Readonly<Record<string, unknown>>,
  cycles: readonly Cycle[],
): Array<[DocPath, Data]> {
  const out: Array<[DocPath, Data]> = [];
  const add = (at: DocPath, value: unknown) => {
    if (isMapping(value)) out.push([at, value]);
  };
  for (const cycle of cycles) {
    const scheme = entry(cycle.data, 'pricing_scheme');
    if (!isMapping(scheme)) continue;
    const at: DocPath = [...cycle.at, 'pricing_scheme'];
    add([...at, 'fixed_price'], entry(scheme, 'fixed_price'));
    const tiers = entry(scheme, 'tiers');
    if (Array.isArray(tiers)) {
      tiers.forEach((tier: unknown, index) => {
        if (isMapping(tier)) add([...at, 'tiers', index, 'amount'], entry(tier, 'amount'));
      });
    }
  }
  const preferences = fields.payment_preferences;
  if (isMapping(preferences)) add(['payment_preferences', 'setup_fee'], entry(preferences, 'setup_fee'));
  return out;
}

/** A known currency, amounts in its minor units, and one currency for the whole plan. */
function moneyFindings(money: ReadonlyArray<[DocPath, Data]>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  let planCurrency: { code: string; at: DocPath } | undefined;
  for (const [at, value] of money) {
    const code = entry(value, 'currency_code');
    const unknown = currencyFinding(code, [...at, 'currency_code']);
    if (unknown) {
      findings.push(unknown);
      continue;
    }
    if (typeof code !== 'string') continue;
    const decimals = amountDecimalsFinding(entry(value, 'value'), code, [...at, 'value']);
    if (decimals) findings.push(decimals);
    if (!planCurrency) {
      planCurrency = { code, at };
    } else if (code !== planCurrency.code) {
      findings.push({
        at: [...at, 'currency_code'],
        message: `currency ${code} differs from ${planCurrency.code} in ${formatPath(planCurrency.at)}; a plan has one currency (CURRENCY_MISMATCH)`,
        hint: `use ${planCurrency.code} for every amount of this plan, or make another plan for ${code}`,
      });
    }
  }
  return findings;
}

function planRules({ fields }: PlanRuleInput): RuleFinding[] {
  const cycles = cyclesOf(fields);
  const findings = [...tenureFindings(cycles), ...sequenceFindings(cycles), ...freeCycleFindings(cycles)];
  let tiered: DocPath | undefined;
  for (const cycle of cycles) {
    for (const finding of [frequencyFinding(cycle), totalCyclesFinding(cycle)]) {
      if (finding) findings.push(finding);
    }
    const pricing = pricingFindings(cycle);
    findings.push(...pricing.findings);
    tiered ??= pricing.tiered;
  }
  const quantity = tiered && quantityFinding(fields, tiered);
  if (quantity) findings.push(quantity);
  findings.push(...moneyFindings(moneyOf(fields, cycles)));
  return findings;
}

export const paypalRules: ProviderRules = { plan: planRules };
