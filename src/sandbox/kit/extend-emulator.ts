// A provider emulator is the kit's running emulator plus the provider's own handles (base URL, store
// snapshots, test hooks). Extending through the prototype keeps every kit property live (the log
// above all) without each emulator copying the same forwarding block.

import type { RunningEmulator } from './types.js';

export function extendEmulator<Extra extends object>(
  running: RunningEmulator,
  extra: Extra,
): RunningEmulator & Extra {
  return Object.assign(Object.create(running) as RunningEmulator, extra);
}
