// Exact reading of decimal text, so money written in YAML is never rounded on the way in: used to
// check that a YAML number survives conversion to a JS number, and to count an amount's decimals.

/** A decimal as `±digits × 10^exponent`, with no leading or trailing zeros in `digits` ("0" for zero). */
export interface DecimalParts {
  negative: boolean;
  digits: string;
  exponent: number;
}

const DECIMAL = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/;

/** Parse `12.50`, `-0.5`, `.5`, `1e3`, `1.2E-7`; undefined for anything else (hex, `.inf`, text). */
export function parseDecimalText(text: string): DecimalParts | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = Number(exponentText) - fraction.length;
  if (digits === '') return { negative: false, digits: '0', exponent: 0 };
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  return { negative: sign === '-', digits, exponent };
}

function sameParts(a: DecimalParts, b: DecimalParts): boolean {
  return a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;
}

/**
 * Whether a YAML number is written in decimal (`12`, `-0.5`, `1e3`), not in hex (`0x10`), octal
 * (`0o17`) or as `.inf`/`.nan`. Config numbers are amounts, ids, counts and limits, all decimal: a
 * `0x10` read as 16 is more likely a mistake than a wish, so the loader refuses the other forms.
 */
export function isDecimalNumberText(source: string): boolean {
  return parseDecimalText(source) !== undefined;
}

/** The form of a number written other than in decimal, in words; undefined for a decimal. */
export function nonDecimalForm(source: string): string | undefined {
  const text = source.trim();
  if (/^[-+]?0x/i.test(text)) return 'hexadecimal';
  if (/^[-+]?0o/i.test(text)) return 'octal';
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return 'infinity';
  if (/^\.(nan|NaN|NAN)$/.test(text)) return 'not-a-number';
  return parseDecimalText(text) === undefined ? 'non-decimal' : undefined;
}

/**
 * Whether the YAML source text of a number denotes exactly the JS number it was parsed into.
 * `19.90` → 19.9 is exact; `12345678901234567.89` → 12345678901234568 is not.
 */
export function isExactNumberText(source: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const text = source.trim();
  // YAML 1.2 core also has hex and octal integers; compare those as big integers.
  const radix = /^0x([0-9a-fA-F]+)$/.exec(text) ?? /^0o([0-7]+)$/.exec(text);
  if (radix) {
    return Number.isInteger(value) && BigInt(text) === BigInt(value);
  }
  const written = parseDecimalText(text);
  const parsed = parseDecimalText(String(value));
  if (!written || !parsed) return false;
  return sameParts(written, parsed);
}

/**
 * Significant digits after the decimal point: `19.00` → 0, `9.99` → 2, `0.125` → 3. Trailing zeros do
 * not count, because `19.00` and `19` are the same amount. Undefined when the value is not a decimal.
 */
export function fractionDigits(value: number | string): number | undefined {
  const parts = parseDecimalText(typeof value === 'number' ? String(value) : value);
  if (!parts) return undefined;
  return Math.max(0, -parts.exponent);
}
