// Stripe's emulator as one module for the sandbox registry, plus what tests and the benchmark import.
// It checks amounts and currencies with its own decimal.ts and currencies.ts, never with plansync's
// money code (why: src/sandbox/registry.ts).

import { type EmulatorModule, credentialSlots } from '../kit/index.js';
import { startStripeEmulator } from './emulator.js';
import { STRIPE_DEMO_SEED } from './seed.js';
import type { StripeSeedObject } from './wire.js';

export const stripeEmulator = {
  provider: 'stripe',
  demoSeed: STRIPE_DEMO_SEED,
  demoCredentials: { secret_key: 'sk_test_plansync_demo_not_secret' },
  async start({ credentials, ...options }) {
    const { secret_key } = credentialSlots('stripe', credentials, ['secret_key']);
    const emulator = await startStripeEmulator({ ...options, credentials: { secretKey: secret_key } });
    return { baseUrl: emulator.baseUrl, emulator };
  },
} satisfies EmulatorModule<StripeSeedObject>;

export {
  ACCOUNT_API_VERSION,
  LIVE_MODE_RATE_LIMIT,
  TEST_MODE_RATE_LIMIT,
  defaultRateLimit,
  startStripeEmulator,
} from './emulator.js';
export type { StripeEmulator, StripeEmulatorOptions } from './emulator.js';
export { minorUnitExponent } from './currencies.js';
export { IDEMPOTENCY_TTL_MS } from './idempotency.js';
export { DEFAULT_READINGS } from './readings.js';
export type { StripeReadings } from './readings.js';
export { STRIPE_DEMO_PRO_PRODUCT_ID, STRIPE_DEMO_SEED, STRIPE_DEMO_STARTER_PRODUCT_ID } from './seed.js';
export type { StripePrice, StripeProduct, StripeSeedObject } from './wire.js';
