// Ties Stripe's endpoints to plansync's operations, in the order Stripe's rules need (stripe.md §7,
// §14.3): a product before its prices; a replacement's new price (taking the lookup key with
// `transfer_lookup_key`) before the product's default price moves to it, and that before the old
// price is archived, since Stripe refuses to archive a default price. Before a write to an object the
// plan saw, one GET checks it is unchanged (Stripe has no conditional writes).

import { createHash } from 'node:crypto';
import { liveObject } from '../../core/live.js';
import type { LiveObject, PlanItem } from '../../core/model.js';
import { declaredPaths, unmetFields } from '../../core/verify.js';
import type { Attrs } from '../../core/value.js';
import { ProviderError } from '../../errors.js';
import { assertUnchanged } from '../fresh-check.js';
import type { ApplyContext, Inventory, ProviderAdapter, ReadOptions, ReadScope } from '../types.js';
import type { StripeApi } from './api.js';
import { stripeContract } from './contract.js';
import {
  MARKER,
  priceAttrs,
  priceCreateForm,
  productAttrs,
  productCreateForm,
  updateForm,
} from './mapping.js';
import type { StripeOptions } from './options.js';
import { idOf, type StripePrice, type StripeProduct } from './wire.js';

const PRODUCT = { provider: 'stripe', noun: 'product' };
const PRICE = { provider: 'stripe', noun: 'price' };
/**
 * Up to this many products in scope (a `--target` or `--changed-since` run), prices are listed per
 * product (two listings each: active and archived); beyond it, the whole account's prices are listed
 * and kept to the products in scope, which costs fewer requests.
 */
export const PER_PRODUCT_READS = 5;

/**
 * A product as a live object. Its fingerprint leaves out `default_price`: plansync's product updates
 * never send it, so a move of the default (by a price replacement running beside the update, say)
 * cannot be overwritten by them, and must not make the update stale.
 */
function productLive(product: StripeProduct): LiveObject {
  const attrs = productAttrs(product);
  const { default_price: _default, ...written } = attrs;
  return { ...liveObject(product.id, written), attrs };
}
const priceLive = (price: StripePrice): LiveObject => liveObject(price.id, priceAttrs(price));

export class StripeAdapter implements ProviderAdapter {
  /** Kind of each live object read, by id: what `retire` is given is an id alone. */
  readonly #kinds = new Map<string, 'product' | 'price'>();
  /**
   * Product creates under way, by product id: the product's prices wait for it, and are not sent when
   * it failed or the answer does not hold what was declared (the engine fails that create, and nothing
   * that depends on it may run). Resolves to why not, or undefined.
   */
  readonly #creating = new Map<string, Promise<string | undefined>>();
  /** Prices whose lookup key this run moved to a new price, with the key: their retirement expects it gone. */
  readonly #handedOver = new Map<string, string>();

  constructor(
    private readonly api: StripeApi,
    private readonly options: StripeOptions,
    /** The mode the key opens: every object read must carry the same `livemode`. */
    private readonly livemode: boolean,
  ) {}

