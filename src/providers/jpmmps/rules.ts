// J.P. Morgan MPS plan rules that the schema cannot express (providers/jpmmps.md §3): the trial's
// period and unit go together, the currency is a known ISO 4217 code, and `recurrentAmount` has at
// most 2 decimals (the API stores a Double 18.2) and no more than the currency's minor units. Units
// are an enum in the schema, whose "did you mean" covers `Month` and `months` and says week is not
// a unit. The connection's options (`prune_delete`) are read in `options.ts`.

import { fractionDigits } from '../../config/decimal-text.js';
import { amountDecimalsFinding, currencyFinding } from '../money-rules.js';
import type { PlanRuleInput, ProviderRules, RuleFinding } from '../rules.js';
import type { JpmOptions } from './options.js';

/**
 * The trial's fields go together (§3: each is "required iff" the other is sent). Billing's pair is
 * too, but the schema requires both of it, so a missing half never reaches the rules.
 */
const TRIAL_PAIR = ['trialDurationPeriod', 'trialDurationUnit'] as const;

const PAIR_HINTS: Readonly<Record<string, string>> = {
  trialDurationUnit:
    'add `trialDurationUnit: day` (or month, year), or remove trialDurationPeriod for no trial',
  trialDurationPeriod: 'add `trialDurationPeriod: 14` (1 to 28), or remove trialDurationUnit for no trial',
};

/** The API's amount type is Double 18.2, whatever the currency. */
const MAX_DECIMALS = 2;

function pairFinding(fields: Readonly<Record<string, unknown>>): RuleFinding | undefined {
  const [period, unit] = TRIAL_PAIR;
  const [present, missing] = fields[period] === undefined ? [unit, period] : [period, unit];
  if (fields[present] === undefined || fields[missing] !== undefined) return undefined;
  return {
    at: [missing],
    target: 'parent',
    message: `missing key \`${missing}\`: it goes with \`${present}\`, which is set; the API refuses one without the other`,
    ...(PAIR_HINTS[missing] !== undefined && { hint: PAIR_HINTS[missing] }),
  };
}

/** Decimals by currency first (JPY has none); then the API's own 2, for currencies with 3 (KWD). */
function amountFinding(amount: unknown, currency: unknown): RuleFinding | undefined {
  const at = ['recurrentAmount'];
  const byCurrency = amountDecimalsFinding(amount, currency, at);
  if (byCurrency) return byCurrency;
  if (typeof amount !== 'number' && typeof amount !== 'string') return undefined;
  const written = fractionDigits(amount);
  if (written === undefined || written <= MAX_DECIMALS) return undefined;
  return {
    at,
    message: `\`${String(amount)}\` has ${written} decimal places, but J.P. Morgan MPS amounts have at most ${MAX_DECIMALS} (Double 18.2)`,
    hint: `round to ${MAX_DECIMALS} decimals; the API cannot bill finer amounts, even in a currency that has them`,
  };
}

function planRules({ fields }: PlanRuleInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const pair = pairFinding(fields);
  if (pair) findings.push(pair);
  const currency = currencyFinding(fields.currencyIsoCode, ['currencyIsoCode']);
  if (currency) findings.push(currency);
  const amount = amountFinding(fields.recurrentAmount, fields.currencyIsoCode);
  if (amount) findings.push(amount);
  return findings;
}

export const jpmmpsRules: ProviderRules<JpmOptions> = { plan: planRules };
