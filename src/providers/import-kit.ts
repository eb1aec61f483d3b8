// Small pieces the providers' `import.ts` files share: how an amount is written so the YAML shows it
// as the provider does (trailing zeros kept, never rounded), and the wording of common comments.

import { Scalar } from 'yaml';
import { minorUnits } from '../core/currencies.js';
import { canonicalDecimal } from '../core/money.js';

/** Comment for a field the provider fixes when the plan is created. */
export const FIXED_AT_CREATION = 'fixed at creation: a change needs a new plan (lifecycle.replace)';

/**
 * An amount as a YAML number with the currency's minor units (`9.90`), when the number is exact;
 * otherwise the decimal string, so no amount is ever rounded on its way into the file.
 */
export function amountValue(value: unknown, currency?: unknown): unknown {
  const canonical = canonicalDecimal(value);
  if (canonical === undefined) return value;
  const number = Number(canonical);
  if (canonicalDecimal(number) !== canonical) return canonical;
  const node = new Scalar(number);
  const decimals = canonical.split('.')[1]?.length ?? 0;
  const minor = typeof currency === 'string' ? minorUnits(currency) : undefined;
  if (minor !== undefined && minor > 0 && decimals <= minor) node.minFractionDigits = minor;
  return node;
}

/** An amount as PayPal writes it: a decimal string with the currency's minor units ("10.00"). */
export function amountText(value: unknown, currency?: unknown): string {
  const canonical = canonicalDecimal(value) ?? String(value);
  const minor = typeof currency === 'string' ? minorUnits(currency) : undefined;
  if (minor === undefined || minor === 0) return canonical;
  const [int, frac = ''] = canonical.split('.');
  return frac.length > minor ? canonical : `${int}.${frac.padEnd(minor, '0')}`;
}