  async readAll(scope?: ReadScope, options: ReadOptions = {}): Promise<Inventory> {
    const ids = Array.isArray(scope?.product_ids) ? (scope.product_ids as string[]) : undefined;
    if (ids?.length === 0) return { objects: [] };
    let pages = 0;
    const onPage = () => options.onProgress?.(++pages);
    // The listings follow cursors of their own, so they run side by side (within the connection's
    // concurrency and pace); each keeps its order, and the objects come out in a fixed order.
    const perProduct = ids !== undefined && ids.length <= PER_PRODUCT_READS;
    const inScope = ids === undefined || perProduct ? undefined : new Set(ids);
    const priceListings = perProduct
      ? ids.flatMap((id) => [true, false].map((active) => this.api.listPrices(active, id, onPage)))
      : [true, false].map((active) => this.api.listPrices(active, undefined, onPage));
    const [products, ...listed] = await Promise.all([this.api.listProducts(ids, onPage), ...priceListings]);
    const prices = (listed as StripePrice[][])
      .flat()
      .filter((price) => !inScope || inScope.has(idOf(price.product) ?? ''));
    const objects: LiveObject[] = [];
    for (const product of products) objects.push(this.#seen(product, productLive(product), 'product'));
    for (const price of prices) objects.push(this.#seen(price, priceLive(price), 'price'));
    return { objects };
  }

  async create(desired: Attrs, context: ApplyContext): Promise<LiveObject> {
    if (desired.object === 'product') {
      const id = String(desired.product);
      const creating = this.api.createProduct(productCreateForm(desired), context.idempotencyKey);
      this.#creating.set(
        id,
        creating.then(
          (product) =>
            unmetFields(
              stripeContract,
              desired,
              declaredPaths(stripeContract, desired),
              productAttrs(product),
            ).length === 0
              ? undefined
              : 'was not created as declared',
          () => 'was not created',
        ),
      );
      const product = this.#check(await creating);
      context.step(`created product ${product.id}`);
      return productLive(product);
    }
    const productId = String(desired.product);
    // The product is created by another operation of this run: its prices wait for it, and are not
    // sent when it failed (Stripe would answer "No such product"; the product's own error says why).
    const notSent = await this.#creating.get(productId);
    if (notSent !== undefined) {
      throw new ProviderError(`stripe: product ${productId} ${notSent}, so its price was not sent`, {
        provider: 'stripe',
        endpoint: 'POST /v1/prices',
      });
    }
    const replacing = context.replacing ?? [];
    // The key also names what the price replaces: a revert to an earlier price's terms within Stripe's
    // 24 hours is a new create, not a replay of the earlier one (whose price is archived by now).
    const key =
      replacing.length === 0
        ? context.idempotencyKey
        : `${context.idempotencyKey}-${createHash('sha256').update(replacing.join(',')).digest('hex').slice(0, 16)}`;
    const lookupKey = String(desired.lookup_key);
    // The old price is marked with the key before the key leaves it: if the run stops between here and
    // its archiving, the next plan still knows it as this plan's old version and archives it.
    // A price plansync created carries the mark already: one read tells, and saves the write.
    for (const old of replacing) {
      const current = this.#check(await this.api.getPrice(old));
      if (current.metadata?.[MARKER] !== lookupKey) {
        this.#check(await this.api.updatePrice(old, { [`metadata[${MARKER}]`]: lookupKey }));
        context.step(`marked price ${old} with its lookup key ${lookupKey} (metadata.${MARKER})`);
      }
      this.#handedOver.set(old, lookupKey);
    }
    const price = this.#check(
      await this.api.createPrice(priceCreateForm(desired, replacing.length > 0), key),
    );
    this.#kinds.set(price.id, 'price');
    const moved = replacing.length > 0 ? ` (lookup key ${lookupKey} moved to it)` : '';
    context.step(`created price ${price.id}${moved}`);
    if (replacing.length > 0) {
      const product = this.#check(await this.api.getProduct(productId));
      const current = idOf(product.default_price);
      if (current !== undefined && replacing.includes(current)) {
        this.#check(await this.api.updateProduct(productId, { default_price: price.id }));
        context.step(`moved the default price of product ${productId} from ${current} to ${price.id}`);
      }
    }
    return priceLive(price);
  }

