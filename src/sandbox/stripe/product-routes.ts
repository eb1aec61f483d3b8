// /v1/products (reference §4, §5, §8): list (newest first, `ids[]` or cursors, `active`/`type`/`url`/
// `shippable` filters), create with an optional caller-chosen id, retrieve, partial update, and a
// DELETE that only a product without any price survives.

import type { EmulatorResponse } from '../kit/index.js';
import { type StripeApiContext, type StripeCall, endpoint } from './endpoint.js';
import { invalid, noSuch, randomId, refused } from './errors.js';
import { asList } from './form.js';
import { page, readCreatedFilter, readPage } from './list-page.js';
import { checkKnown, readBoolean, readEnum, readExpand, readString } from './params.js';
import {
  PRODUCT_CREATE_PARAMS,
  PRODUCT_UPDATE_PARAMS,
  applyProductFields,
  readProductId,
} from './product-rules.js';
import { priceView, renderProduct } from './representation.js';
import type { StripeProduct } from './wire.js';
import { productFromInput } from './wire.js';
import type { Router } from '../kit/index.js';

const PRODUCTS_PATH = '/v1/products';

export function productRoutes(router: Router, context: StripeApiContext): void {
  router
    .on('GET', PRODUCTS_PATH, endpoint(context, listProducts))
    .on('POST', PRODUCTS_PATH, endpoint(context, createProduct))
    .on('GET', `${PRODUCTS_PATH}/:id`, endpoint(context, retrieveProduct))
    .on('POST', `${PRODUCTS_PATH}/:id`, endpoint(context, updateProduct))
    .on('DELETE', `${PRODUCTS_PATH}/:id`, endpoint(context, deleteProduct));
}

/**
 * The renderer for this call's answers. It reads `expand[]` at once, so a handler calls it before
 * changing anything: a refused expansion must not leave a half-done write behind.
 */
function answerer(
  call: StripeCall,
  prefix: '' | 'data.' = '',
): (product: StripeProduct) => Record<string, unknown> {
  const expand = readExpand(call.form.expand, [`${prefix}default_price`]);
  const view = priceView(new Set(), '', call.readings.tiersWhenListed);
  return (product) => renderProduct(product, expand.has(`${prefix}default_price`), call.store, view);
}

function listProducts(call: StripeCall): EmulatorResponse {
  const { form, store } = call;
  checkKnown(form, [
    'active',
    'created',
    'ending_before',
    'expand',
    'ids',
    'limit',
    'shippable',
    'starting_after',
    'type',
    'url',
  ]);
  const request = readPage(form);
  const render = answerer(call, 'data.');
  const all = store.products();
  let items = all;
  if (form.ids !== undefined) {
    if (request.startingAfter !== undefined || request.endingBefore !== undefined) {
      throw invalid('You cannot combine ids with starting_after or ending_before.', { param: 'ids' });
    }
    const list = asList(form.ids);
    if (list === undefined) throw invalid('Invalid array: ids must be a list.', { param: 'ids' });
    const ids = new Set(list.map((id, index) => readString(id, `ids[${index}]`)));
    items = items.filter((product) => ids.has(product.id));
  }
  if (form.active !== undefined) {
    const active = readBoolean(form.active, 'active');
    items = items.filter((product) => product.active === active);
  }
  if (form.created !== undefined) items = items.filter(readCreatedFilter(form.created));
  if (form.shippable !== undefined) {
    const shippable = readBoolean(form.shippable, 'shippable');
    items = items.filter((product) => product.shippable === shippable);
  }
  if (form.type !== undefined) {
    const type = readEnum(form.type, 'type', ['service', 'good'] as const);
    items = items.filter((product) => product.type === type);
  }
  if (form.url !== undefined) {
    const url = readString(form.url, 'url');
    items = items.filter((product) => product.url === url);
  }
  const { data, has_more } = page(items, all, request, 'product');
  return {
    status: 200,
    body: {
      object: 'list',
      data: data.map(render),
      has_more,
      url: PRODUCTS_PATH,
    },
  };
}

function createProduct(call: StripeCall): EmulatorResponse {
  const { form, store } = call;
  checkKnown(form, PRODUCT_CREATE_PARAMS);
  const render = answerer(call);
  const id = form.id === undefined ? `prod_${randomId(14)}` : readProductId(form.id);
  const fresh = productFromInput(
    { id, object: 'product', name: '' },
    { livemode: call.livemode, now: call.seconds },
  );
  const product = applyProductFields(fresh, form, store, 'create');
  if (store.product(id) !== undefined) {
    const code = call.readings.duplicateProductCode;
    throw refused('Product already exists', { param: 'id', ...(code !== 'none' && { code }) });
  }
  store.putProduct(product);
  return { status: 200, body: render(product) };
}

function existing(call: StripeCall): StripeProduct {
  const id = call.request.params.id ?? '';
  const product = call.store.product(id);
  if (product === undefined) throw noSuch('product', id);
  return product;
}

function retrieveProduct(call: StripeCall): EmulatorResponse {
  checkKnown(call.form, ['expand']);
  return { status: 200, body: answerer(call)(existing(call)) };
}

function updateProduct(call: StripeCall): EmulatorResponse {
  checkKnown(call.form, PRODUCT_UPDATE_PARAMS);
  const render = answerer(call);
  const current = existing(call);
  const next = applyProductFields(current, call.form, call.store, 'update');
  if (JSON.stringify(next) !== JSON.stringify(current))
    next.updated = Math.max(call.seconds, current.updated);
  call.store.putProduct(next);
  return { status: 200, body: render(next) };
}

function deleteProduct(call: StripeCall): EmulatorResponse {
  checkKnown(call.form, []);
  const product = existing(call);
  // Any price, archived ones included, blocks the delete (reference §8).
  if (call.store.pricesOf(product.id).length > 0) {
    throw refused('This product cannot be deleted because it has one or more user-created prices.', {
      param: 'id',
    });
  }
  call.store.deleteProduct(product.id);
  return { status: 200, body: { id: product.id, object: 'product', deleted: true } };
}
