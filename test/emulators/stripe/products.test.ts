import { afterEach, describe, expect, it } from 'vitest';
import {
  body,
  call,
  closeTestEmulators,
  createPrice,
  createProduct,
  startTestEmulator,
  stripeError,
} from './client.js';

afterEach(closeTestEmulators);

/** 2026-01-01T00:00:00Z, then moved by tests. */
function clock(start = 1_767_225_600_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Stripe emulator: products', () => {
  it('creates a product with the caller-chosen id and the documented defaults', async () => {
    const time = clock();
    const emulator = await startTestEmulator({ now: time.now });

    const result = await call(emulator, 'POST', '/v1/products', { form: { id: 'pro_seats', name: 'Pro' } });

    expect(result.status).toBe(200);
    expect(body(result)).toEqual({
      id: 'pro_seats',
      object: 'product',
      active: true,
      created: 1_767_225_600,
      default_price: null,
      description: null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: {},
      name: 'Pro',
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      type: 'service',
      unit_label: null,
      updated: 1_767_225_600,
      url: null,
    });
    expect(emulator.products()).toEqual([body(result)]);
  });

  it('generates a prod_ id when none is given', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'POST', '/v1/products', { form: { name: 'Anonymous' } });

    expect(body(result).id).toMatch(/^prod_[A-Za-z0-9]{14}$/);
  });

  it('refuses a second product with the same id: 400 resource_already_exists', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'dup');

    const result = await call(emulator, 'POST', '/v1/products', { form: { id: 'dup', name: 'Again' } });

    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_already_exists',
      message: 'Product already exists',
    });
    expect(emulator.products()[0]?.name).toBe('Product dup');
  });

  it('requires a name', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'POST', '/v1/products', { form: { id: 'nameless' } });

    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({ code: 'parameter_missing', param: 'name' });
  });

  it('refuses statement_descriptor and unit_label on a good, and a descriptor over 22 characters', async () => {
    const emulator = await startTestEmulator();

    const good = await call(emulator, 'POST', '/v1/products', {
      form: { name: 'Box', type: 'good', unit_label: 'box' },
    });
    const long = await call(emulator, 'POST', '/v1/products', {
      form: { name: 'Svc', statement_descriptor: 'A'.repeat(23) },
    });
    const fine = await call(emulator, 'POST', '/v1/products', {
      form: { name: 'Svc', statement_descriptor: 'PLANSYNC PRO', unit_label: 'seat' },
    });

    expect(stripeError(good)).toMatchObject({ param: 'unit_label' });
    expect(stripeError(long)).toMatchObject({ param: 'statement_descriptor' });
    expect(body(fine)).toMatchObject({ statement_descriptor: 'PLANSYNC PRO', unit_label: 'seat' });
  });

  it('retrieves a product and answers 404 resource_missing for an unknown id', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'known');

    const known = await call(emulator, 'GET', '/v1/products/known');
    const unknown = await call(emulator, 'GET', '/v1/products/unknown');

    expect(body(known).id).toBe('known');
    expect(unknown.status).toBe(404);
    expect(stripeError(unknown)).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: "No such product: 'unknown'",
    });
  });

  it('updates only the fields sent and moves updated', async () => {
    const time = clock();
    const emulator = await startTestEmulator({ now: time.now });
    await createProduct(emulator, 'p', { description: 'Before', url: 'https://example.com' });
    time.advance(5000);

    const result = await call(emulator, 'POST', '/v1/products/p', { form: { name: 'Renamed' } });

    expect(body(result)).toMatchObject({
      name: 'Renamed',
      description: 'Before',
      url: 'https://example.com',
      created: 1_767_225_600,
      updated: 1_767_225_605,
    });
  });

  it('merges metadata: sent keys set, an empty value removes one, unsent keys stay', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p', { 'metadata[a]': '1', 'metadata[b]': '2' });

    const result = await call(emulator, 'POST', '/v1/products/p', {
      form: { 'metadata[b]': '', 'metadata[c]': '3' },
    });
    const cleared = await call(emulator, 'POST', '/v1/products/p', { form: { metadata: '' } });

    expect(body(result).metadata).toEqual({ a: '1', c: '3' });
    expect(body(cleared).metadata).toEqual({});
  });

  it('enforces the metadata limits: 50 keys, keys of 40 characters, values of 500', async () => {
    const emulator = await startTestEmulator();
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`metadata[k${index}]`, 'v']));

    const tooMany = await call(emulator, 'POST', '/v1/products', { form: { name: 'P', ...many } });
    const longKey = await call(emulator, 'POST', '/v1/products', {
      form: { name: 'P', [`metadata[${'k'.repeat(41)}]`]: 'v' },
    });
    const longValue = await call(emulator, 'POST', '/v1/products', {
      form: { name: 'P', 'metadata[k]': 'v'.repeat(501) },
    });

    expect([tooMany.status, longKey.status, longValue.status]).toEqual([400, 400, 400]);
    expect(emulator.products()).toEqual([]);
  });

  it('sets default_price to a price of the product and unsets it with an empty value', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    const price = await createPrice(emulator, { product: 'p', unit_amount: 100 });

    const set = await call(emulator, 'POST', '/v1/products/p', { form: { default_price: price } });
    const unset = await call(emulator, 'POST', '/v1/products/p', { form: { default_price: '' } });

    expect(body(set).default_price).toBe(price);
    expect(body(unset).default_price).toBeNull();
  });

  it("refuses another product's price and an archived price as default_price", async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    await createProduct(emulator, 'other');
    const foreign = await createPrice(emulator, { product: 'other', unit_amount: 100 });
    const archived = await createPrice(emulator, { product: 'p', unit_amount: 100, active: false });

    const wrongProduct = await call(emulator, 'POST', '/v1/products/p', { form: { default_price: foreign } });
    const inactive = await call(emulator, 'POST', '/v1/products/p', { form: { default_price: archived } });

    expect(stripeError(wrongProduct).param).toBe('default_price');
    expect(stripeError(inactive).message).toBe(
      'The price specified is inactive. This field only accepts active prices.',
    );
    expect(emulator.products()[0]?.default_price).toBeNull();
  });

  it('expands default_price on retrieve', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    const price = await createPrice(emulator, { product: 'p', unit_amount: 100 });
    await call(emulator, 'POST', '/v1/products/p', { form: { default_price: price } });

    const result = await call(emulator, 'GET', '/v1/products/p', { form: { 'expand[]': 'default_price' } });

    expect(body(result).default_price).toMatchObject({ id: price, object: 'price', unit_amount: 100 });
  });

  it('refuses to change a product type', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');

    const result = await call(emulator, 'POST', '/v1/products/p', { form: { type: 'good' } });

    expect(stripeError(result)).toMatchObject({ code: 'parameter_unknown', param: 'type' });
  });

  it('deletes a product that never had a price', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');

    const result = await call(emulator, 'DELETE', '/v1/products/p');

    expect(body(result)).toEqual({ id: 'p', object: 'product', deleted: true });
    expect(emulator.products()).toEqual([]);
  });

  it('refuses to delete a product with any price, an archived one included', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');
    await createPrice(emulator, { product: 'p', unit_amount: 100, active: false });

    const result = await call(emulator, 'DELETE', '/v1/products/p');

    expect(result.status).toBe(400);
    expect(stripeError(result).message).toBe(
      'This product cannot be deleted because it has one or more user-created prices.',
    );
    expect(emulator.products()).toHaveLength(1);
  });

  it('answers 404 to the delete of an unknown product', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'DELETE', '/v1/products/ghost');

    expect(result.status).toBe(404);
  });

  it('archives with active=false and shows a dashboard edit made through setProduct', async () => {
    const emulator = await startTestEmulator();
    await createProduct(emulator, 'p');

    await call(emulator, 'POST', '/v1/products/p', { form: { active: false } });
    emulator.setProduct({ ...emulator.products()[0]!, name: 'Edited in the Dashboard' });
    const result = await call(emulator, 'GET', '/v1/products/p');

    expect(body(result)).toMatchObject({ active: false, name: 'Edited in the Dashboard' });
  });
});
