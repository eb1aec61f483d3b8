// Exact decimal arithmetic for amounts. Providers and YAML give amounts as numbers or strings
// (`19`, `19.0`, "19.00"); plansync compares them in canonical form and never through binary floats.

import { InternalError } from '../errors.js';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** True when `value` is a finite decimal written without exponent (as a number or a string). */
export function isDecimal(value: unknown): boolean {
  return toDecimalString(value) !== undefined;
}

function toDecimalString(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // Shortest round-trip text of the double: what the YAML or JSON source said, for sane amounts.
    const text = String(value);
    return /e/i.test(text) ? expandExponent(text) : text;
  }
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  return undefined;
}

function expandExponent(text: string): string | undefined {
  const match = /^(-)?(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return undefined;
  const [, sign = '', int = '', frac = '', expText = '0'] = match;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Canonical text of a decimal: no leading zeros, no trailing fractional zeros, no `+`, no `-0`.
 * `19`, `19.0`, "19.00" and "019" all become "19". Returns undefined for anything not a decimal.
 */
export function canonicalDecimal(value: unknown): string | undefined {
  const text = toDecimalString(value);
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, intRaw = '0', fracRaw = ''] = match;
  const int = intRaw.replace(/^0+(?=\d)/, '');
  const frac = fracRaw.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  const isZero = /^0(\.0*)?$/.test(body);
  return sign === '-' && !isZero ? `-${body}` : body;
}

export function decimalsEqual(a: unknown, b: unknown): boolean {
  const left = canonicalDecimal(a);
  return left !== undefined && left === canonicalDecimal(b);
}

/** Number of fractional digits written (after canonicalisation: "19.50" has 1). */
export function decimalPlaces(value: unknown): number | undefined {
  const text = canonicalDecimal(value);
  if (text === undefined) return undefined;
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

/** A decimal as a scaled bigint, for exact comparison and percentages. */
function scaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = text.replace('-', '').split('.');
  const digits = BigInt(int + frac.padEnd(scale, '0'));
  return negative ? -digits : digits;
}

export function compareDecimals(a: string, b: string): number {
  const left = canonicalDecimal(a);
  const right = canonicalDecimal(b);
  // Callers compare amounts the schema already checked: anything else is a bug, not bad input.
  if (left === undefined || right === undefined) throw new InternalError(`not decimals: ${a}, ${b}`);
  const scale = Math.max(decimalPlaces(left) ?? 0, decimalPlaces(right) ?? 0);
  const diff = scaled(left, scale) - scaled(right, scale);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

/**
 * Percentage change from `before` to `after`, computed exactly and rounded to one decimal
 * (e.g. 29.99 → 34.99 is 16.7). Undefined when `before` is zero.
 */
export function percentChange(before: unknown, after: unknown): number | undefined {
  const from = canonicalDecimal(before);
  const to = canonicalDecimal(after);
  if (from === undefined || to === undefined) return undefined;
  const scale = Math.max(decimalPlaces(from) ?? 0, decimalPlaces(to) ?? 0);
  const a = scaled(from, scale);
  const b = scaled(to, scale);
  if (a === 0n) return undefined;
  // Tenths of a percent, rounded half away from zero, in integer arithmetic.
  const tenths = ((b - a) * 2000n) / a;
  const rounded = tenths >= 0n ? (tenths + 1n) / 2n : (tenths - 1n) / 2n;
  return Number(rounded) / 10;
}

/** Render an amount with the currency's minor units when known ("9.9" USD → "9.90 USD"). */
export function formatAmount(amount: string, currency: string | undefined, minorUnits?: number): string {
  const canonical = canonicalDecimal(amount) ?? amount;
  let text = canonical;
  if (minorUnits !== undefined && minorUnits > 0) {
    const [int, frac = ''] = canonical.split('.');
    if (frac.length <= minorUnits) text = `${int}.${frac.padEnd(minorUnits, '0')}`;
  }
  return currency ? `${text} ${currency}` : text;
}
