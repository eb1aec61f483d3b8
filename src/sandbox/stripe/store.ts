// One mode's catalog (test or live: objects of one are invisible to the other, reference §1): products
// and prices by id, in creation order, and the account-wide uniqueness of price lookup keys. Lists
// sort newest first by `created`, ties broken by creation order, so objects made in one second still
// page in a stable order.

import { SearchIndex } from './search-index.js';
import type { StripePrice, StripeProduct } from './wire.js';

interface Entry<T> {
  value: T;
  sequence: number;
}

export class CatalogStore {
  readonly #products = new Map<string, Entry<StripeProduct>>();
  readonly #prices = new Map<string, Entry<StripePrice>>();
  #sequence = 0;
  /** What the search endpoints see, behind by the indexing delay. */
  readonly productIndex: SearchIndex<StripeProduct>;
  readonly priceIndex: SearchIndex<StripePrice>;

  constructor(now: () => number) {
    this.productIndex = new SearchIndex(now);
    this.priceIndex = new SearchIndex(now);
  }

  product(id: string): StripeProduct | undefined {
    return this.#products.get(id)?.value;
  }

  price(id: string): StripePrice | undefined {
    return this.#prices.get(id)?.value;
  }

  /** Inserts or replaces; a replaced object keeps its place in the order. */
  putProduct(product: StripeProduct): void {
    const existing = this.#products.get(product.id);
    this.#products.set(product.id, { value: product, sequence: existing?.sequence ?? this.#sequence++ });
    this.productIndex.record(product.id, product);
  }

  putPrice(price: StripePrice): void {
    const existing = this.#prices.get(price.id);
    this.#prices.set(price.id, { value: price, sequence: existing?.sequence ?? this.#sequence++ });
    this.priceIndex.record(price.id, price);
  }

  deleteProduct(id: string): void {
    this.#products.delete(id);
    this.productIndex.record(id, null);
  }

  /** Newest first. */
  products(): StripeProduct[] {
    return newestFirst(this.#products);
  }

  /** Newest first. */
  prices(): StripePrice[] {
    return newestFirst(this.#prices);
  }

  pricesOf(productId: string): StripePrice[] {
    return this.prices().filter((price) => price.product === productId);
  }

  /** The price holding a lookup key, archived prices included: archiving does not free a key. */
  lookupKeyHolder(lookupKey: string): StripePrice | undefined {
    for (const { value } of this.#prices.values()) if (value.lookup_key === lookupKey) return value;
    return undefined;
  }
}

function newestFirst<T extends { created: number }>(entries: Map<string, Entry<T>>): T[] {
  return [...entries.values()]
    .sort((a, b) => b.value.created - a.value.created || b.sequence - a.sequence)
    .map((entry) => entry.value);
}
