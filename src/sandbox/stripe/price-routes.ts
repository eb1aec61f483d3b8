// /v1/prices (reference §4, §6, §7, §10): list with the `active` default of the current reading and
// the product/currency/type/lookup_keys/recurring filters, create with a generated id, retrieve, and
// the narrow update. A lookup key is unique per mode; `transfer_lookup_key=true` moves it from the
// price holding it in the same step. There is no DELETE: prices are archived, never deleted.

import type { EmulatorResponse, Router } from '../kit/index.js';
import { type StripeApiContext, type StripeCall, endpoint } from './endpoint.js';
import { invalid, noSuch, randomId, refused } from './errors.js';
import { asList } from './form.js';
import { page, readCreatedFilter, readPage } from './list-page.js';
import { checkKnown, readBoolean, readEnum, readExpand, readObject, readString } from './params.js';
import { priceFromForm, readCurrency } from './price-create-rules.js';
import { applyPriceUpdate, updatableForm } from './price-update-rules.js';
import { priceView, renderPrice } from './representation.js';
import type { CatalogStore } from './store.js';
import type { StripePrice } from './wire.js';

const PRICES_PATH = '/v1/prices';

const EXPANDABLE = ['tiers', 'currency_options', 'product'];

export function priceRoutes(router: Router, context: StripeApiContext): void {
  router
    .on('GET', PRICES_PATH, endpoint(context, listPrices))
    .on('POST', PRICES_PATH, endpoint(context, createPrice))
    .on('GET', `${PRICES_PATH}/:id`, endpoint(context, retrievePrice))
    .on('POST', `${PRICES_PATH}/:id`, endpoint(context, updatePrice));
}

/**
 * The renderer for this call's answers. It reads `expand[]` at once, so a handler calls it before
 * changing anything: a refused expansion must not leave a half-done write behind.
 */
function answerer(call: StripeCall): (price: StripePrice) => Record<string, unknown> {
  const expand = readExpand(call.form.expand, EXPANDABLE);
  const view = priceView(expand, '', call.readings.tiersWhenListed);
  return (price) => renderPrice(price, view, call.store);
}

function listPrices(call: StripeCall): EmulatorResponse {
  const { form, store, readings } = call;
  checkKnown(form, [
    'active',
    'created',
    'currency',
    'ending_before',
    'expand',
    'limit',
    'lookup_keys',
    'product',
    'recurring',
    'starting_after',
    'type',
  ]);
  const request = readPage(form);
  const expand = readExpand(
    form.expand,
    EXPANDABLE.map((path) => `data.${path}`),
  );
  const all = store.prices();
  let items = all;
  // Without `active`, the reading decides (reference §16.3).
  const active =
    form.active !== undefined
      ? readBoolean(form.active, 'active')
      : readings.pricesListDefault === 'active-only'
        ? true
        : undefined;
  if (active !== undefined) items = items.filter((price) => price.active === active);
  if (form.product !== undefined) {
    const product = readString(form.product, 'product');
    items = items.filter((price) => price.product === product);
  }
  if (form.currency !== undefined) {
    const currency = readCurrency(form.currency, 'currency');
    items = items.filter((price) => price.currency === currency);
  }
  if (form.type !== undefined) {
    const type = readEnum(form.type, 'type', ['one_time', 'recurring'] as const);
    items = items.filter((price) => price.type === type);
  }
  if (form.created !== undefined) items = items.filter(readCreatedFilter(form.created));
  if (form.recurring !== undefined) items = items.filter(recurringFilter(form.recurring));
  if (form.lookup_keys !== undefined) {
    const keys = readLookupKeys(form.lookup_keys);
    items = items.filter(
      (price) =>
        price.lookup_key !== null &&
        keys.has(price.lookup_key) &&
        (price.active || readings.lookupKeysFindArchived),
    );
  }
  const { data, has_more } = page(items, all, request, 'price');
  const view = priceView(expand, 'data.', readings.tiersWhenListed);
  return {
    status: 200,
    body: {
      object: 'list',
      data: data.map((price) => renderPrice(price, view, store)),
      has_more,
      url: PRICES_PATH,
    },
  };
}

function readLookupKeys(value: Parameters<typeof asList>[0]): Set<string> {
  const list = asList(value);
  if (list === undefined)
    throw invalid('Invalid array: lookup_keys must be a list.', { param: 'lookup_keys' });
  if (list.length > 10) throw invalid('You may only specify up to 10 lookup keys.', { param: 'lookup_keys' });
  return new Set(list.map((key, index) => readString(key, `lookup_keys[${index}]`)));
}

function recurringFilter(value: Parameters<typeof asList>[0]): (price: StripePrice) => boolean {
  const form = readObject(value, 'recurring');
  checkKnown(form, ['interval', 'usage_type', 'meter'], 'recurring');
  const interval = form.interval === undefined ? undefined : readString(form.interval, 'recurring[interval]');
  const usage =
    form.usage_type === undefined ? undefined : readString(form.usage_type, 'recurring[usage_type]');
  const meter = form.meter === undefined ? undefined : readString(form.meter, 'recurring[meter]');
  return (price) =>
    price.recurring !== null &&
    (interval === undefined || price.recurring.interval === interval) &&
    (usage === undefined || price.recurring.usage_type === usage) &&
    (meter === undefined || price.recurring.meter === meter);
}

function createPrice(call: StripeCall): EmulatorResponse {
  const { form, store } = call;
  const render = answerer(call);
  const price = priceFromForm(form, store, {
    id: `price_${randomId(24)}`,
    created: call.seconds,
    livemode: call.livemode,
  });
  const transfer =
    form.transfer_lookup_key === undefined
      ? false
      : readBoolean(form.transfer_lookup_key, 'transfer_lookup_key');
  claimLookupKey(store, price, transfer);
  store.putPrice(price);
  return { status: 200, body: render(price) };
}

function existing(call: StripeCall): StripePrice {
  const id = call.request.params.id ?? '';
  const price = call.store.price(id);
  if (price === undefined) throw noSuch('price', id);
  return price;
}

function retrievePrice(call: StripeCall): EmulatorResponse {
  checkKnown(call.form, ['expand']);
  return { status: 200, body: answerer(call)(existing(call)) };
}

function updatePrice(call: StripeCall): EmulatorResponse {
  const current = existing(call);
  const render = answerer(call);
  const form = updatableForm(call.form, call.readings.immutableUpdate);
  const next = applyPriceUpdate(current, form);
  if (current.active && !next.active && call.store.product(current.product)?.default_price === current.id) {
    throw refused('This price cannot be archived because it is the default price of its product.', {
      param: 'active',
    });
  }
  const transfer =
    form.transfer_lookup_key === undefined
      ? false
      : readBoolean(form.transfer_lookup_key, 'transfer_lookup_key');
  if (next.lookup_key !== current.lookup_key) claimLookupKey(call.store, next, transfer);
  call.store.putPrice(next);
  return { status: 200, body: render(next) };
}

/**
 * Gives `price` its lookup key: refused while another price holds it, unless `transfer` moves it
 * (the holder loses it in the same step, so a lookup always finds exactly one price).
 */
function claimLookupKey(store: CatalogStore, price: StripePrice, transfer: boolean): void {
  if (price.lookup_key === null) return;
  const holder = store.lookupKeyHolder(price.lookup_key);
  if (holder === undefined || holder.id === price.id) return;
  if (!transfer) {
    throw refused(`A price (\`${holder.id}\`) already uses that lookup key.`, { param: 'lookup_key' });
  }
  store.putPrice({ ...holder, lookup_key: null });
}
