// Starts a seeded emulator for every provider plansync supports, for `plansync sandbox`, the demo
// (`npm start`) and integration tests. Each entry says where the emulator listens and which demo
// credentials open it; `close()` stops them all.

import { BLUESNAP_DEMO_SEED, startBlueSnapEmulator } from '../providers/bluesnap/emulator/index.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import type { RunningEmulator } from './kit/index.js';

/** Providers with an emulator; grows as PayPal, J.P. Morgan MPS and Constant Contact land. */
export type SandboxProvider = 'bluesnap';

export interface SandboxOptions {
  latencyMs?: number;
  /** Port of the first emulator; 0 or absent picks ephemeral ports. */
  port?: number;
}

export interface SandboxEmulator {
  provider: SandboxProvider;
  baseUrl: string;
  credentials: Record<string, string>;
  /** The running emulator, for tests that inject faults or read the request log. */
  emulator: RunningEmulator;
}

export interface Sandbox {
  emulators: SandboxEmulator[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const credentials = { ...DEMO_CREDENTIALS.bluesnap };
  const bluesnap = await startBlueSnapEmulator({
    port: options.port ?? 0,
    credentials,
    seed: BLUESNAP_DEMO_SEED,
    latencyMs: options.latencyMs,
  });

  const emulators: SandboxEmulator[] = [
    { provider: 'bluesnap', baseUrl: bluesnap.baseUrl, credentials, emulator: bluesnap },
  ];
  return {
    emulators,
    close: async () => {
      await Promise.all(emulators.map(({ emulator }) => emulator.close()));
    },
  };
}
