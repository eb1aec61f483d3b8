// Constant Contact's partner emulator as one module for the sandbox registry, plus what tests and the
// benchmark import. Its plan and billing rules are its own, never plansync's (why:
// src/sandbox/registry.ts).

import { type EmulatorModule, credentialSlots } from '../kit/index.js';
import { startConstantContactEmulator } from './emulator.js';
import type { SeedAccount } from './account-types.js';
import { CONSTANTCONTACT_DEMO_SEED } from './seed.js';

export const constantContactEmulator = {
  provider: 'constantcontact',
  demoSeed: CONSTANTCONTACT_DEMO_SEED,
  demoCredentials: {
    api_key: 'plansync-demo-api-key',
    client_id: 'plansync-demo-partner',
    client_secret: 'sandbox-partner-secret-not-secret',
  },
  async start({ credentials, seed, ...options }) {
    const { api_key, client_id, client_secret } = credentialSlots('constantcontact', credentials, [
      'api_key',
      'client_id',
      'client_secret',
    ]);
    const emulator = await startConstantContactEmulator({
      ...options,
      accounts: seed,
      credentials: { apiKey: api_key, clientId: client_id, clientSecret: client_secret },
    });
    return { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, emulator };
  },
} satisfies EmulatorModule<SeedAccount>;

export { startConstantContactEmulator } from './emulator.js';
export type { ConstantContactEmulator, ConstantContactEmulatorOptions } from './emulator.js';
export type { SeedAccount } from './account-types.js';
export { RATE_LIMIT_MESSAGE } from './errors.js';
export { generateAccounts } from './generate-accounts.js';
export { decodeOffset, encodeOffset } from './list-accounts.js';
export { TOKEN_PATH } from './partner-token.js';
export { CC_DEMO_ACCOUNT_IDS, CONSTANTCONTACT_DEMO_SEED } from './seed.js';