  async update(item: PlanItem, context: ApplyContext): Promise<LiveObject> {
    const id = item.id as string;
    const form = updateForm(item.changes);
    const fields = item.changes.map((change) => change.path).join(', ');
    if (item.desired?.object === 'product') {
      if (context.expectedFingerprint !== undefined)
        assertUnchanged(PRODUCT, productLive(this.#check(await this.api.getProduct(id))), context);
      const product = this.#check(await this.api.updateProduct(id, form));
      context.step(`updated product ${id} (${fields})`);
      return productLive(product);
    }
    const current = this.#check(await this.api.getPrice(id));
    if (context.expectedFingerprint !== undefined) assertUnchanged(PRICE, priceLive(current), context);
    if (form.active === 'false') await this.#releaseDefault(current, context);
    const price = this.#check(await this.api.updatePrice(id, form));
    context.step(`updated price ${id} (${fields})`);
    return priceLive(price);
  }

  async retire(id: string, context: ApplyContext): Promise<LiveObject | undefined> {
    const kind = this.#kinds.get(id) ?? (await this.#kindOf(id));
    if (kind === 'product') return this.#retireProduct(id, context);
    const current = this.#check(await this.api.getPrice(id));
    if (!current.active) {
      context.step(`price ${id} already archived; nothing sent`);
      return priceLive(current);
    }
    // A price this run replaced gave its lookup key to its successor: that is the one change expected.
    const handedOver = this.#handedOver.get(id);
    const seen =
      handedOver !== undefined && current.lookup_key === null
        ? { ...current, lookup_key: handedOver }
        : current;
    assertUnchanged(PRICE, priceLive(seen), context);
    await this.#releaseDefault(current, context);
    const price = this.#check(await this.api.updatePrice(id, { active: 'false' }));
    context.step(`archived price ${id}`);
    return priceLive(price);
  }

  async #retireProduct(id: string, context: ApplyContext): Promise<LiveObject | undefined> {
    const current = this.#check(await this.api.getProduct(id));
    assertUnchanged(PRODUCT, productLive(current), context);
    // Deleting is opted into, and Stripe allows it only for a product no price (even archived) names.
    if (this.options.delete_unpriced_products && !(await this.api.hasPrices(id))) {
      await this.api.deleteProduct(id);
      context.step(`deleted product ${id} (it has no prices)`);
      return undefined;
    }
    if (!current.active) {
      context.step(`product ${id} already archived; nothing sent`);
      return productLive(current);
    }
    const product = this.#check(await this.api.updateProduct(id, { active: 'false' }));
    context.step(`archived product ${id}`);
    return productLive(product);
  }

  /**
   * Stripe refuses to archive a product's default price. The default moves to the price that now holds
   * this one's lookup key (its successor, when a replacement was interrupted before the move), or,
   * with no successor, the product is left without a default.
   */
  async #releaseDefault(price: StripePrice, context: ApplyContext): Promise<void> {
    const productId = idOf(price.product) ?? '';
    const product = this.#check(await this.api.getProduct(productId));
    if (idOf(product.default_price) !== price.id) return;
    const key = price.lookup_key ?? price.metadata?.[MARKER];
    const successor =
      key === undefined || key === null
        ? undefined
        : (await this.api.pricesByLookupKey(key)).find(
            (other) => other.id !== price.id && other.active && idOf(other.product) === productId,
          );
    this.#check(await this.api.updateProduct(productId, { default_price: successor?.id ?? '' }));
    context.step(
      successor
        ? `moved the default price of product ${productId} from ${price.id} to ${successor.id}`
        : `unset the default price of product ${productId} (it was ${price.id}, being archived)`,
    );
  }

  /** An id plansync did not read in this run (a saved plan's): a price if Stripe knows it as one. */
  async #kindOf(id: string): Promise<'product' | 'price'> {
    try {
      await this.api.getPrice(id);
      return 'price';
    } catch (error) {
      if (error instanceof ProviderError && error.details.status === 404) return 'product';
      throw error;
    }
  }

  #seen(object: StripeProduct | StripePrice, live: LiveObject, kind: 'product' | 'price'): LiveObject {
    this.#check(object);
    this.#kinds.set(object.id, kind);
    return live;
  }

  /** An object of the other mode (a live object to a test key) means the key or the host is not what it seems. */
  #check<T extends StripeProduct | StripePrice>(object: T): T {
    if (object.livemode !== undefined && object.livemode !== this.livemode) {
      const mode = (live: boolean) => (live ? 'live' : 'test');
      throw new ProviderError(
        `stripe: ${object.object} ${object.id} is a ${mode(object.livemode)}-mode object, but the key is a ${mode(this.livemode)}-mode key; nothing more was read or written`,
        { provider: 'stripe', endpoint: `${object.object} ${object.id}` },
      );
    }
    return object;
  }
}
