// Decimal amounts in minor units (reference §3): `unit_amount_decimal` is a string with at most 12
// decimal places; Stripe answers with both forms, the integer one null when the amount has a fraction.
// Kept apart from plansync's money code on purpose (src/sandbox/registry.ts).

import { invalid } from './errors.js';
import type { FormValue } from './form.js';

const MAX_DECIMALS = 12;
/** The largest amount Stripe is seen to accept (reference §6). */
export const MAX_AMOUNT = 999_999_999_999;

/** A non-negative decimal string, normalised (`"0100.50"` → `"100.5"`), or a 400 naming `param`. */
export function readDecimal(value: FormValue, param: string): string {
  const text = typeof value === 'string' ? value : '';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) {
    throw invalid(`Invalid decimal: ${typeof value === 'string' ? value : param}`, {
      param,
      code: 'parameter_invalid_decimal',
    });
  }
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > MAX_DECIMALS) {
    throw invalid(`Invalid decimal: ${text}; at most ${MAX_DECIMALS} decimal places are allowed.`, {
      param,
      code: 'parameter_invalid_decimal',
    });
  }
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  if (Number(whole) > MAX_AMOUNT) {
    throw invalid(`This value must be less than or equal to ${MAX_AMOUNT}.`, { param });
  }
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** The integer form of a normalised decimal: null when it has a fraction. */
export function integerOf(decimal: string): number | null {
  return decimal.includes('.') ? null : Number(decimal);
}
