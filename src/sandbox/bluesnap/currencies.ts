// ISO 4217 alphabetic codes the emulator accepts as a plan currency; anything else is
// CURRENCY_NOT_FOUND. BlueSnap publishes its own (shorter) list of supported currencies per payment
// method; for plan definitions the emulator accepts every active ISO code, which errs on the side of
// letting plansync's own validation be the stricter one. Codes are matched exactly (upper case).
// Also each currency's minor units, and what 1 USD is worth in it, for the amount rules.

import type { CanonicalDecimal } from './decimal.js';

const ACTIVE_ISO_4217_CODES = `
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG
XOF XPF YER ZAR ZMW ZWG
`
  .trim()
  .split(/\s+/);

const KNOWN = new Set(ACTIVE_ISO_4217_CODES);

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code);
}

/** ISO 4217 currencies whose minor unit is not the cent (every other active code has 2 decimals). */
const NO_MINOR_UNIT = new Set('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF'.split(' '));
const THREE_MINOR_UNITS = new Set('BHD IQD JOD KWD LYD OMR TND'.split(' '));

/** Decimals an amount in `code` may have: its ISO 4217 minor units. */
export function minorUnits(code: string): number {
  if (NO_MINOR_UNIT.has(code)) return 0;
  return THREE_MINOR_UNITS.has(code) ? 3 : 2;
}

/**
 * Inferred: what 1 USD is worth in each currency, for RECURRING_PRICE_MINIMUM_LIMIT_NOT_REACHED
 * ("Recurring Price should be higher than 1 USD or its equivalent in the chosen currency"). BlueSnap
 * converts at rates it does not publish; these are round figures, close enough that an amount well
 * clear of the limit is judged as BlueSnap would (2 JPY is refused, 500 JPY accepted). A currency not
 * listed keeps the emulator's older rule, 1 unit of its own.
 */
const ONE_USD_IN: Readonly<Record<string, CanonicalDecimal>> = {
  USD: '1',
  EUR: '0.9',
  GBP: '0.75',
  CHF: '0.85',
  CAD: '1.35',
  AUD: '1.5',
  NZD: '1.6',
  SGD: '1.3',
  HKD: '7.8',
  CNY: '7.2',
  JPY: '150',
  KRW: '1350',
  TWD: '32',
  INR: '83',
  IDR: '16000',
  VND: '25000',
  THB: '35',
  PHP: '56',
  MYR: '4.5',
  SEK: '10.5',
  NOK: '10.5',
  DKK: '6.8',
  ISK: '135',
  PLN: '4',
  CZK: '23',
  HUF: '360',
  RON: '4.5',
  TRY: '32',
  ILS: '3.7',
  AED: '3.67',
  SAR: '3.75',
  KWD: '0.3',
  BHD: '0.37',
  OMR: '0.38',
  JOD: '0.7',
  ZAR: '18',
  MXN: '17',
  BRL: '5',
  ARS: '900',
  CLP: '900',
  COP: '4000',
};

/** The smallest recurring amount the emulator accepts in `code`: about 1 USD (see ONE_USD_IN). */
export function recurringMinimum(code: string): CanonicalDecimal {
  return ONE_USD_IN[code] ?? '1';
}
