// Exact decimal handling for the emulator's amounts. BlueSnap types amounts as decimals, compares them
// by value on update (29.99 equals "29.990"), and echoes them as JSON numbers without trailing zeros.
// Amounts are kept as canonical decimal strings so no value is ever changed by binary floating point.
// The emulator keeps its own copy of this logic on purpose: it plays the provider, and must not share
// plansync's money code, or a bug there would be confirmed instead of caught by the tests.

/** Canonical form: optional "-", no exponent, no leading zeros, no trailing fractional zeros; zero is "0". */
export type CanonicalDecimal = string;

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-]?)\.(\d+)(?:[eE]([+-]?\d+))?$/;

/** Parses a JSON number or a numeric string; undefined when it is neither. */
export function parseDecimal(value: unknown): CanonicalDecimal | undefined {
  if (typeof value === 'number') {
    // String() of a finite double is its shortest round-trip decimal, i.e. the literal the client wrote
    // for any amount with at most 15 significant digits.
    return Number.isFinite(value) ? canonicalFromText(String(value)) : undefined;
  }
  if (typeof value === 'string') return canonicalFromText(value.trim());
  return undefined;
}

function canonicalFromText(text: string): CanonicalDecimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const sign = match[1] ?? match[5] ?? '';
  const integerDigits = match[2] ?? '';
  const fractionDigits = match[3] ?? match[6] ?? '';
  const exponent = Number(match[4] ?? match[7] ?? '0');
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;

  // Move the decimal point by the exponent over the full digit string, then trim both ends.
  const digits = integerDigits + fractionDigits;
  const pointAt = integerDigits.length + exponent;
  const padded =
    pointAt <= 0
      ? '0'.repeat(1 - pointAt) + digits
      : pointAt > digits.length
        ? digits + '0'.repeat(pointAt - digits.length)
        : digits;
  const point = Math.max(pointAt, 1);
  const whole = padded.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = padded.slice(point).replace(/0+$/, '');
  const magnitude = fraction === '' ? whole : `${whole}.${fraction}`;
  if (/^0(\.0*)?$/.test(magnitude)) return '0';
  return sign === '-' ? `-${magnitude}` : magnitude;
}

/** Orders two canonical decimals: negative, zero or positive like a comparator. */
export function compareDecimals(left: CanonicalDecimal, right: CanonicalDecimal): number {
  const leftNegative = left.startsWith('-');
  const rightNegative = right.startsWith('-');
  if (leftNegative !== rightNegative) return leftNegative ? -1 : 1;
  const magnitudeOrder = compareMagnitudes(left.replace('-', ''), right.replace('-', ''));
  return leftNegative ? -magnitudeOrder : magnitudeOrder;
}

function compareMagnitudes(left: string, right: string): number {
  const [leftWhole = '', leftFraction = ''] = left.split('.');
  const [rightWhole = '', rightFraction = ''] = right.split('.');
  if (leftWhole.length !== rightWhole.length) return leftWhole.length - rightWhole.length;
  if (leftWhole !== rightWhole) return leftWhole < rightWhole ? -1 : 1;
  const width = Math.max(leftFraction.length, rightFraction.length);
  const a = leftFraction.padEnd(width, '0');
  const b = rightFraction.padEnd(width, '0');
  return a === b ? 0 : a < b ? -1 : 1;
}

/** The JSON number BlueSnap would echo for an amount (exact for amounts of up to 15 significant digits). */
export function decimalToJsonNumber(value: CanonicalDecimal): number {
  return Number(value);
}
