// The one shape every provider's emulator module has, so the sandbox (and anything else that starts
// "every emulator") iterates the registry with no code per provider. Credentials are keyed by the
// provider's credential slot names, the same names a plansync project uses; each module maps them to
// its own typed start function, which stays exported for tests that need provider-specific options.

import type { RunningEmulator } from './types.js';

/** @public Named in the emulators' declarations (tsconfig.build.json emits them). */
export interface EmulatorStartOptions<Seed = unknown> {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  latencyMs?: number;
  /** Credential slot name → value, e.g. `{ client_id, client_secret }`. */
  credentials: Record<string, string>;
  /** What the emulator holds at start; absent: nothing. */
  seed?: readonly Seed[];
}

interface StartedEmulator {
  /** What a connection's base URL override points at. */
  baseUrl: string;
  /** Where a provider with a separate token service (Constant Contact's partner JWT) gets tokens. */
  tokenUrl?: string;
  /** The running emulator, for tests that inject faults or read the request log. */
  emulator: RunningEmulator;
}

export interface EmulatorModule<Seed = unknown> {
  /** The provider id, as in plansync's provider registry. */
  provider: string;
  start(options: EmulatorStartOptions<Seed>): Promise<StartedEmulator>;
  /** The data the sandbox and the demo start with. */
  demoSeed: readonly Seed[];
  /**
   * Credentials that open the sandbox's emulator, keyed by slot name. Public on purpose: they only open
   * emulators on 127.0.0.1 that hold demo data, so the README's demo runs with nothing secret set.
   */
  demoCredentials: Readonly<Record<string, string>>;
}

/** The named credential slots, or a RangeError naming the missing ones. */
export function credentialSlots<Slot extends string>(
  provider: string,
  credentials: Record<string, string>,
  slots: readonly Slot[],
): Record<Slot, string> {
  const missing = slots.filter((slot) => credentials[slot] === undefined);
  if (missing.length > 0)
    throw new RangeError(`${provider} emulator: missing credential ${missing.join(', ')}`);
  return Object.fromEntries(slots.map((slot) => [slot, credentials[slot]])) as Record<Slot, string>;
}
