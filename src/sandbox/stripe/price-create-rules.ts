// What `POST /v1/prices` accepts (reference §6): currency and product required, one amount form per
// billing scheme, recurring terms within three years, and the optional fields. The lookup key's
// uniqueness is the route's business (it may move the key), not this file's.

import { readCustomUnitAmount, readTiers, readUnitAmount } from './amount-rules.js';
import { readCurrencyOptions } from './currency-options.js';
import { isSupportedCurrency } from './currencies.js';
import { invalid, missingParam, noSuch } from './errors.js';
import type { FormObject, FormValue } from './form.js';
import { mergeMetadata } from './metadata.js';
import {
  checkKnown,
  readBoolean,
  readEnum,
  readInteger,
  readObject,
  readRequiredString,
  readString,
} from './params.js';
import type { CatalogStore } from './store.js';
import type { StripePrice, StripeRecurring, TaxBehavior } from './wire.js';

export const PRICE_CREATE_PARAMS = [
  'active',
  'billing_scheme',
  'currency',
  'currency_options',
  'custom_unit_amount',
  'expand',
  'lookup_key',
  'metadata',
  'nickname',
  'product',
  'recurring',
  'tax_behavior',
  'tiers',
  'tiers_mode',
  'transfer_lookup_key',
  'transform_quantity',
  'unit_amount',
  'unit_amount_decimal',
];

const TAX_BEHAVIORS = ['inclusive', 'exclusive', 'unspecified'] as const;

/** Longest recurring period per interval: three years (reference §6). */
const MAX_INTERVAL_COUNT = { day: 1095, week: 156, month: 36, year: 3 } as const;

export function readCurrency(value: FormValue, param: string): string {
  const currency = readRequiredString(value, param);
  if (!isSupportedCurrency(currency)) {
    throw invalid(
      `Invalid currency: ${currency}. Stripe currently supports these currencies in lowercase ISO 4217 form.`,
      {
        param,
      },
    );
  }
  return currency;
}

export function readTaxBehavior(value: FormValue, param: string): TaxBehavior {
  return readEnum(value, param, TAX_BEHAVIORS);
}

/** Not `Emptyable` in stripe-node's params: a key is moved or renamed, never cleared with ''. */
export function readLookupKey(value: FormValue): string {
  return readRequiredString(value, 'lookup_key', 200);
}

/** Not `Emptyable` in stripe-node's params either: `nickname=` is refused, not a way to clear it. */
export function readNickname(value: FormValue): string {
  return readRequiredString(value, 'nickname', 5000);
}

/** The new price `form` describes, with `id`, `created` and `livemode` given by the caller. */
export function priceFromForm(
  form: FormObject,
  store: CatalogStore,
  fixed: Pick<StripePrice, 'id' | 'created' | 'livemode'>,
): StripePrice {
  checkKnown(form, PRICE_CREATE_PARAMS);
  if (form.currency === undefined) throw missingParam('currency');
  if (form.product === undefined) throw missingParam('product');
  const currency = readCurrency(form.currency, 'currency');
  const productId = readRequiredString(form.product, 'product');
  if (store.product(productId) === undefined) throw noSuch('product', productId, 'product');

  const scheme =
    form.billing_scheme === undefined
      ? 'per_unit'
      : readEnum(form.billing_scheme, 'billing_scheme', ['per_unit', 'tiered'] as const);
  const amounts = scheme === 'tiered' ? tieredTerms(form) : perUnitTerms(form);
  if (form.transform_quantity !== undefined && scheme === 'tiered') {
    throw invalid('transform_quantity cannot be combined with tiers.', { param: 'transform_quantity' });
  }
  const recurring = form.recurring === undefined ? null : readRecurring(form.recurring);
  const options =
    form.currency_options === undefined ? undefined : readCurrencyOptions(form.currency_options, currency);

  return {
    id: fixed.id,
    object: 'price',
    active: form.active === undefined ? true : readBoolean(form.active, 'active'),
    billing_scheme: scheme,
    created: fixed.created,
    currency,
    ...(options !== undefined && Object.keys(options).length > 0 && { currency_options: options }),
    custom_unit_amount: amounts.custom_unit_amount,
    livemode: fixed.livemode,
    lookup_key: form.lookup_key === undefined ? null : readLookupKey(form.lookup_key),
    metadata: form.metadata === undefined ? {} : mergeMetadata({}, form.metadata),
    nickname: form.nickname === undefined ? null : readNickname(form.nickname),
    product: productId,
    recurring,
    tax_behavior:
      form.tax_behavior === undefined ? 'unspecified' : readTaxBehavior(form.tax_behavior, 'tax_behavior'),
    ...(amounts.tiers !== undefined && { tiers: amounts.tiers }),
    tiers_mode: amounts.tiers_mode,
    transform_quantity: form.transform_quantity === undefined ? null : readTransform(form.transform_quantity),
    type: recurring === null ? 'one_time' : 'recurring',
    unit_amount: amounts.unit_amount,
    unit_amount_decimal: amounts.unit_amount_decimal,
  };
}

