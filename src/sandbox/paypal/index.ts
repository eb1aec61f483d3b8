// PayPal's emulator as one module for the sandbox registry, plus what tests and the benchmark import.
// It checks money with its own decimal.ts and currencies.ts, never with plansync's money code (why:
// src/sandbox/registry.ts).

import { type EmulatorModule, credentialSlots } from '../kit/index.js';
import { startPayPalEmulator } from './emulator.js';
import type { PayPalPlanInput } from './plan-types.js';
import { PAYPAL_DEMO_SEED } from './seed.js';

export const paypalEmulator = {
  provider: 'paypal',
  demoSeed: PAYPAL_DEMO_SEED,
  demoCredentials: { client_id: 'plansync-demo-client', client_secret: 'sandbox-secret-not-secret' },
  async start({ credentials, ...options }) {
    const { client_id, client_secret } = credentialSlots('paypal', credentials, [
      'client_id',
      'client_secret',
    ]);
    const emulator = await startPayPalEmulator({
      ...options,
      credentials: { clientId: client_id, clientSecret: client_secret },
    });
    return { baseUrl: emulator.baseUrl, emulator };
  },
} satisfies EmulatorModule<PayPalPlanInput>;

export { startPayPalEmulator } from './emulator.js';
export type { PayPalEmulator, PayPalEmulatorOptions } from './emulator.js';
export { EMULATOR_APP_ID, SUBSCRIPTIONS_SCOPE, TOKEN_PATH } from './oauth.js';
export { PLAN_ID_PATTERN } from './plan-store.js';
export type { PayPalPlan, PayPalPlanInput } from './plan-types.js';
export { REQUEST_ID_TTL_MS } from './request-ids.js';
export { PAYPAL_DEMO_PRODUCT_ID } from './seed.js';
