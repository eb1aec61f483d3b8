import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../../src/sandbox/stripe/index.js';
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

let emulator: StripeEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
  await createProduct(emulator, 'p');
});

const holders = () =>
  emulator
    .prices()
    .filter((price) => price.lookup_key === 'pro:month:usd')
    .map((price) => price.id);

describe('Stripe emulator: lookup keys', () => {
  it('refuses a second price with a lookup key in use, naming the holder', async () => {
    const first = await createPrice(emulator, {
      product: 'p',
      unit_amount: 1000,
      lookup_key: 'pro:month:usd',
    });

    const result = await call(emulator, 'POST', '/v1/prices', {
      form: { product: 'p', currency: 'usd', unit_amount: 1200, lookup_key: 'pro:month:usd' },
    });

    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      param: 'lookup_key',
      message: `A price (\`${first}\`) already uses that lookup key.`,
    });
    expect(emulator.prices()).toHaveLength(1);
  });

  it('moves the key to the new price with transfer_lookup_key=true', async () => {
    const old = await createPrice(emulator, { product: 'p', unit_amount: 1000, lookup_key: 'pro:month:usd' });

    const fresh = await createPrice(emulator, {
      product: 'p',
      unit_amount: 1200,
      lookup_key: 'pro:month:usd',
      transfer_lookup_key: true,
    });

    expect(holders()).toEqual([fresh]);
    expect(emulator.prices().find((price) => price.id === old)?.lookup_key).toBeNull();
  });

  it('keeps the key on an archived price: it still blocks another price', async () => {
    const old = await createPrice(emulator, { product: 'p', unit_amount: 1000, lookup_key: 'pro:month:usd' });
    await call(emulator, 'POST', `/v1/prices/${old}`, { form: { active: false } });

    const result = await call(emulator, 'POST', '/v1/prices', {
      form: { product: 'p', currency: 'usd', unit_amount: 1200, lookup_key: 'pro:month:usd' },
    });

    expect(result.status).toBe(400);
    expect(holders()).toEqual([old]);
  });

  it('renames and transfers a key on update, but refuses to clear it', async () => {
    const a = await createPrice(emulator, { product: 'p', unit_amount: 1, lookup_key: 'pro:month:usd' });
    const b = await createPrice(emulator, { product: 'p', unit_amount: 2 });

    const clash = await call(emulator, 'POST', `/v1/prices/${b}`, { form: { lookup_key: 'pro:month:usd' } });
    const moved = await call(emulator, 'POST', `/v1/prices/${b}`, {
      form: { lookup_key: 'pro:month:usd', transfer_lookup_key: true },
    });
    const cleared = await call(emulator, 'POST', `/v1/prices/${b}`, { form: { lookup_key: '' } });

    expect(clash.status).toBe(400);
    expect(body(moved).lookup_key).toBe('pro:month:usd');
    expect(emulator.prices().find((price) => price.id === a)?.lookup_key).toBeNull();
    expect(stripeError(cleared)).toMatchObject({ code: 'parameter_invalid_empty', param: 'lookup_key' });
    expect(emulator.prices().find((price) => price.id === b)?.lookup_key).toBe('pro:month:usd');
  });

  it('refuses a key over 200 characters', async () => {
    const result = await call(emulator, 'POST', '/v1/prices', {
      form: { product: 'p', currency: 'usd', unit_amount: 1, lookup_key: 'k'.repeat(201) },
    });

    expect(stripeError(result).param).toBe('lookup_key');
  });

  it('finds prices by lookup_keys[], archived ones with active=false', async () => {
    const active = await createPrice(emulator, { product: 'p', unit_amount: 1, lookup_key: 'a' });
    const archived = await createPrice(emulator, {
      product: 'p',
      unit_amount: 2,
      lookup_key: 'b',
      active: false,
    });
    await createPrice(emulator, { product: 'p', unit_amount: 3, lookup_key: 'c' });

    const found = await call(emulator, 'GET', '/v1/prices', {
      form: [
        ['lookup_keys[]', 'a'],
        ['lookup_keys[]', 'b'],
        ['active', 'true'],
      ],
    });
    const foundArchived = await call(emulator, 'GET', '/v1/prices', {
      form: [
        ['lookup_keys[]', 'a'],
        ['lookup_keys[]', 'b'],
        ['active', 'false'],
      ],
    });

    expect(body<{ data: Array<{ id: string }> }>(found).data.map((price) => price.id)).toEqual([active]);
    expect(body<{ data: Array<{ id: string }> }>(foundArchived).data.map((price) => price.id)).toEqual([
      archived,
    ]);
  });

  it('refuses more than 10 lookup keys in one list', async () => {
    const keys = Array.from({ length: 11 }, (_, index): [string, string] => ['lookup_keys[]', `k${index}`]);

    const result = await call(emulator, 'GET', '/v1/prices', { form: keys });

    expect(result.status).toBe(400);
    expect(stripeError(result).param).toBe('lookup_keys');
  });

  it('refuses a dashboard edit that would give a key two holders', async () => {
    const holder = await createPrice(emulator, { product: 'p', unit_amount: 1, lookup_key: 'taken' });

    expect(() =>
      emulator.setPrice({
        id: 'price_dash',
        object: 'price',
        product: 'p',
        currency: 'usd',
        unit_amount: 5,
        lookup_key: 'taken',
      }),
    ).toThrow(`lookup key taken is held by ${holder}`);
  });
});
