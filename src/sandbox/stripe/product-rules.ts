// The Product fields a create or update may carry and their rules (reference §5): caller-chosen id,
// required name, `type` fixed at create, `statement_descriptor` (≤ 22) and `unit_label` only for
// services, merged metadata, and a `default_price` that must be an active price of this product.

import { invalid, missingParam, refused } from './errors.js';
import { type FormObject, type FormValue, asList } from './form.js';
import { mergeMetadata } from './metadata.js';
import {
  checkKnown,
  readBoolean,
  readClearable,
  readEnum,
  readObject,
  readRequiredString,
  readString,
} from './params.js';
import type { CatalogStore } from './store.js';
import type { StripeProduct } from './wire.js';

const UPDATABLE = [
  'active',
  'default_price',
  'description',
  'expand',
  'images',
  'marketing_features',
  'metadata',
  'name',
  'shippable',
  'statement_descriptor',
  'tax_code',
  'unit_label',
  'url',
] as const;

export const PRODUCT_CREATE_PARAMS = [...UPDATABLE.filter((name) => name !== 'default_price'), 'id', 'type'];
export const PRODUCT_UPDATE_PARAMS: readonly string[] = UPDATABLE;

/** Inferred (reference §16.11): letters, digits, `_` and `-`, at most 255 characters. */
const PRODUCT_ID = /^[A-Za-z0-9_-]{1,255}$/;

export function readProductId(value: FormValue): string {
  const id = readRequiredString(value, 'id');
  if (!PRODUCT_ID.test(id)) {
    throw invalid(`Invalid id: ${id}; use letters, digits, '_' and '-', at most 255 characters.`, {
      param: 'id',
    });
  }
  return id;
}

/** The product after applying `form` to `current` (a fresh product on create). */
export function applyProductFields(
  current: StripeProduct,
  form: FormObject,
  store: CatalogStore,
  mode: 'create' | 'update',
): StripeProduct {
  const next: StripeProduct = structuredClone(current);
  if (mode === 'create') {
    if (form.name === undefined) throw missingParam('name');
    if (form.type !== undefined) next.type = readEnum(form.type, 'type', ['service', 'good'] as const);
  }
  if (form.name !== undefined) next.name = readRequiredString(form.name, 'name');
  if (form.active !== undefined) next.active = readBoolean(form.active, 'active');
  if (form.description !== undefined)
    next.description = readClearable(form.description, 'description', 40_000);
  if (form.tax_code !== undefined) next.tax_code = readClearable(form.tax_code, 'tax_code');
  if (form.url !== undefined) next.url = readClearable(form.url, 'url', 5000);
  if (form.shippable !== undefined) next.shippable = readBoolean(form.shippable, 'shippable');
  if (form.metadata !== undefined) next.metadata = mergeMetadata(current.metadata, form.metadata);
  if (form.images !== undefined) next.images = readImages(form.images);
  if (form.marketing_features !== undefined) next.marketing_features = readFeatures(form.marketing_features);
  if (form.statement_descriptor !== undefined) {
    next.statement_descriptor = serviceOnly(
      next,
      'statement_descriptor',
      readDescriptor(form.statement_descriptor),
    );
  }
  if (form.unit_label !== undefined) {
    next.unit_label = serviceOnly(next, 'unit_label', readClearable(form.unit_label, 'unit_label', 12));
  }
  if (form.default_price !== undefined)
    next.default_price = readDefaultPrice(form.default_price, next, store);
  return next;
}

function serviceOnly<T>(product: StripeProduct, param: string, value: T): T {
  if (value !== null && product.type !== 'service') {
    throw invalid(`The ${param} parameter is only supported for products of type service.`, { param });
  }
  return value;
}

/** Not `Emptyable` in stripe-node's params: `statement_descriptor=` is refused, not a way to clear it. */
function readDescriptor(value: FormValue): string {
  const text = readRequiredString(value, 'statement_descriptor', 22);
  if (/[<>\\'"*]/.test(text)) {
    throw invalid('The statement descriptor may not contain <, >, \\, \', " or *.', {
      param: 'statement_descriptor',
    });
  }
  return text;
}

function readImages(value: FormValue): string[] {
  if (value === '') return [];
  const list = asList(value);
  if (list === undefined) throw invalid('Invalid array: images must be a list.', { param: 'images' });
  if (list.length > 8) throw invalid('You may only specify up to 8 images.', { param: 'images' });
  return list.map((item, index) => readString(item, `images[${index}]`, 2048));
}

function readFeatures(value: FormValue): Array<{ name: string }> {
  if (value === '') return [];
  const list = asList(value);
  if (list === undefined) {
    throw invalid('Invalid array: marketing_features must be a list.', { param: 'marketing_features' });
  }
  if (list.length > 15) {
    throw invalid('You may only specify up to 15 marketing features.', { param: 'marketing_features' });
  }
  return list.map((item, index) => {
    const param = `marketing_features[${index}]`;
    const feature = readObject(item, param);
    checkKnown(feature, ['name'], param);
    if (feature.name === undefined) throw missingParam(`${param}[name]`);
    return { name: readRequiredString(feature.name, `${param}[name]`, 80) };
  });
}

/** `''` unsets; otherwise an active price of this very product (reference §5, §7). */
function readDefaultPrice(value: FormValue, product: StripeProduct, store: CatalogStore): string | null {
  const id = readClearable(value, 'default_price');
  if (id === null) return null;
  const price = store.price(id);
  if (price === undefined) {
    throw refused(`No such price: '${id}'`, { param: 'default_price', code: 'resource_missing' });
  }
  if (price.product !== product.id) {
    throw refused(
      `The price '${id}' does not belong to this product; the default price must be one of its prices.`,
      {
        param: 'default_price',
      },
    );
  }
  if (!price.active) {
    throw refused('The price specified is inactive. This field only accepts active prices.', {
      param: 'default_price',
    });
  }
  return id;
}
