// The currencies PayPal accepts for payments, with the decimals each allows: PayPal's published list of
// supported currency codes, where HUF, JPY and TWD take no decimals. A well-formed code outside the
// list is refused as CURRENCY_NOT_SUPPORTED_FOR_RECEIVER (inferred: the account cannot receive it).

const MINOR_UNITS: Readonly<Record<string, number>> = {
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  HKD: 2,
  HUF: 0,
  ILS: 2,
  JPY: 0,
  MYR: 2,
  MXN: 2,
  TWD: 0,
  NZD: 2,
  NOK: 2,
  PHP: 2,
  PLN: 2,
  GBP: 2,
  RUB: 2,
  SGD: 2,
  SEK: 2,
  CHF: 2,
  THB: 2,
  USD: 2,
};

export function isSupportedCurrency(code: string): boolean {
  return Object.hasOwn(MINOR_UNITS, code);
}

/** Decimals allowed in an amount; 2 for codes PayPal does not list (they fail elsewhere anyway). */
export function minorUnits(code: string): number {
  return MINOR_UNITS[code] ?? 2;
}
