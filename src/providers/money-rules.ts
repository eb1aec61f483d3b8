// Money rules any provider can reuse: the currency must be a known ISO 4217 code, and an amount may
// not have more decimals than its currency's minor units (9.999 USD, 1.5 JPY are refused).

import { currencyCodes, isCurrency, minorUnits } from '../core/currencies.js';
import { fractionDigits } from '../config/decimal-text.js';
import { editDistance } from '../config/did-you-mean.js';
import type { DocPath } from '../config/paths.js';
import type { RuleFinding } from './rules.js';

/** A suggestion only when exactly one code is one letter away: three-letter codes are too dense otherwise. */
function currencyHint(code: string): string {
  const upper = code.toUpperCase();
  if (isCurrency(upper)) return `did you mean \`${upper}\`?`;
  const near = currencyCodes().filter((candidate) => editDistance(upper, candidate) === 1);
  const [only] = near;
  return near.length === 1 && only
    ? `did you mean \`${only}\`?`
    : 'use an active ISO 4217 code such as USD or EUR';
}

export function currencyFinding(code: unknown, at: DocPath): RuleFinding | undefined {
  if (typeof code !== 'string' || isCurrency(code)) return undefined;
  return { at, message: `unknown currency \`${code}\``, hint: currencyHint(code) };
}

/** Finding for an amount with more decimals than `currency` allows; nothing when currency is unknown. */
export function amountDecimalsFinding(
  amount: unknown,
  currency: unknown,
  at: DocPath,
): RuleFinding | undefined {
  if ((typeof amount !== 'number' && typeof amount !== 'string') || typeof currency !== 'string')
    return undefined;
  const allowed = minorUnits(currency);
  const written = fractionDigits(amount);
  if (allowed === undefined || written === undefined || written <= allowed) return undefined;
  const text = String(amount);
  return {
    at,
    message:
      allowed === 0
        ? `\`${text}\` has decimals, but ${currency} amounts are whole numbers (no minor unit)`
        : `\`${text}\` has ${written} decimal places, but ${currency} amounts have at most ${allowed}`,
    hint: 'providers reject or round amounts finer than the currency allows',
  };
}
