// Stripe in the conformance suite. A plan here is a product with one price: the in-place change is
// the price's nickname, the create-only one its amount (a replacement: new price with the lookup
// key, old price archived). Creates and retirements are counted on prices, the objects that can be
// duplicated (a product's id is chosen by plansync, so Stripe refuses a second one).

import type { StripeEmulator } from '../../../src/sandbox/stripe/index.js';
import type { ConformanceCase } from '../../conformance/case.js';
import { stripeEntry, stripeFixture, stripeSeed, type StripeSeedBundle } from './fixture.js';

const productId = (n: number) => `conf_${n}`;
const priceId = (n: number) => `price_conformance${String(n).padStart(6, '0')}`;
const PRICE_WRITE = /^POST \/v1\/prices\/price_\w+$/;

/** The decoded form (the emulator's `bodyCodec`) with one top-level field set, or dropped. */
const withField = (body: unknown, field: string, value: string | undefined): Record<string, unknown> => {
  const { [field]: _dropped, ...rest } = body as Record<string, unknown>;
  return value === undefined ? rest : { ...rest, [field]: value };
};

/** The entry with its (one) price changed. */
function withPrice(spec: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const prices = Object.entries((spec.prices ?? {}) as Record<string, Record<string, unknown>>);
  return {
    ...spec,
    prices: Object.fromEntries(prices.map(([key, price]) => [key, { ...price, ...change }])),
  };
}

export const stripeCase: ConformanceCase<StripeEmulator, StripeSeedBundle> = {
  fixture: stripeFixture,
  existing(n) {
    return {
      seed: stripeSeed(productId(n), `Plan ${n}`, priceId(n)),
      spec: stripeEntry(productId(n), `Plan ${n}`, '19.990'),
      id: priceId(n),
    };
  },
  fresh: (n) => stripeEntry(`new_${n}`, `New ${n}`, 5),
  // The fault matrix asks with an empty spec, for the request alone.
  inPlace: (spec) => ({ spec: withPrice(spec, { nickname: 'Now with support' }), request: PRICE_WRITE }),
  createOnly: (spec) => ({ spec: withPrice(spec, { unit_amount: '24.99' }), field: 'unit_amount' }),
  replaceable: (spec) => ({ ...spec, lifecycle: { replace: true } }),
  create: { method: 'POST', path: /^\/v1\/prices$/ },
  retire: PRICE_WRITE,
  // One entry is the product and its price: a create makes both, the nickname updates the price,
  // and pruning archives both.
  operationsOf(key, spec, action) {
    const price = `${String(spec.id)}_monthly`;
    if (action === 'create') return { [key]: 'create', [`${key}/${price}`]: 'create' };
    if (action === 'update') return { [`${key}/${price}`]: 'update' };
    return { [key]: 'retire', [`unmanaged:${String(spec.id)}`]: 'retire' };
  },
  count: (emulator, name) => {
    const products = new Set(
      emulator
        .products()
        .filter((p) => p.name === name)
        .map((p) => p.id),
    );
    return emulator.prices().filter((price) => products.has(String(price.product))).length;
  },
  // Where the reference infers (stripe.md §16), the emulator plays the other reading too.
  variants: {
    'prices listed without expansion carry their tiers': { readings: { tiersWhenListed: 'always' } },
    'a price list without `active` lists all': { readings: { pricesListDefault: 'all' } },
  },
  unmet: {
    update: {
      method: 'POST',
      path: /^\/v1\/prices\/price_\w+$/,
      field: 'nickname',
      ignore: (body) => withField(body, 'nickname', undefined),
    },
    create: {
      field: 'unit_amount',
      alter: (body) => withField(body, 'unit_amount', '600'),
    },
    retire: {
      method: 'POST',
      path: /^\/v1\/prices\/price_\w+$/,
      fault: { kind: 'rewrite-request', rewrite: (body) => withField(body, 'active', undefined) },
    },
  },
};
