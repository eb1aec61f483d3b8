// Starts a seeded emulator for every provider in the emulator registry, for `plansync sandbox`, the
// demo (`npm start`) and integration tests. Each entry says where the emulator listens and which demo
// credentials open it; `close()` stops them all.
//
// A project with environments (sandbox, production) needs one account per environment, so the
// sandbox can start several named instances: one emulator per provider per instance, each with its
// own data and port, so what one environment's run writes never shows in the other's.

import type { RunningEmulator } from './kit/index.js';
import { emulators as registry } from './registry.js';

export interface SandboxOptions {
  latencyMs?: number;
  /**
   * Port of the first emulator, the next ones take the ports after it (instance by instance, in the
   * registry's order within each); 0 or absent picks ephemeral ports.
   */
  port?: number;
  /**
   * Names of the instances to start, e.g. `['sandbox', 'production']`: a full set of emulators for
   * each, in this order. Absent: one unnamed set, as the sandbox always was.
   */
  instances?: readonly string[];
}

export interface SandboxEmulator {
  /** The provider id, as in plansync's provider registry. */
  provider: string;
  /** The instance this emulator belongs to, when named instances were asked for. */
  instance?: string;
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
  const instances: (string | undefined)[] = options.instances ? [...options.instances] : [undefined];
  if (new Set(instances).size !== instances.length) {
    throw new RangeError(`sandbox: instance names must differ, got ${instances.join(', ')}`);
  }
  try {
    let offset = 0;
    for (const instance of instances) {
      for (const module of registry) {
        // Each instance its own copy: the demo credentials are the same values, the data is not shared.
        const credentials = { ...module.demoCredentials };
        const started = await module.start({
          port: options.port ? options.port + offset : 0,
          credentials,
          seed: module.demoSeed,
          latencyMs: options.latencyMs,
        });
        offset += 1;
        emulators.push({
          provider: module.provider,
          ...(instance !== undefined && { instance }),
          credentials,
          ...started,
        });
      }
    }
  } catch (error) {
    // One emulator failing to start (port taken) must not leave the others listening.
    await close();
    throw error;
  }
  return { emulators, close };
}
