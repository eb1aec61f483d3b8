// Stripe in the crash loop: the full mix (creates, nickname updates, a price replacement, prunes).
// A live record per product and per price, named by the product's name (the entry's), so a second
// price created for an entry shows as a duplicate. A price's lookup key is recorded as the key it
// belongs to (its lookup key, or plansync's mark once a replacement moved the key on): the key moves
// with the new price's create, atomically, before the old price is archived (stripe.md §7).

import type { StripeEmulator } from '../../../src/sandbox/stripe/index.js';
import {
  BULK_SAFETY,
  FULL_MIX,
  canonicalState,
  createMatcher,
  planMix,
  type CrashScenario,
  type LiveRecord,
} from '../../reliability/crash-scenarios.js';
import { stripeCase } from './conformance.js';
import type { StripeSeedBundle } from './fixture.js';

function live(emulator: StripeEmulator): LiveRecord[] {
  const names = new Map(emulator.products().map((product) => [product.id, product.name]));
  const products = emulator.products().map((product) => ({
    name: product.name,
    active: product.active,
    state: canonicalState({ name: product.name, active: product.active, description: product.description }),
  }));
  const prices = emulator.prices().map((price) => {
    const name = names.get(String(price.product)) ?? `unknown product ${String(price.product)}`;
    const { plansync_key: key, ...metadata } = price.metadata ?? {};
    return {
      name,
      active: price.active,
      state: canonicalState({
        name,
        key: price.lookup_key ?? key,
        active: price.active,
        currency: price.currency,
        unit_amount: price.unit_amount,
        recurring: price.recurring,
        nickname: price.nickname,
        tax_behavior: price.tax_behavior,
        metadata,
      }),
    };
  });
  return [...products, ...prices];
}

export const stripeCrash: CrashScenario<StripeEmulator, StripeSeedBundle> = {
  provider: 'stripe',
  fixture: stripeCase.fixture,
  ...planMix(stripeCase, (_n, spec) => stripeCase.inPlace(spec).spec),
  connectionExtra: ['    prune: true', ...BULK_SAFETY],
  // Pruning archives the pruned entries' products and prices: two retirements per entry.
  mix: { ...FULL_MIX, retires: FULL_MIX.retires * 2 },
  live,
  isCreate: createMatcher(stripeCase),
};
