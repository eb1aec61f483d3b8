import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_READINGS,
  type StripeEmulator,
  type StripeReadings,
} from '../../../src/sandbox/stripe/index.js';
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

const ids = (result: CallResult) => body<{ data: Array<{ id: string }> }>(result).data.map((item) => item.id);

async function catalog(readings: Partial<StripeReadings> = {}) {
  const emulator = await startTestEmulator({ readings });
  await createProduct(emulator, 'p');
  const active = await createPrice(emulator, { product: 'p', unit_amount: 100, lookup_key: 'a' });
  const archived = await createPrice(emulator, {
    product: 'p',
    unit_amount: 200,
    lookup_key: 'b',
    active: false,
  });
  const tiered = await createPrice(emulator, {
    product: 'p',
    billing_scheme: 'tiered',
    tiers_mode: 'graduated',
    'tiers[0][up_to]': 'inf',
    'tiers[0][unit_amount]': 5,
  });
  return { emulator, active, archived, tiered };
}

describe('Stripe emulator: readings of what the reference infers', () => {
  it('defaults to the reference’s preferred readings', () => {
    expect(DEFAULT_READINGS).toEqual({
      pricesListDefault: 'active-only',
      tiersWhenListed: 'expand-only',
      immutableUpdate: 'reject',
      duplicateProductCode: 'resource_already_exists',
      lookupKeysFindArchived: true,
    });
  });

  describe('pricesListDefault', () => {
    it("'active-only': a list without active shows active prices only", async () => {
      const { emulator, active, tiered } = await catalog();

      const result = await call(emulator, 'GET', '/v1/prices');

      expect(ids(result)).toEqual([tiered, active]);
    });

    it("'all': a list without active shows archived prices too", async () => {
      const { emulator, active, archived, tiered } = await catalog({ pricesListDefault: 'all' });

      const result = await call(emulator, 'GET', '/v1/prices');

      expect(ids(result)).toEqual([tiered, archived, active]);
    });
  });

  describe('tiersWhenListed', () => {
    it("'expand-only': tiers are missing from list and retrieve unless expanded", async () => {
      const { emulator, tiered } = await catalog();

      const listed = await call(emulator, 'GET', '/v1/prices', { form: { active: true } });
      const retrieved = await call(emulator, 'GET', `/v1/prices/${tiered}`);
      const expanded = await call(emulator, 'GET', `/v1/prices/${tiered}`, { form: { 'expand[]': 'tiers' } });

      expect(body<{ data: object[] }>(listed).data[0]).not.toHaveProperty('tiers');
      expect(body(retrieved)).not.toHaveProperty('tiers');
      expect(body(retrieved)).not.toHaveProperty('currency_options');
      expect(body(expanded).tiers).toEqual([
        {
          flat_amount: null,
          flat_amount_decimal: null,
          unit_amount: 5,
          unit_amount_decimal: '5',
          up_to: null,
        },
      ]);
    });

    it("'always': tiers and currency_options come without expand", async () => {
      const { emulator, tiered } = await catalog({ tiersWhenListed: 'always' });

      const listed = await call(emulator, 'GET', '/v1/prices', { form: { active: true } });
      const retrieved = await call(emulator, 'GET', `/v1/prices/${tiered}`);

      expect(body<{ data: object[] }>(listed).data[0]).toHaveProperty('tiers');
      expect(body(retrieved)).toHaveProperty('tiers');
      expect(body(retrieved)).toHaveProperty('currency_options.usd');
    });
  });

  describe('immutableUpdate', () => {
    it("'reject': an immutable parameter on update is a 400 parameter_unknown", async () => {
      const { emulator, active } = await catalog();

      const result = await call(emulator, 'POST', `/v1/prices/${active}`, {
        form: { unit_amount: 999, nickname: 'n' },
      });

      expect(stripeError(result)).toMatchObject({ code: 'parameter_unknown', param: 'unit_amount' });
      expect(emulator.prices().find((price) => price.id === active)?.nickname).toBeNull();
    });

    it("'ignore': the update answers 200, applies the updatable fields and keeps the old amount", async () => {
      const { emulator, active } = await catalog({ immutableUpdate: 'ignore' });

      const result = await call(emulator, 'POST', `/v1/prices/${active}`, {
        form: { unit_amount: 999, nickname: 'n' },
      });
      const unknown = await call(emulator, 'POST', `/v1/prices/${active}`, { form: { colour: 'red' } });

      expect(result.status).toBe(200);
      expect(body(result)).toMatchObject({ unit_amount: 100, nickname: 'n' });
      expect(stripeError(unknown).code).toBe('parameter_unknown');
    });
  });

  describe('duplicateProductCode', () => {
    const duplicate = async (emulator: StripeEmulator) => {
      await createProduct(emulator, 'dup');
      return call(emulator, 'POST', '/v1/products', { form: { id: 'dup', name: 'Again' } });
    };

    it("'resource_already_exists': the 400 carries that code", async () => {
      const emulator = await startTestEmulator();

      const result = await duplicate(emulator);

      expect(stripeError(result)).toMatchObject({
        code: 'resource_already_exists',
        message: 'Product already exists',
      });
    });

    it("'none': the 400 carries the message only", async () => {
      const emulator = await startTestEmulator({ readings: { duplicateProductCode: 'none' } });

      const result = await duplicate(emulator);

      expect(result.status).toBe(400);
      expect(stripeError(result)).not.toHaveProperty('code');
      expect(stripeError(result).message).toBe('Product already exists');
    });
  });

  describe('lookupKeysFindArchived', () => {
    const lookup = (emulator: StripeEmulator) =>
      call(emulator, 'GET', '/v1/prices', {
        form: [
          ['lookup_keys[]', 'a'],
          ['lookup_keys[]', 'b'],
          ['active', 'false'],
        ],
      });

    it('true: lookup_keys[] finds an archived price', async () => {
      const { emulator, archived } = await catalog();

      expect(ids(await lookup(emulator))).toEqual([archived]);
    });

    it('false: lookup_keys[] never finds an archived price', async () => {
      const { emulator } = await catalog({ lookupKeysFindArchived: false });

      expect(ids(await lookup(emulator))).toEqual([]);
    });
  });

  it('switches a reading at runtime', async () => {
    const { emulator, active, archived, tiered } = await catalog();

    emulator.setReadings({ pricesListDefault: 'all' });
    const result = await call(emulator, 'GET', '/v1/prices');

    expect(ids(result)).toEqual([tiered, archived, active]);
  });
});
