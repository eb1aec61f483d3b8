import { afterEach, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../../src/sandbox/stripe/index.js';
import {
  type CallResult,
  type Form,
  MONTHLY,
  body,
  call,
  closeTestEmulators,
  createPrice,
  createProduct,
  startTestEmulator,
  stripeError,
} from './client.js';

afterEach(closeTestEmulators);

interface ListJson {
  object: string;
  url: string;
  has_more: boolean;
  data: Array<{ id: string } & Record<string, unknown>>;
}

const ids = (result: CallResult) => body<ListJson>(result).data.map((item) => item.id);

/** Products p0 … p(n-1), created in that order (so listed p(n-1) first). */
async function withProducts(count: number): Promise<StripeEmulator> {
  const emulator = await startTestEmulator();
  for (let index = 0; index < count; index += 1) await createProduct(emulator, `p${index}`);
  return emulator;
}

describe('Stripe emulator: product lists', () => {
  it('lists newest first, 10 by default, with has_more and the list url', async () => {
    const emulator = await withProducts(12);

    const result = await call(emulator, 'GET', '/v1/products');

    expect(body<ListJson>(result)).toMatchObject({ object: 'list', url: '/v1/products', has_more: true });
    expect(ids(result)).toEqual(['p11', 'p10', 'p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p3', 'p2']);
  });

  it('pages on with starting_after and back with ending_before', async () => {
    const emulator = await withProducts(5);

    const next = await call(emulator, 'GET', '/v1/products', { form: { limit: 2, starting_after: 'p3' } });
    const last = await call(emulator, 'GET', '/v1/products', { form: { limit: 2, starting_after: 'p1' } });
    const back = await call(emulator, 'GET', '/v1/products', { form: { limit: 2, ending_before: 'p1' } });

    expect([ids(next), body<ListJson>(next).has_more]).toEqual([['p2', 'p1'], true]);
    expect([ids(last), body<ListJson>(last).has_more]).toEqual([['p0'], false]);
    expect([ids(back), body<ListJson>(back).has_more]).toEqual([['p3', 'p2'], true]);
  });

  it('refuses a limit outside 1–100, both cursors at once, and an unknown cursor', async () => {
    const emulator = await withProducts(2);

    const zero = await call(emulator, 'GET', '/v1/products', { form: { limit: 0 } });
    const tooMany = await call(emulator, 'GET', '/v1/products', { form: { limit: 101 } });
    const both = await call(emulator, 'GET', '/v1/products', {
      form: { starting_after: 'p0', ending_before: 'p1' },
    });
    const unknown = await call(emulator, 'GET', '/v1/products', { form: { starting_after: 'ghost' } });

    expect([zero.status, tooMany.status, both.status]).toEqual([400, 400, 400]);
    expect(stripeError(zero).param).toBe('limit');
    expect(stripeError(unknown)).toMatchObject({ code: 'resource_missing', param: 'starting_after' });
  });

  it('takes limit=100 in one page', async () => {
    const emulator = await startTestEmulator();
    for (let index = 0; index < 101; index += 1) {
      emulator.setProduct({
        id: `p${index}`,
        object: 'product',
        name: `P${index}`,
        created: 1_767_225_600 + index,
      });
    }

    const result = await call(emulator, 'GET', '/v1/products', { form: { limit: 100 } });

    expect(ids(result)).toHaveLength(100);
    expect(body<ListJson>(result).has_more).toBe(true);
  });

  it('filters by ids[] and refuses ids[] with a cursor', async () => {
    const emulator = await withProducts(4);
    const form: Array<[string, string]> = [
      ['limit', '100'],
      ['ids[]', 'p0'],
      ['ids[]', 'p2'],
      ['ids[]', 'missing'],
    ];

    const result = await call(emulator, 'GET', '/v1/products', { form });
    const withCursor = await call(emulator, 'GET', '/v1/products', {
      form: [...form, ['starting_after', 'p3']],
    });

    expect(ids(result)).toEqual(['p2', 'p0']);
    expect(withCursor.status).toBe(400);
    expect(stripeError(withCursor).param).toBe('ids');
  });

  it('filters by active', async () => {
    const emulator = await withProducts(3);
    await call(emulator, 'POST', '/v1/products/p1', { form: { active: false } });

    const active = await call(emulator, 'GET', '/v1/products', { form: { active: true } });
    const archived = await call(emulator, 'GET', '/v1/products', { form: { active: false } });

    expect(ids(active)).toEqual(['p2', 'p0']);
    expect(ids(archived)).toEqual(['p1']);
  });

  it('filters by created, exactly or within bounds', async () => {
    const emulator = await startTestEmulator();
    for (let index = 0; index < 4; index += 1) {
      emulator.setProduct({ id: `p${index}`, object: 'product', name: `P${index}`, created: 1_000 + index });
    }

    const exact = await call(emulator, 'GET', '/v1/products', { form: { created: 1_001 } });
    const range = await call(emulator, 'GET', '/v1/products', {
      form: { 'created[gt]': 1_000, 'created[lte]': 1_002 },
    });
    const unknownBound = await call(emulator, 'GET', '/v1/products', { form: { 'created[after]': 1 } });

    expect(ids(exact)).toEqual(['p1']);
    expect(ids(range)).toEqual(['p2', 'p1']);
    expect(stripeError(unknownBound)).toMatchObject({ code: 'parameter_unknown', param: 'created[after]' });
  });

  it('keeps creation order for objects created in the same second', async () => {
    const emulator = await startTestEmulator({ now: () => 1_767_225_600_000 });
    for (const id of ['a', 'b', 'c']) await createProduct(emulator, id);

    const result = await call(emulator, 'GET', '/v1/products');

    expect(ids(result)).toEqual(['c', 'b', 'a']);
  });
});

describe('Stripe emulator: price lists', () => {
  async function catalog() {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'a');
    await createProduct(emulator, 'b');
    const monthly = await createPrice(emulator, { product: 'a', unit_amount: 100, ...MONTHLY });
    const once = await createPrice(emulator, { product: 'a', currency: 'eur', unit_amount: 200 });
    const archived = await createPrice(emulator, {
      product: 'b',
      unit_amount: 300,
      ...MONTHLY,
      active: false,
    });
    return { emulator, monthly, once, archived };
  }

  const list = (emulator: StripeEmulator, form: Form) => call(emulator, 'GET', '/v1/prices', { form });

  it('filters by active, product, currency and type', async () => {
    const { emulator, monthly, once, archived } = await catalog();

    expect(ids(await list(emulator, { active: true }))).toEqual([once, monthly]);
    expect(ids(await list(emulator, { active: false }))).toEqual([archived]);
    expect(ids(await list(emulator, { active: true, product: 'a', currency: 'eur' }))).toEqual([once]);
    expect(ids(await list(emulator, { active: true, type: 'recurring' }))).toEqual([monthly]);
    expect(ids(await list(emulator, { active: false, 'recurring[interval]': 'month' }))).toEqual([archived]);
  });

  it('pages prices with starting_after', async () => {
    const { emulator, monthly, once } = await catalog();

    const first = await list(emulator, { active: true, limit: 1 });
    const second = await list(emulator, { active: true, limit: 1, starting_after: once });

    expect([ids(first), body<ListJson>(first).has_more]).toEqual([[once], true]);
    expect([ids(second), body<ListJson>(second).has_more]).toEqual([[monthly], false]);
  });

  it('leaves tiers and currency_options out unless data.* is expanded', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'a');
    await createPrice(emulator, {
      product: 'a',
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      'tiers[0][up_to]': 'inf',
      'tiers[0][unit_amount]': 5,
      'currency_options[eur][tiers][0][up_to]': 'inf',
      'currency_options[eur][tiers][0][unit_amount]': 4,
    });

    const plain = await list(emulator, { active: true });
    const expanded = await list(emulator, [
      ['active', 'true'],
      ['expand[]', 'data.tiers'],
      ['expand[]', 'data.currency_options'],
      ['expand[]', 'data.product'],
    ]);

    expect(body<ListJson>(plain).data[0]).not.toHaveProperty('tiers');
    expect(body<ListJson>(plain).data[0]).not.toHaveProperty('currency_options');
    expect(body<ListJson>(expanded).data[0]).toMatchObject({
      tiers: [{ up_to: null, unit_amount: 5 }],
      currency_options: {
        usd: { tiers: [{ up_to: null, unit_amount: 5 }] },
        eur: { tiers: [{ unit_amount: 4 }] },
      },
      product: { id: 'a', object: 'product' },
    });
  });

  it('refuses an unknown list parameter and an expansion without data.', async () => {
    const { emulator } = await catalog();

    const unknown = await list(emulator, { colour: 'red' });
    const wrongExpand = await list(emulator, { 'expand[]': 'tiers' });

    expect(stripeError(unknown).code).toBe('parameter_unknown');
    expect(stripeError(wrongExpand).param).toBe('expand');
  });
});
