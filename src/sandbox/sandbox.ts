// Starts a seeded emulator for every provider plansync supports, for `plansync sandbox`, the demo
// (`npm start`) and integration tests. Each entry says where the emulator listens and which demo
// credentials open it; `close()` stops them all.

import { BLUESNAP_DEMO_SEED, startBlueSnapEmulator } from './bluesnap/index.js';
import { CONSTANTCONTACT_DEMO_SEED, startConstantContactEmulator } from './constantcontact/index.js';
import { JPMMPS_DEMO_SEED, startJpmMpsEmulator } from './jpmmps/index.js';
import { PAYPAL_DEMO_SEED, startPayPalEmulator } from './paypal/index.js';
import { DEMO_CREDENTIALS } from '../emulators/demo-credentials.js';
import type { RunningEmulator } from './kit/index.js';

/** Providers with an emulator. */
export type SandboxProvider = 'bluesnap' | 'paypal' | 'constantcontact' | 'jpmmps';

export interface SandboxOptions {
  latencyMs?: number;
  /** Port of the first emulator, the next ones take the ports after it; 0 or absent picks ephemeral ports. */
  port?: number;
}

export interface SandboxEmulator {
  provider: SandboxProvider;
  baseUrl: string;
  credentials: Record<string, string>;
  /** Where a provider with a separate token service (Constant Contact's partner JWT) gets tokens. */
  tokenUrl?: string;
  /** The running emulator, for tests that inject faults or read the request log. */
  emulator: RunningEmulator;
}

export interface Sandbox {
  emulators: SandboxEmulator[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const portAt = (offset: number): number => (options.port ? options.port + offset : 0);
  const emulators: SandboxEmulator[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(emulators.map(({ emulator }) => emulator.close()));
  };
  try {
    const bluesnapCredentials = { ...DEMO_CREDENTIALS.bluesnap };
    const bluesnap = await startBlueSnapEmulator({
      port: portAt(0),
      credentials: bluesnapCredentials,
      seed: BLUESNAP_DEMO_SEED,
      latencyMs: options.latencyMs,
    });
    emulators.push({
      provider: 'bluesnap',
      baseUrl: bluesnap.baseUrl,
      credentials: bluesnapCredentials,
      emulator: bluesnap,
    });

    const paypalCredentials = { ...DEMO_CREDENTIALS.paypal };
    const paypal = await startPayPalEmulator({
      port: portAt(1),
      credentials: { clientId: paypalCredentials.client_id, clientSecret: paypalCredentials.client_secret },
      seed: PAYPAL_DEMO_SEED,
      latencyMs: options.latencyMs,
    });
    emulators.push({
      provider: 'paypal',
      baseUrl: paypal.baseUrl,
      credentials: paypalCredentials,
      emulator: paypal,
    });

    const constantContactCredentials = { ...DEMO_CREDENTIALS.constantcontact };
    const constantContact = await startConstantContactEmulator({
      port: portAt(2),
      credentials: {
        apiKey: constantContactCredentials.api_key,
        clientId: constantContactCredentials.client_id,
        clientSecret: constantContactCredentials.client_secret,
      },
      accounts: CONSTANTCONTACT_DEMO_SEED,
      latencyMs: options.latencyMs,
    });
    emulators.push({
      provider: 'constantcontact',
      baseUrl: constantContact.baseUrl,
      tokenUrl: constantContact.tokenUrl,
      credentials: constantContactCredentials,
      emulator: constantContact,
    });

    const jpmmpsCredentials = { ...DEMO_CREDENTIALS.jpmmps };
    const jpmmps = await startJpmMpsEmulator({
      port: portAt(3),
      credentials: { apiKey: jpmmpsCredentials.api_key },
      seed: JPMMPS_DEMO_SEED,
      latencyMs: options.latencyMs,
    });
    emulators.push({
      provider: 'jpmmps',
      // `${origin}/api/v1`: the emulator's stand-in for MPS's undisclosed {baseURL}.
      baseUrl: jpmmps.baseUrl,
      credentials: jpmmpsCredentials,
      emulator: jpmmps,
    });
  } catch (error) {
    // One emulator failing to start (port taken) must not leave the others listening.
    await close();
    throw error;
  }
  return { emulators, close };
}
