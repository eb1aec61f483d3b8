import { describe, expect, it } from 'vitest';
import { fractionDigits, isExactNumberText, parseDecimalText } from '../../src/config/decimal-text.js';

describe('parseDecimalText', () => {
  it('normalises zeros and exponents', () => {
    const parts = parseDecimalText('0012.500e1');

    expect(parts).toEqual({ negative: false, digits: '125', exponent: 0 });
  });

  it('refuses text that is not a decimal', () => {
    const parts = parseDecimalText('12,50');

    expect(parts).toBeUndefined();
  });
});

describe('fractionDigits', () => {
  it.each([
    ['19.00', 0],
    ['9.99', 2],
    [9.999, 3],
    ['0.125', 3],
    [1e-7, 7],
    [1e21, 0],
  ])('%s has %i significant decimals', (value, digits) => {
    const result = fractionDigits(value);

    expect(result).toBe(digits);
  });
});

describe('isExactNumberText', () => {
  it('accepts text that parses to exactly that number', () => {
    const exact = isExactNumberText('19.90', 19.9);

    expect(exact).toBe(true);
  });

  it('refuses text a double rounds', () => {
    const exact = isExactNumberText('12345678901234567.89', Number('12345678901234567.89'));

    expect(exact).toBe(false);
  });

  it('compares hex integers exactly', () => {
    const exact = isExactNumberText('0x20000000000001', Number('0x20000000000001'));

    expect(exact).toBe(false);
  });
});
