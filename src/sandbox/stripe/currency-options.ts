// `currency_options` (reference §6): per other currency, an amount (or tiers, or a custom amount) and a
// tax behaviour. Updatable as a whole map; `currency_options=` clears it. Inferred: the price's own
// currency may not appear among its options (an answer derives that entry from the price itself).

import { readCustomUnitAmount, readTiers, readUnitAmount } from './amount-rules.js';
import { isSupportedCurrency } from './currencies.js';
import { invalid, missingParam } from './errors.js';
import type { FormValue } from './form.js';
import { checkKnown, readEnum, readObject } from './params.js';
import type { StripeCurrencyOption } from './wire.js';

export function readCurrencyOptions(
  value: FormValue,
  ownCurrency: string,
): Record<string, StripeCurrencyOption> {
  if (value === '') return {};
  const form = readObject(value, 'currency_options');
  const options: Record<string, StripeCurrencyOption> = {};
  for (const [currency, raw] of Object.entries(form)) {
    const param = `currency_options[${currency}]`;
    if (!isSupportedCurrency(currency)) throw invalid(`Invalid currency: ${currency}.`, { param });
    if (currency === ownCurrency) {
      throw invalid(`currency_options cannot repeat the price's own currency (${currency}).`, { param });
    }
    options[currency] = readOption(raw, param);
  }
  return options;
}

function readOption(value: FormValue, param: string): StripeCurrencyOption {
  const form = readObject(value, param);
  checkKnown(
    form,
    ['unit_amount', 'unit_amount_decimal', 'tiers', 'tax_behavior', 'custom_unit_amount'],
    param,
  );
  const taxBehavior =
    form.tax_behavior === undefined
      ? 'unspecified'
      : readEnum(form.tax_behavior, `${param}[tax_behavior]`, [
          'inclusive',
          'exclusive',
          'unspecified',
        ] as const);
  const amount = readUnitAmount(form, param);
  const custom =
    form.custom_unit_amount === undefined
      ? null
      : readCustomUnitAmount(form.custom_unit_amount, `${param}[custom_unit_amount]`);
  const tiers = form.tiers === undefined ? undefined : readTiers(form.tiers, `${param}[tiers]`);
  const forms = [amount, custom ?? undefined, tiers].filter((item) => item !== undefined).length;
  if (forms === 0) throw missingParam(`${param}[unit_amount]`);
  if (forms > 1) {
    throw invalid(`You may only specify one of unit_amount, custom_unit_amount and tiers in ${param}.`, {
      param,
      code: 'parameters_exclusive',
    });
  }
  return {
    custom_unit_amount: custom,
    tax_behavior: taxBehavior,
    ...(tiers !== undefined && { tiers }),
    unit_amount: amount?.unit_amount ?? null,
    unit_amount_decimal: amount?.unit_amount_decimal ?? null,
  };
}
