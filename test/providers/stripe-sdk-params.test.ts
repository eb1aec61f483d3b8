// The Stripe contract against stripe-node 23.2.0's own types (a dev dependency, for this check only:
// plansync calls Stripe through its own HTTP client). What the contract changes in place must be a
// parameter of ProductUpdateParams or PriceUpdateParams, what it calls create-only must not be, and a
// field plansync clears by sending it empty must be `Emptyable` there. An SDK upgrade that moves a
// field fails the type check (npm run check:static) or these assertions.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeContract } from '../../src/providers/stripe/contract.js';

type Params<T> = Exclude<keyof T, 'expand'>;
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every parameter of the SDK's update calls, written out: the type check fails when the SDK's list moves. */
const PRODUCT_UPDATE = [
  'active',
  'default_price',
  'description',
  'images',
  'marketing_features',
  'metadata',
  'name',
  'package_dimensions',
  'shippable',
  'statement_descriptor',
  'tax_code',
  'tax_details',
  'unit_label',
  'url',
] as const;
const PRICE_UPDATE = [
  'active',
  'currency_options',
  'lookup_key',
  'metadata',
  'nickname',
  'tax_behavior',
  'transfer_lookup_key',
] as const;
const productListed: Exact<(typeof PRODUCT_UPDATE)[number], Params<Stripe.ProductUpdateParams>> = true;
const priceListed: Exact<(typeof PRICE_UPDATE)[number], Params<Stripe.PriceUpdateParams>> = true;

/**
 * Whether the SDK declares the update parameter `Emptyable` (takes `''` to unset). For a string field
 * the type cannot tell (`'' | string` is `string`), so the declaration's text is read.
 */
function emptyable(resource: 'Products' | 'Prices', params: string, field: string): boolean {
  const text = readFileSync(
    path.join('node_modules', 'stripe', 'cjs', 'resources', `${resource}.d.ts`),
    'utf8',
  );
  const body = text.slice(text.indexOf(`export interface ${params} {`));
  const declaration = new RegExp(`^    ${field}\\?: (.*)$`, 'm').exec(body.slice(0, body.indexOf('\n}')));
  if (!declaration) throw new Error(`${params}.${field} is not in stripe-node's ${resource}.d.ts`);
  return (declaration[1] ?? '').startsWith('Emptyable<');
}

/** The product and price text fields the contract changes in place, and the SDK's parameters for them. */
const TEXT_FIELDS: Array<['Products' | 'Prices', string, string]> = [
  ['Products', 'ProductUpdateParams', 'description'],
  ['Products', 'ProductUpdateParams', 'unit_label'],
  ['Products', 'ProductUpdateParams', 'tax_code'],
  ['Products', 'ProductUpdateParams', 'url'],
  ['Products', 'ProductUpdateParams', 'statement_descriptor'],
  ['Prices', 'PriceUpdateParams', 'nickname'],
];

const changeable = (mode: string) => mode === 'in-place' || mode === 'conditional';

describe('the Stripe contract and stripe-node 23.2.0', () => {
  it('lists the SDK update parameters (checked by the type check)', () => {
    expect([productListed, priceListed]).toEqual([true, true]);
  });

  it('changes in place only what an update request takes', () => {
    const updatable = new Set<string>([...PRODUCT_UPDATE, ...PRICE_UPDATE]);
    const inPlace = stripeContract.fields
      .filter((rule) => changeable(rule.mutability.mode) && rule.path !== 'type')
      .map((rule) => rule.path);

    expect(inPlace.filter((path) => !updatable.has(path))).toEqual([]);
  });

  it('calls every other price parameter create-only, so changing it is a replacement', () => {
    const createOnly = stripeContract.fields
      .filter((rule) => rule.mutability.mode === 'create-only')
      .map((rule) => rule.path.split('.')[0] as string);

    expect(createOnly.filter((field) => (PRICE_UPDATE as readonly string[]).includes(field))).toEqual([]);
    expect(createOnly).toEqual(
      expect.arrayContaining(['currency', 'unit_amount', 'recurring', 'tiers', 'billing_scheme']),
    );
  });

  it('clears in place only what the SDK lets be sent empty; removing another is reported as drift', () => {
    for (const [resource, params, field] of TEXT_FIELDS) {
      const mode = stripeContract.fields.find((rule) => rule.path === field)?.mutability;
      const notClearable = mode?.mode === 'conditional' && mode.condition === 'not-clearable';
      expect({ field, clearable: !notClearable }).toEqual({
        field,
        clearable: emptyable(resource, params, field),
      });
    }
  });
});
