// J.P. Morgan MPS's emulator as one module for the sandbox registry, plus what tests and the benchmark
// import. It checks amounts and currencies with its own field-checks.ts and currencies.ts, never with
// plansync's money code (why: src/sandbox/registry.ts).

import { type EmulatorModule, credentialSlots } from '../kit/index.js';
import { startJpmMpsEmulator } from './emulator.js';
import type { JpmMpsPlanInput } from './plan-types.js';
import { JPMMPS_DEMO_SEED } from './seed.js';

export const jpmMpsEmulator = {
  provider: 'jpmmps',
  demoSeed: JPMMPS_DEMO_SEED,
  demoCredentials: { api_key: 'plansync-demo-merchant-key' },
  async start({ credentials, ...options }) {
    const { api_key } = credentialSlots('jpmmps', credentials, ['api_key']);
    const emulator = await startJpmMpsEmulator({ ...options, credentials: { apiKey: api_key } });
    // `${origin}/api/v1`: the emulator's stand-in for MPS's undisclosed {baseURL}.
    return { baseUrl: emulator.baseUrl, emulator };
  },
} satisfies EmulatorModule<JpmMpsPlanInput>;

export { startJpmMpsEmulator } from './emulator.js';
export type { JpmMpsEmulator, JpmMpsEmulatorOptions } from './emulator.js';
export { springErrorBody } from './errors.js';
export type { ListResponseBody } from './list-plans.js';
export { PLAN_ID_PATTERN } from './plan-store.js';
export type { JpmMpsPlan, JpmMpsPlanInput } from './plan-types.js';
export {
  JPMMPS_DEMO_BASIC_MONTHLY_ID,
  JPMMPS_DEMO_OLD_ANNUAL_ID,
  JPMMPS_DEMO_PREMIUM_MONTHLY_ID,
  JPMMPS_DEMO_SEED,
} from './seed.js';
