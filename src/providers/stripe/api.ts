// Typed calls to Stripe's /v1/products and /v1/prices. No planning logic: requests and checks only.
// Every request names the pinned API version; creates carry an Idempotency-Key; lists take Stripe's
// largest page (100) and follow `starting_after`, each page checked against the ones before it.

import type { HttpClient, HttpResponse } from '../../http/client.js';
import { ListingCheck } from '../listing-check.js';
import { invalidResponse } from '../response-shape.js';
import {
  checkDeleted,
  checkPrice,
  checkPriceList,
  checkProduct,
  checkProductList,
  type StripePrice,
  type StripeProduct,
} from './wire.js';

/** The API version plansync speaks (stripe-node 23.2.0's pin); every request sends it. */
const STRIPE_VERSION = '2026-11-18.endive';
/** Stripe's largest page, and the most ids `GET /v1/products?ids[]=` takes (it has no cursor then). */
export const PAGE_SIZE = 100;
const VERSION = { 'stripe-version': STRIPE_VERSION };
/** Tiers come back only when expanded (stripe.md §6, inferred): always asked for. */
const EXPAND_TIERS = { 'expand[0]': 'tiers' };
const EXPAND_LIST_TIERS = { 'expand[0]': 'data.tiers' };

/** Told after each page of a listing. */
export type OnPage = () => void;

type Query = Record<string, string | number | boolean | undefined>;

export class StripeApi {
  constructor(private readonly http: HttpClient) {}

  /** Every product, or those with the given ids (≤ 100 per request, which takes no cursor). */
  async listProducts(ids?: readonly string[], onPage?: OnPage): Promise<StripeProduct[]> {
    if (ids === undefined) return this.listAll('/v1/products', {}, checkProductList, onPage);
    const out: StripeProduct[] = [];
    for (let at = 0; at < ids.length; at += PAGE_SIZE) {
      const chunk = ids.slice(at, at + PAGE_SIZE);
      const query: Query = { limit: PAGE_SIZE };
      chunk.forEach((id, i) => (query[`ids[${i}]`] = id));
      const response = await this.get('/v1/products', query);
      const list = checkProductList(response.body, response.source);
      onPage?.();
      out.push(...list.data);
    }
    return out;
  }

  /** Every price that is (or is not) active, of one product when given; tiers expanded. */
  listPrices(active: boolean, product?: string, onPage?: OnPage): Promise<StripePrice[]> {
    const query: Query = { active, ...(product !== undefined && { product }), ...EXPAND_LIST_TIERS };
    return this.listAll('/v1/prices', query, checkPriceList, onPage);
  }

  /** Active prices holding a lookup key (Stripe keeps lookup keys unique per account: one at most). */
  async pricesByLookupKey(key: string): Promise<StripePrice[]> {
    const response = await this.get('/v1/prices', { 'lookup_keys[0]': key, active: true, limit: PAGE_SIZE });
    return checkPriceList(response.body, response.source).data;
  }

  /** Whether any price, active or archived, belongs to the product (a product with one cannot be deleted). */
  async hasPrices(product: string): Promise<boolean> {
    for (const active of [true, false]) {
      const response = await this.get('/v1/prices', { product, active, limit: 1 });
      if (checkPriceList(response.body, response.source).data.length > 0) return true;
    }
    return false;
  }

  private async listAll<T extends { id: string }>(
    path: string,
    query: Query,
    check: (body: unknown, source: HttpResponse['source']) => { data: T[]; has_more: boolean },
    onPage?: OnPage,
  ): Promise<T[]> {
    const listing = new ListingCheck({ items: 'data', id: 'id' });
    const out: T[] = [];
    let after: string | undefined;
    for (let page = 1; ; page++) {
      const response = await this.get(path, { ...query, limit: PAGE_SIZE, starting_after: after });
      const list = check(response.body, response.source);
      const ids = list.data.map((item) => item.id);
      listing.page({
        source: response.source,
        name: after === undefined ? 'the first page' : `the page after ${after}`,
        ids,
      });
      onPage?.();
      out.push(...list.data);
      const last = ids.at(-1);
      if (!list.has_more) break;
      // More promised, but no item to continue after: following on would guess; refuse the listing.
      if (last === undefined) throw invalidResponse(response.source, 'data', 'is empty but has_more is true');
      listing.cursor(response.source, after, last);
      after = last;
    }
    listing.finish();
    return out;
  }

  async getProduct(id: string): Promise<StripeProduct> {
    const response = await this.get(`/v1/products/${encodeURIComponent(id)}`);
    return checkProduct(response.body, response.source);
  }

  async getPrice(id: string): Promise<StripePrice> {
    const response = await this.get(`/v1/prices/${encodeURIComponent(id)}`, EXPAND_TIERS);
    return checkPrice(response.body, response.source);
  }

  async createProduct(form: Record<string, string>, idempotencyKey: string): Promise<StripeProduct> {
    const response = await this.post('/v1/products', form, idempotencyKey);
    return checkProduct(response.body, response.source);
  }

  async updateProduct(id: string, form: Record<string, string>): Promise<StripeProduct> {
    const response = await this.post(`/v1/products/${encodeURIComponent(id)}`, form);
    return checkProduct(response.body, response.source);
  }

  async deleteProduct(id: string): Promise<void> {
    const path = `/v1/products/${encodeURIComponent(id)}`;
    const response = await this.http.send({
      method: 'DELETE',
      path,
      headers: VERSION,
      operation: `DELETE ${path}`,
      idempotent: true,
    });
    checkDeleted(response.body, response.source);
  }

  async createPrice(form: Record<string, string>, idempotencyKey: string): Promise<StripePrice> {
    const response = await this.post('/v1/prices', { ...form, 'expand[0]': 'tiers' }, idempotencyKey);
    return checkPrice(response.body, response.source);
  }

  async updatePrice(id: string, form: Record<string, string>): Promise<StripePrice> {
    const response = await this.post(`/v1/prices/${encodeURIComponent(id)}`, { ...form, ...EXPAND_TIERS });
    return checkPrice(response.body, response.source);
  }

  private get(path: string, query: Query = {}): Promise<HttpResponse> {
    return this.http.get(path, { query, headers: VERSION });
  }

  /**
   * A create sends its Idempotency-Key, so a retry replays rather than duplicates. An update sets
   * values (the same form twice leaves the same object), so it is safe to send again without one.
   */
  private post(path: string, form: Record<string, string>, idempotencyKey?: string): Promise<HttpResponse> {
    return this.http.send({
      method: 'POST',
      path,
      form,
      headers: { ...VERSION, ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }) },
      operation: `POST ${path}`,
      idempotent: true,
    });
  }
}
