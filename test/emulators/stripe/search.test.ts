import { afterEach, describe, expect, it } from 'vitest';
import {
  type CallResult,
  body,
  call,
  closeTestEmulators,
  createPrice,
  createProduct,
  startTestEmulator,
  stripeError,
} from './client.js';

afterEach(closeTestEmulators);

interface SearchJson {
  object: string;
  data: Array<{ id: string } & Record<string, unknown>>;
  has_more: boolean;
  next_page: string | null;
  total_count?: number;
  url: string;
}

const ids = (result: CallResult) => body<SearchJson>(result).data.map((item) => item.id);
const searchProducts = (emulator: { baseUrl: string }, query: string, extra: Record<string, string> = {}) =>
  call(emulator, 'GET', '/v1/products/search', { form: { query, ...extra } });

function clock(start = 1_767_225_600_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Stripe emulator: search', () => {
  it('finds products by metadata and active, as a search_result', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'a', { 'metadata[plansync_key]': 'pro' });
    await createProduct(emulator, 'b', { 'metadata[plansync_key]': 'pro', active: false });
    await createProduct(emulator, 'c', { 'metadata[plansync_key]': 'basic' });

    const result = await searchProducts(emulator, "active:'true' AND metadata['plansync_key']:'pro'");

    expect(body<SearchJson>(result)).toMatchObject({
      object: 'search_result',
      has_more: false,
      next_page: null,
      url: '/v1/products/search',
    });
    expect(ids(result)).toEqual(['a']);
  });

  it('takes OR, substrings, negation and created comparisons', async () => {
    const emulator = await startTestEmulator();
    for (const [index, id] of ['alpha', 'beta', 'gamma'].entries()) {
      emulator.setProduct({ id, object: 'product', name: `Plan ${id}`, created: 1_000 + index });
    }

    const either = await searchProducts(emulator, "name:'Plan alpha' OR name:'Plan gamma'");
    const substring = await searchProducts(emulator, "name~'bet'");
    const negated = await searchProducts(emulator, "-name:'Plan beta'");
    const newer = await searchProducts(emulator, 'created>1000');

    expect(ids(either)).toEqual(['gamma', 'alpha']);
    expect(ids(substring)).toEqual(['beta']);
    expect(ids(negated)).toEqual(['gamma', 'alpha']);
    expect(ids(newer)).toEqual(['gamma', 'beta']);
  });

  it('finds prices by lookup_key, product and currency, archived ones included', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    const usd = await createPrice(emulator, {
      product: 'p',
      unit_amount: 1,
      lookup_key: 'k1',
      active: false,
    });
    await createPrice(emulator, { product: 'p', currency: 'eur', unit_amount: 1 });

    const result = await call(emulator, 'GET', '/v1/prices/search', {
      form: { query: "product:'p' AND currency:'usd' AND lookup_key:'k1'" },
    });

    expect(ids(result)).toEqual([usd]);
  });

  it('pages with next_page and counts with expand[]=total_count', async () => {
    const emulator = await startTestEmulator();
    for (const id of ['a', 'b', 'c']) await createProduct(emulator, id);

    const first = await searchProducts(emulator, "active:'true'", { limit: '2', 'expand[]': 'total_count' });
    const second = await searchProducts(emulator, "active:'true'", {
      limit: '2',
      page: body<SearchJson>(first).next_page ?? '',
    });

    expect([ids(first), body<SearchJson>(first).has_more, body<SearchJson>(first).total_count]).toEqual([
      ['c', 'b'],
      true,
      3,
    ]);
    expect([ids(second), body<SearchJson>(second).next_page]).toEqual([['a'], null]);
  });

  it('refuses a query it cannot parse, an unsupported field, and AND mixed with OR', async () => {
    const emulator = await startTestEmulator();

    const unparsable = await searchProducts(emulator, 'name is pro');
    const field = await searchProducts(emulator, "colour:'red'");
    const mixed = await searchProducts(emulator, "name:'a' AND name:'b' OR name:'c'");
    const missing = await call(emulator, 'GET', '/v1/products/search');

    for (const result of [unparsable, field, mixed]) expect(stripeError(result).param).toBe('query');
    expect(stripeError(missing)).toMatchObject({ code: 'parameter_missing', param: 'query' });
  });

  describe('with an indexing delay', () => {
    it('shows a new product only once the delay has passed', async () => {
      const time = clock();
      const emulator = await startTestEmulator({ now: time.now, searchDelayMs: 60_000 });
      await createProduct(emulator, 'fresh');

      const before = await searchProducts(emulator, "active:'true'");
      const listed = await call(emulator, 'GET', '/v1/products/fresh');
      time.advance(60_000);
      const after = await searchProducts(emulator, "active:'true'");

      expect(ids(before)).toEqual([]);
      expect(listed.status).toBe(200);
      expect(ids(after)).toEqual(['fresh']);
    });

    it('shows the old version of an edit, and a deleted product, until the delay has passed', async () => {
      const time = clock();
      const emulator = await startTestEmulator({ now: time.now, searchDelayMs: 60_000 });
      await createProduct(emulator, 'p', { name: 'Old name' });
      await createProduct(emulator, 'gone');
      time.advance(60_000);
      await call(emulator, 'POST', '/v1/products/p', { form: { name: 'New name' } });
      await call(emulator, 'DELETE', '/v1/products/gone');

      const stale = await searchProducts(emulator, "name:'Old name' OR name:'Product gone'");
      time.advance(60_000);
      const fresh = await searchProducts(emulator, "name:'New name' OR name:'Product gone'");

      expect(ids(stale)).toEqual(['gone', 'p']);
      expect(ids(fresh)).toEqual(['p']);
    });

    it('makes the starting seed searchable at once, and lets the delay change at runtime', async () => {
      const time = clock();
      const emulator = await startTestEmulator({
        now: time.now,
        searchDelayMs: 60_000,
        seed: [{ id: 'seeded', object: 'product', name: 'Seeded' }],
      });
      await createProduct(emulator, 'later');

      const seeded = await searchProducts(emulator, "active:'true'");
      emulator.setSearchDelay(0);
      const immediate = await searchProducts(emulator, "active:'true'");

      expect(ids(seeded)).toEqual(['seeded']);
      expect(ids(immediate)).toEqual(['later', 'seeded']);
    });
  });
});
