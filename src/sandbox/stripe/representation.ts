// How a stored object goes on the wire. A price shows `tiers` and `currency_options` only when asked
// with `expand[]` (or always, under the `tiersWhenListed: 'always'` reading), the options then with the
// price's own currency first; `product` and a product's `default_price` become objects when expanded.

import type { StripeReadings } from './readings.js';
import type { CatalogStore } from './store.js';
import type { StripeCurrencyOption, StripePrice, StripeProduct } from './wire.js';

export interface PriceView {
  tiers: boolean;
  currencyOptions: boolean;
  product: boolean;
}

export function priceView(
  expand: ReadonlySet<string>,
  prefix: '' | 'data.',
  reading: StripeReadings['tiersWhenListed'],
): PriceView {
  const always = reading === 'always';
  return {
    tiers: always || expand.has(`${prefix}tiers`),
    currencyOptions: always || expand.has(`${prefix}currency_options`),
    product: expand.has(`${prefix}product`),
  };
}

export function renderPrice(
  price: StripePrice,
  view: PriceView,
  store: CatalogStore,
): Record<string, unknown> {
  const { tiers, currency_options: options, ...rest } = structuredClone(price);
  const product = view.product ? (store.product(price.product) ?? price.product) : price.product;
  return {
    ...rest,
    ...(view.currencyOptions && { currency_options: withOwnCurrency(price, options) }),
    product,
    ...(view.tiers && price.billing_scheme === 'tiered' && { tiers: tiers ?? [] }),
  };
}

function withOwnCurrency(
  price: StripePrice,
  options: Record<string, StripeCurrencyOption> | undefined,
): Record<string, StripeCurrencyOption> {
  const own: StripeCurrencyOption = {
    custom_unit_amount: price.custom_unit_amount,
    tax_behavior: price.tax_behavior,
    ...(price.tiers !== undefined && { tiers: price.tiers }),
    unit_amount: price.unit_amount,
    unit_amount_decimal: price.unit_amount_decimal,
  };
  return { [price.currency]: own, ...options };
}

export function renderProduct(
  product: StripeProduct,
  expandDefault: boolean,
  store: CatalogStore,
  view: PriceView,
): Record<string, unknown> {
  const copy = structuredClone(product);
  if (!expandDefault || copy.default_price === null) return { ...copy };
  const price = store.price(copy.default_price);
  return {
    ...copy,
    default_price: price === undefined ? copy.default_price : renderPrice(price, view, store),
  };
}
