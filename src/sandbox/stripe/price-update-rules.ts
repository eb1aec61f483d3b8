// What `POST /v1/prices/{id}` may change (reference §6.1, the SDK's PriceUpdateParams): active,
// currency_options (whole map), lookup_key, metadata (merge), nickname, tax_behavior (only while
// `unspecified`). A parameter of the create call that is not updatable is refused as unknown, or, under
// the `immutableUpdate: 'ignore'` reading, silently dropped.

import { readCurrencyOptions } from './currency-options.js';
import { refused, unknownParam } from './errors.js';
import type { FormObject } from './form.js';
import { mergeMetadata } from './metadata.js';
import { readBoolean } from './params.js';
import { PRICE_CREATE_PARAMS, readLookupKey, readNickname, readTaxBehavior } from './price-create-rules.js';
import type { StripeReadings } from './readings.js';
import type { StripePrice } from './wire.js';

const PRICE_UPDATE_PARAMS = [
  'active',
  'currency_options',
  'expand',
  'lookup_key',
  'metadata',
  'nickname',
  'tax_behavior',
  'transfer_lookup_key',
];

/** `form` without the immutable parameters the reading ignores; refuses the rest. */
export function updatableForm(form: FormObject, reading: StripeReadings['immutableUpdate']): FormObject {
  const kept: FormObject = {};
  for (const [key, value] of Object.entries(form)) {
    if (PRICE_UPDATE_PARAMS.includes(key)) kept[key] = value;
    else if (reading === 'ignore' && PRICE_CREATE_PARAMS.includes(key)) continue;
    else throw unknownParam(key);
  }
  return kept;
}

/** The price after the update; the lookup key's uniqueness is checked by the caller. */
export function applyPriceUpdate(current: StripePrice, form: FormObject): StripePrice {
  const next = structuredClone(current);
  if (form.active !== undefined) next.active = readBoolean(form.active, 'active');
  if (form.nickname !== undefined) next.nickname = readNickname(form.nickname);
  if (form.metadata !== undefined) next.metadata = mergeMetadata(current.metadata, form.metadata);
  if (form.lookup_key !== undefined) next.lookup_key = readLookupKey(form.lookup_key);
  if (form.tax_behavior !== undefined) {
    const wanted = readTaxBehavior(form.tax_behavior, 'tax_behavior');
    // One way only: from unspecified to inclusive or exclusive (reference §6, §14.2). Inferred message.
    if (current.tax_behavior !== 'unspecified' && wanted !== current.tax_behavior) {
      throw refused(
        `tax_behavior cannot be changed once it is set to inclusive or exclusive (it is ${current.tax_behavior}).`,
        { param: 'tax_behavior' },
      );
    }
    next.tax_behavior = wanted;
  }
  if (form.currency_options !== undefined) {
    const options = readCurrencyOptions(form.currency_options, current.currency);
    if (Object.keys(options).length === 0) delete next.currency_options;
    else next.currency_options = options;
  }
  return next;
}
