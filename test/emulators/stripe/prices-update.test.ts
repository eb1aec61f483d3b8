import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../../src/sandbox/stripe/index.js';
import {
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

let emulator: StripeEmulator;
let price: string;

beforeEach(async () => {
  emulator = await startTestEmulator();
  await createProduct(emulator, 'p');
  price = await createPrice(emulator, { product: 'p', unit_amount: 1000, ...MONTHLY, 'metadata[a]': '1' });
});

const update = (form: Form, id = price) => call(emulator, 'POST', `/v1/prices/${id}`, { form });

describe('Stripe emulator: updating prices', () => {
  it('changes nickname, merges metadata and archives, leaving the money terms alone', async () => {
    const result = await update({ nickname: 'Monthly', 'metadata[b]': '2', active: false });

    expect(body(result)).toMatchObject({
      id: price,
      nickname: 'Monthly',
      metadata: { a: '1', b: '2' },
      active: false,
      unit_amount: 1000,
    });
  });

  it('reactivates an archived price', async () => {
    await update({ active: false });

    const result = await update({ active: true });

    expect(body(result).active).toBe(true);
  });

  it('refuses an immutable parameter as unknown: 400 parameter_unknown', async () => {
    const result = await update({ unit_amount: 2000 });

    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'unit_amount',
      message: 'Received unknown parameter: unit_amount',
    });
    expect(emulator.prices()[0]?.unit_amount).toBe(1000);
  });

  it.each([
    ['currency', 'eur'],
    ['product', 'p'],
    ['recurring[interval]', 'year'],
    ['billing_scheme', 'tiered'],
  ])('refuses %s on update', async (param, value) => {
    const result = await update({ [param]: value });

    expect(stripeError(result)).toMatchObject({
      code: 'parameter_unknown',
      param: param.replace(/\[.*$/, ''),
    });
  });

  it('moves tax_behavior from unspecified once, then never across', async () => {
    const first = await update({ tax_behavior: 'exclusive' });
    const again = await update({ tax_behavior: 'exclusive' });
    const across = await update({ tax_behavior: 'inclusive' });

    expect(body(first).tax_behavior).toBe('exclusive');
    expect(again.status).toBe(200);
    expect(across.status).toBe(400);
    expect(stripeError(across).param).toBe('tax_behavior');
  });

  it("refuses to archive the product's default price", async () => {
    await call(emulator, 'POST', '/v1/products/p', { form: { default_price: price } });

    const result = await update({ active: false });

    expect(result.status).toBe(400);
    expect(stripeError(result).message).toBe(
      'This price cannot be archived because it is the default price of its product.',
    );
    expect(emulator.prices()[0]?.active).toBe(true);
  });

  it('replaces currency_options as a whole and clears them with an empty value', async () => {
    await update({ 'currency_options[eur][unit_amount]': 900 });

    const replaced = await update({
      'currency_options[gbp][unit_amount]': 800,
      'expand[]': 'currency_options',
    });
    const cleared = await update({ currency_options: '', 'expand[]': 'currency_options' });

    expect(Object.keys(body<{ currency_options: object }>(replaced).currency_options)).toEqual([
      'usd',
      'gbp',
    ]);
    expect(Object.keys(body<{ currency_options: object }>(cleared).currency_options)).toEqual(['usd']);
  });

  it('answers 404 resource_missing for an unknown price', async () => {
    const result = await update({ nickname: 'x' }, 'price_missing');

    expect(result.status).toBe(404);
    expect(stripeError(result).message).toBe("No such price: 'price_missing'");
  });

  it('retrieves a price, expanding its product on request', async () => {
    const plain = await call(emulator, 'GET', `/v1/prices/${price}`);
    const expanded = await call(emulator, 'GET', `/v1/prices/${price}`, { form: { 'expand[]': 'product' } });

    expect(body(plain).product).toBe('p');
    expect(body(expanded).product).toMatchObject({ id: 'p', object: 'product' });
  });

  it('refuses an expansion the object does not have', async () => {
    const result = await call(emulator, 'GET', `/v1/prices/${price}`, { form: { 'expand[]': 'nothing' } });

    expect(result.status).toBe(400);
    expect(stripeError(result).param).toBe('expand');
  });
});
