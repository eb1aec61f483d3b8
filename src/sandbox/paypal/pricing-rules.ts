// A `pricing_scheme` as create and update-pricing-schemes both accept it (reference §4.2, §5.2, §5.6):
// its shape (400), then the business rules on it (422): fixed price XOR tiers, no tiers on a trial, and
// tiers that start at 1, neither overlap nor leave gaps, and are never free.

import {
  type Decimal,
  ONE,
  UNSIGNED_DECIMAL,
  addDecimals,
  compareDecimals,
  isZero,
  parseDecimal,
} from './decimal.js';
import { type PayPalErrorDetail, detail } from './errors.js';
import type { FieldChecker } from './field-checks.js';
import {
  PRICING_MODELS,
  type PayPalMoney,
  type PayPalPricingTier,
  type PayPalTenureType,
  type PricingSchemeInput,
} from './plan-types.js';

const QUANTITY = { required: true, min: 1, max: 32, pattern: UNSIGNED_DECIMAL };

/** Reads a pricing scheme; read-only members (`version`, timestamps) are tolerated and ignored. */
export function parsePricingScheme(
  raw: unknown,
  field: string,
  check: FieldChecker,
  options: { required: boolean },
): PricingSchemeInput | undefined {
  const scheme = check.object(raw, field, options);
  if (scheme === undefined) return undefined;
  const before = check.details.length;
  const fixedPrice = check.money(scheme.fixed_price, `${field}/fixed_price`);
  const pricingModel = check.oneOf(scheme.pricing_model, `${field}/pricing_model`, PRICING_MODELS);
  const rawTiers = check.array(scheme.tiers, `${field}/tiers`, { min: 1, max: 32 });
  const tiers = rawTiers?.map((tier, index) => parseTier(tier, `${field}/tiers/${index}`, check));

  // Inferred: a tier list and its model come together; a scheme with neither price nor tiers lacks
  // its fixed price (a free cycle omits the whole scheme instead).
  if (rawTiers !== undefined && isMissing(scheme.pricing_model)) {
    check.add(check.vocabulary.missing, `${field}/pricing_model`);
  }
  if (isMissing(scheme.tiers) && !isMissing(scheme.pricing_model)) {
    check.add(check.vocabulary.missing, `${field}/tiers`);
  }
  if (isMissing(scheme.fixed_price) && isMissing(scheme.tiers) && isMissing(scheme.pricing_model)) {
    check.add(check.vocabulary.missing, `${field}/fixed_price`);
  }
  if (check.details.length > before) return undefined;
  return {
    ...(fixedPrice !== undefined && { fixed_price: fixedPrice }),
    ...(pricingModel !== undefined && { pricing_model: pricingModel }),
    ...(tiers !== undefined && { tiers: tiers.filter((tier) => tier !== undefined) }),
  };
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

function parseTier(raw: unknown, field: string, check: FieldChecker): PayPalPricingTier | undefined {
  const tier = check.object(raw, field, { required: true });
  if (tier === undefined) return undefined;
  const start = check.string(tier.starting_quantity, `${field}/starting_quantity`, QUANTITY);
  const end = check.string(tier.ending_quantity, `${field}/ending_quantity`, {
    ...QUANTITY,
    required: false,
  });
  const amount = check.money(tier.amount, `${field}/amount`, { required: true });
  if (start === undefined || amount === undefined) return undefined;
  return { starting_quantity: start, ...(end !== undefined && { ending_quantity: end }), amount };
}

/** The 422 rules for one scheme on a cycle of the given tenure. */
export function pricingSchemeIssues(
  scheme: PricingSchemeInput,
  tenure: PayPalTenureType,
  field: string,
): PayPalErrorDetail[] {
  const issues: PayPalErrorDetail[] = [];
  if (scheme.fixed_price !== undefined && scheme.tiers !== undefined) {
    issues.push(detail('FIXED_PRICE_NOT_SUPPORTED', { field: `${field}/fixed_price` }));
  }
  if (scheme.tiers !== undefined && tenure === 'TRIAL') {
    issues.push(
      detail('INVALID_PRICING_MODEL', { field: `${field}/pricing_model`, value: scheme.pricing_model }),
    );
  }
  if (scheme.tiers !== undefined) issues.push(...tierIssues(scheme.tiers, `${field}/tiers`));
  return issues;
}

interface Bounds {
  index: number;
  start: Decimal;
  end: Decimal | undefined;
}

/**
 * Tiers must cover every quantity from 1 upwards: sorted by start, each begins one after the previous
 * ends. Inferred: only the last tier may be open-ended, and a capped last tier is allowed (the
 * reference calls its `ending_quantity` optional, not forbidden).
 */
function tierIssues(tiers: readonly PayPalPricingTier[], field: string): PayPalErrorDetail[] {
  const issues = new Map<string, PayPalErrorDetail>();
  const flag = (issue: Parameters<typeof detail>[0], index: number, member: string): void => {
    if (!issues.has(issue)) issues.set(issue, detail(issue, { field: `${field}/${index}/${member}` }));
  };
  const bounds: Bounds[] = [];
  tiers.forEach((tier, index) => {
    const amount = parseDecimal(tier.amount.value);
    if (amount !== undefined && isZero(amount)) flag('INVALID_PRICING_TIER_AMOUNT', index, 'amount/value');
    const start = parseDecimal(tier.starting_quantity);
    const end = tier.ending_quantity === undefined ? undefined : parseDecimal(tier.ending_quantity);
    if (start === undefined) return;
    if (end !== undefined && compareDecimals(start, end) >= 0) {
      flag('INVALID_PRICING_TIER_QUANTITY', index, 'ending_quantity');
    }
    bounds.push({ index, start, end });
  });

  bounds.sort((a, b) => compareDecimals(a.start, b.start));
  const first = bounds[0];
  if (first !== undefined && compareDecimals(first.start, ONE) > 0) {
    flag('MISSING_PRICING_SCHEME_TIERS', first.index, 'starting_quantity');
  }
  for (let position = 1; position < bounds.length; position += 1) {
    const previous = bounds[position - 1]!;
    const current = bounds[position]!;
    if (previous.end === undefined || compareDecimals(current.start, previous.end) <= 0) {
      flag('OVERLAPPING_PRICING_SCHEME_TIERS', current.index, 'starting_quantity');
    } else if (compareDecimals(current.start, addDecimals(previous.end, ONE)) > 0) {
      flag('MISSING_PRICING_SCHEME_TIERS', current.index, 'starting_quantity');
    }
  }
  return [...issues.values()];
}

/** Every amount in a scheme with its pointer, for the one-currency-per-plan rule. */
export function schemeAmounts(
  scheme: PricingSchemeInput,
  field: string,
): Array<{ money: PayPalMoney; field: string }> {
  const amounts =
    scheme.fixed_price === undefined ? [] : [{ money: scheme.fixed_price, field: `${field}/fixed_price` }];
  for (const [index, tier] of (scheme.tiers ?? []).entries()) {
    amounts.push({ money: tier.amount, field: `${field}/tiers/${index}/amount` });
  }
  return amounts;
}

/** A scheme is free when it has no price at all or a zero fixed price (inferred: "0" is free too). */
export function isFreeScheme(scheme: PricingSchemeInput | undefined): boolean {
  if (scheme === undefined) return true;
  if (scheme.tiers !== undefined) return false;
  const price = scheme.fixed_price === undefined ? undefined : parseDecimal(scheme.fixed_price.value);
  return price === undefined || isZero(price);
}
