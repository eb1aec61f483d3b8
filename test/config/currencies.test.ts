import { describe, expect, it } from 'vitest';
import { currencyCodes, isCurrency, minorUnits } from '../../src/core/currencies.js';

describe('currencies', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['XCG', 2],
  ])('%s has %i minor units', (code, units) => {
    const result = minorUnits(code);

    expect(result).toBe(units);
  });

  it('knows no minor units for an unknown code', () => {
    const result = minorUnits('XYZ');

    expect(result).toBeUndefined();
  });

  it('is exact about case', () => {
    const result = isCurrency('usd');

    expect(result).toBe(false);
  });

  it('does not treat object properties as codes', () => {
    const result = isCurrency('constructor');

    expect(result).toBe(false);
  });

  it.each(['BGN', 'HRK', 'ANG', 'SLL', 'ZWL', 'CLF', 'XDR', 'XAU'])('leaves out %s', (code) => {
    const result = isCurrency(code);

    expect(result).toBe(false);
  });

  it('lists only three-letter uppercase codes, sorted', () => {
    const codes = currencyCodes();

    expect(codes.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect(codes).toEqual([...codes].sort());
  });
});
