// BlueSnap's emulator as one module for the sandbox registry, plus what tests and the benchmark
// import. It checks amounts and currencies with its own decimal.ts and currencies.ts, never with
// plansync's money code (why: src/sandbox/registry.ts).

import { type EmulatorModule, credentialSlots } from '../kit/index.js';
import { startBlueSnapEmulator } from './emulator.js';
import type { BlueSnapWirePlan } from './plan-record.js';
import { BLUESNAP_DEMO_SEED } from './seed.js';

export const bluesnapEmulator = {
  provider: 'bluesnap',
  demoSeed: BLUESNAP_DEMO_SEED,
  demoCredentials: { username: 'plansync-demo', password: 'sandbox-password-not-secret' },
  async start({ credentials, ...options }) {
    const { username, password } = credentialSlots('bluesnap', credentials, ['username', 'password']);
    const emulator = await startBlueSnapEmulator({ ...options, credentials: { username, password } });
    return { baseUrl: emulator.baseUrl, emulator };
  },
} satisfies EmulatorModule<BlueSnapWirePlan>;

export { startBlueSnapEmulator } from './emulator.js';
export type { BlueSnapEmulator, BlueSnapEmulatorOptions } from './emulator.js';
export { BLUESNAP_THROTTLING_MESSAGES } from './errors.js';
export { IDEMPOTENCY_TTL_MS } from './idempotency.js';
export type { BlueSnapWirePlan } from './plan-record.js';
export { BLUESNAP_DEMO_SEED } from './seed.js';
