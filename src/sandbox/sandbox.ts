// Starts a seeded emulator for every provider in the emulator registry, for `plansync sandbox`, the
// demo (`npm start`) and integration tests. Each entry says where the emulator listens and which demo
// credentials open it; `close()` stops them all.

import type { RunningEmulator } from './kit/index.js';
import { emulators as registry } from './registry.js';

export interface SandboxOptions {
  latencyMs?: number;
  /** Port of the first emulator, the next ones take the ports after it; 0 or absent picks ephemeral ports. */
  port?: number;
}

export interface SandboxEmulator {
  /** The provider id, as in plansync's provider registry. */
  provider: string;
  baseUrl: string;
  /** Demo credentials keyed by the provider's credential slot names. */
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
  const emulators: SandboxEmulator[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(emulators.map(({ emulator }) => emulator.close()));
  };
  try {
    for (const [offset, module] of registry.entries()) {
      const credentials = { ...module.demoCredentials };
      const started = await module.start({
        port: options.port ? options.port + offset : 0,
        credentials,
        seed: module.demoSeed,
        latencyMs: options.latencyMs,
      });
      emulators.push({ provider: module.provider, credentials, ...started });
    }
  } catch (error) {
    // One emulator failing to start (port taken) must not leave the others listening.
    await close();
    throw error;
  }
  return { emulators, close };
}