type Terms = Pick<
  StripePrice,
  'custom_unit_amount' | 'tiers' | 'tiers_mode' | 'unit_amount' | 'unit_amount_decimal'
>;

function perUnitTerms(form: FormObject): Terms {
  for (const name of ['tiers', 'tiers_mode'] as const) {
    if (form[name] !== undefined) {
      throw invalid(`${name} may only be set when billing_scheme is tiered.`, { param: name });
    }
  }
  const amount = readUnitAmount(form);
  if (amount !== undefined && form.custom_unit_amount !== undefined) {
    throw invalid('You may only specify one of these parameters: unit_amount, custom_unit_amount.', {
      param: 'custom_unit_amount',
      code: 'parameters_exclusive',
    });
  }
  if (form.custom_unit_amount !== undefined) {
    return {
      custom_unit_amount: readCustomUnitAmount(form.custom_unit_amount, 'custom_unit_amount'),
      tiers_mode: null,
      unit_amount: null,
      unit_amount_decimal: null,
    };
  }
  if (amount === undefined) throw missingParam('unit_amount');
  return { custom_unit_amount: null, tiers_mode: null, ...amount };
}

function tieredTerms(form: FormObject): Terms {
  for (const name of ['unit_amount', 'unit_amount_decimal', 'custom_unit_amount'] as const) {
    if (form[name] !== undefined) {
      throw invalid(`${name} cannot be set when billing_scheme is tiered; set it per tier.`, { param: name });
    }
  }
  if (form.tiers_mode === undefined) throw missingParam('tiers_mode');
  if (form.tiers === undefined) throw missingParam('tiers');
  return {
    custom_unit_amount: null,
    tiers: readTiers(form.tiers, 'tiers'),
    tiers_mode: readEnum(form.tiers_mode, 'tiers_mode', ['graduated', 'volume'] as const),
    unit_amount: null,
    unit_amount_decimal: null,
  };
}

function readRecurring(value: FormValue): StripeRecurring {
  const form = readObject(value, 'recurring');
  checkKnown(form, ['interval', 'interval_count', 'usage_type', 'trial_period_days', 'meter'], 'recurring');
  if (form.interval === undefined) throw missingParam('recurring[interval]');
  const interval = readEnum(form.interval, 'recurring[interval]', ['day', 'week', 'month', 'year'] as const);
  const max = MAX_INTERVAL_COUNT[interval];
  const count =
    form.interval_count === undefined
      ? 1
      : readInteger(form.interval_count, 'recurring[interval_count]', { min: 1 });
  if (count > max) {
    throw invalid(`The maximum billing interval is three years (${max} ${interval}s).`, {
      param: 'recurring[interval_count]',
    });
  }
  return {
    interval,
    interval_count: count,
    meter: form.meter === undefined ? null : readString(form.meter, 'recurring[meter]'),
    trial_period_days:
      form.trial_period_days === undefined
        ? null
        : readInteger(form.trial_period_days, 'recurring[trial_period_days]', { min: 0, max: 730 }),
    usage_type:
      form.usage_type === undefined
        ? 'licensed'
        : readEnum(form.usage_type, 'recurring[usage_type]', ['licensed', 'metered'] as const),
  };
}

function readTransform(value: FormValue): NonNullable<StripePrice['transform_quantity']> {
  const form = readObject(value, 'transform_quantity');
  checkKnown(form, ['divide_by', 'round'], 'transform_quantity');
  if (form.divide_by === undefined) throw missingParam('transform_quantity[divide_by]');
  if (form.round === undefined) throw missingParam('transform_quantity[round]');
  return {
    divide_by: readInteger(form.divide_by, 'transform_quantity[divide_by]', { min: 1 }),
    round: readEnum(form.round, 'transform_quantity[round]', ['up', 'down'] as const),
  };
}
