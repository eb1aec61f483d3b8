// Exact decimal arithmetic for the strings PayPal uses for money, tier quantities and tax percentages
// ("10", "19.99", ".5"). Values become scaled BigInts, so "10" and "10.00" compare equal and tier
// boundaries are checked without binary floating point. The emulator keeps its own copy of this on
// purpose: it must not share plansync's money code, or a bug there would be confirmed, not caught.

/** Money and percentage syntax from the spec (`money.value`, `percentage`). */
export const SIGNED_DECIMAL = /^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$/;
/** Tier quantity syntax from the spec (`pricing_tier.starting_quantity`). */
export const UNSIGNED_DECIMAL = /^([0-9]+|([0-9]+)?[.][0-9]+)$/;

export interface Decimal {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

/** Parses a spec-valid decimal string; undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  if (!SIGNED_DECIMAL.test(text)) return undefined;
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [whole = '', fraction = ''] = unsigned.split('.');
  const units = BigInt(`${whole === '' ? '0' : whole}${fraction}`);
  return { units: negative ? -units : units, scale: fraction.length };
}

/** Digits after the point as written ("10.50" → 2): what a currency's minor units limit. */
export function fractionDigits(text: string): number {
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

function align(a: Decimal, b: Decimal): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale)];
}

/** Negative, zero or positive, like a comparator. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y] = align(a, b);
  return { units: x + y, scale: Math.max(a.scale, b.scale) };
}

export const ONE: Decimal = { units: 1n, scale: 0 };
export const HUNDRED: Decimal = { units: 100n, scale: 0 };

export function isZero(value: Decimal): boolean {
  return value.units === 0n;
}

export function isNegative(value: Decimal): boolean {
  return value.units < 0n;
}
