import { afterEach, describe, expect, it } from 'vitest';
import {
  STRIPE_DEMO_PRO_PRODUCT_ID,
  STRIPE_DEMO_SEED,
  STRIPE_DEMO_STARTER_PRODUCT_ID,
  type StripePrice,
  type StripeProduct,
  stripeEmulator,
} from '../../../src/sandbox/stripe/index.js';
import { basicAuth, body, call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

describe('Stripe emulator: seed and module', () => {
  it('starts from the module with the demo key and seed, in test mode', async () => {
    const { baseUrl, emulator } = await stripeEmulator.start({
      credentials: { ...stripeEmulator.demoCredentials },
      seed: stripeEmulator.demoSeed,
    });
    try {
      const authorization = basicAuth(stripeEmulator.demoCredentials.secret_key);

      const result = await call({ baseUrl }, 'GET', '/v1/prices', { authorization, form: { active: false } });

      expect(body<{ data: Array<Record<string, unknown>> }>(result).data).toEqual([
        expect.objectContaining({
          lookup_key: 'pro:year:usd',
          active: false,
          livemode: false,
          unit_amount: 29000,
        }),
      ]);
    } finally {
      await emulator.close();
    }
  });

  it('refuses to start without the secret_key slot', async () => {
    await expect(stripeEmulator.start({ credentials: {} })).rejects.toThrow('missing credential secret_key');
  });

  it('holds the demo catalog in wire form, defaults filled in and amounts in both forms', async () => {
    const emulator = await startTestEmulator({ seed: STRIPE_DEMO_SEED });

    const products: StripeProduct[] = emulator.products();
    const prices: StripePrice[] = emulator.prices();

    expect(products.map((product) => [product.id, product.default_price])).toEqual([
      [STRIPE_DEMO_STARTER_PRODUCT_ID, 'price_1PlansyncDemoStarterMon'],
      [STRIPE_DEMO_PRO_PRODUCT_ID, 'price_1PlansyncDemoProMonthly'],
    ]);
    expect(prices[1]).toMatchObject({
      object: 'price',
      type: 'recurring',
      unit_amount: 2900,
      unit_amount_decimal: '2900',
      tax_behavior: 'exclusive',
      billing_scheme: 'per_unit',
    });
  });

  it("refuses to archive a seeded product's default price", async () => {
    const emulator = await startTestEmulator({ seed: STRIPE_DEMO_SEED });

    const result = await call(emulator, 'POST', '/v1/prices/price_1PlansyncDemoProMonthly', {
      form: { active: false },
    });

    expect(result.status).toBe(400);
  });

  it('refuses a seeded price whose product is unknown', async () => {
    await expect(
      startTestEmulator({
        seed: [{ id: 'price_x', object: 'price', product: 'ghost', currency: 'usd', unit_amount: 1 }],
      }),
    ).rejects.toThrow('unknown product ghost');
  });
});
