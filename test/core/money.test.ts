import { describe, expect, it } from 'vitest';
import {
  canonicalDecimal,
  compareDecimals,
  decimalPlaces,
  decimalsEqual,
  formatAmount,
  percentChange,
} from '../../src/core/money.js';

describe('canonicalDecimal', () => {
  it.each([
    [19, '19'],
    [19.0, '19'],
    ['19.00', '19'],
    ['019.50', '19.5'],
    ['-0.00', '0'],
    ['+3.10', '3.1'],
    [0.1, '0.1'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });

  it.each([['abc'], ['1,5'], [Number.NaN], [Infinity], [''], [null], [true]])('rejects %s', (input) => {
    expect(canonicalDecimal(input)).toBeUndefined();
  });
});

describe('decimal comparison', () => {
  it('treats 19, 19.0 and "19.00" as equal', () => {
    expect(decimalsEqual(19, '19.00')).toBe(true);
    expect(decimalsEqual(19.0, '19')).toBe(true);
  });

  it('tells apart amounts that binary floats would confuse', () => {
    expect(decimalsEqual('0.30000000000000001', '0.3')).toBe(false);
    expect(compareDecimals('9999999999999999.99', '9999999999999999.98')).toBe(1);
  });

  it('counts decimal places after canonicalisation', () => {
    expect(decimalPlaces('19.50')).toBe(1);
    expect(decimalPlaces('19.999')).toBe(3);
    expect(decimalPlaces(7)).toBe(0);
  });
});

describe('percentChange', () => {
  it('rounds to one decimal exactly', () => {
    expect(percentChange('29.99', '34.99')).toBe(16.7);
    expect(percentChange('100', '50')).toBe(-50);
    expect(percentChange(19, '24.00')).toBe(26.3);
  });

  it('is undefined from zero', () => {
    expect(percentChange('0', '5')).toBeUndefined();
  });
});

describe('formatAmount', () => {
  it('pads to the currency minor units', () => {
    expect(formatAmount('9.9', 'USD', 2)).toBe('9.90 USD');
    expect(formatAmount('1000', 'JPY', 0)).toBe('1000 JPY');
  });
});
