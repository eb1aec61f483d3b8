// GET /v1/products/search and /v1/prices/search (reference §10.3): the query language subset of
// search-query.ts over the eventually consistent index (search-index.ts), newest first, `limit` 1–100
// and an opaque `page` cursor from the previous answer's `next_page`. Registered before the
// `/{id}` routes, so `search` is never taken for an object id.

import type { EmulatorResponse, Router } from '../kit/index.js';
import { type StripeApiContext, type StripeCall, endpoint } from './endpoint.js';
import { invalid, missingParam } from './errors.js';
import { checkKnown, readExpand, readInteger, readString } from './params.js';
import { priceView, renderPrice, renderProduct } from './representation.js';
import { parseSearchQuery } from './search-query.js';

const PRODUCT_FIELDS = ['active', 'created', 'description', 'metadata', 'name', 'shippable', 'url'];
const PRICE_FIELDS = ['active', 'created', 'currency', 'lookup_key', 'metadata', 'product', 'type'];

export function searchRoutes(router: Router, context: StripeApiContext): void {
  router
    .on(
      'GET',
      '/v1/products/search',
      endpoint(context, (call) => searchProducts(call, context.searchDelayMs)),
    )
    .on(
      'GET',
      '/v1/prices/search',
      endpoint(context, (call) => searchPrices(call, context.searchDelayMs)),
    );
}

function searchProducts(call: StripeCall, delayMs: number): EmulatorResponse {
  const request = readSearch(call, PRODUCT_FIELDS, ['total_count']);
  const view = priceView(new Set(), '', call.readings.tiersWhenListed);
  const found = newestFirst(call.store.productIndex.visible(delayMs)).filter((product) =>
    request.matches({ ...product }),
  );
  return answer(request, found, '/v1/products/search', (product) =>
    renderProduct(product, false, call.store, view),
  );
}

function searchPrices(call: StripeCall, delayMs: number): EmulatorResponse {
  const expandable = ['total_count', 'data.tiers', 'data.currency_options', 'data.product'];
  const request = readSearch(call, PRICE_FIELDS, expandable);
  const view = priceView(request.expand, 'data.', call.readings.tiersWhenListed);
  const found = newestFirst(call.store.priceIndex.visible(delayMs)).filter((price) =>
    request.matches({ ...price }),
  );
  return answer(request, found, '/v1/prices/search', (price) => renderPrice(price, view, call.store));
}

interface SearchRequest {
  matches: (object: Record<string, unknown>) => boolean;
  limit: number;
  offset: number;
  expand: Set<string>;
}

function readSearch(
  call: StripeCall,
  fields: readonly string[],
  expandable: readonly string[],
): SearchRequest {
  const { form } = call;
  checkKnown(form, ['expand', 'limit', 'page', 'query']);
  if (form.query === undefined) throw missingParam('query');
  return {
    matches: parseSearchQuery(readString(form.query, 'query'), fields),
    limit: form.limit === undefined ? 10 : readInteger(form.limit, 'limit', { min: 1, max: 100 }),
    offset: form.page === undefined ? 0 : offsetOf(readString(form.page, 'page')),
    expand: readExpand(form.expand, expandable),
  };
}

function answer<T>(
  request: SearchRequest,
  found: T[],
  url: string,
  render: (item: T) => Record<string, unknown>,
): EmulatorResponse {
  const data = found.slice(request.offset, request.offset + request.limit);
  const hasMore = request.offset + data.length < found.length;
  return {
    status: 200,
    body: {
      object: 'search_result',
      data: data.map(render),
      has_more: hasMore,
      next_page: hasMore ? pageToken(request.offset + data.length) : null,
      ...(request.expand.has('total_count') && { total_count: found.length }),
      url,
    },
  };
}

function newestFirst<T extends { created: number }>(items: T[]): T[] {
  return items.reverse().sort((a, b) => b.created - a.created);
}

function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function offsetOf(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the refusal below.
  }
  throw invalid(`Invalid page: ${token}`, { param: 'page' });
}
