import { describe, expect, it } from 'vitest';
import { compareDecimals, parseDecimal } from '../../../src/sandbox/bluesnap/decimal.js';

describe('BlueSnap emulator decimals', () => {
  it.each([
    [29.99, '29.99'],
    ['29.990', '29.99'],
    ['100.00', '100'],
    [100, '100'],
    ['007.50', '7.5'],
    ['.5', '0.5'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    ['-0.00', '0'],
    [' 12.30 ', '12.3'],
  ])('reads %j as %s', (input, canonical) => {
    const parsed = parseDecimal(input);

    expect(parsed).toBe(canonical);
  });

  it.each(['ten', '', '1,00', '1.2.3', null, true, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %j',
    (input) => {
      const parsed = parseDecimal(input);

      expect(parsed).toBeUndefined();
    },
  );

  it.each([
    ['0.99', '1', -1],
    ['1', '1', 0],
    ['10', '9.99', 1],
    ['-2', '-10', 1],
    ['-1', '0.5', -1],
  ])('orders %s against %s as %i', (left, right, expected) => {
    const order = Math.sign(compareDecimals(left, right));

    expect(order).toBe(expected);
  });
});
