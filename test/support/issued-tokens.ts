// The access tokens the emulators hand out during a test (PayPal's, Constant Contact's partner JWT):
// derived secrets, as secret as the client secret that bought them. Read through a spy on the kit's
// token store, so the emulators need no test hook of their own.

import { vi } from 'vitest';
import { ExpiringTokens } from '../../src/sandbox/kit/index.js';

export interface IssuedTokens {
  /** Every token issued since `captureIssuedTokens()`, in order. */
  values(): string[];
  restore(): void;
}

export function captureIssuedTokens(): IssuedTokens {
  const spy = vi.spyOn(ExpiringTokens.prototype, 'issue');
  return {
    values: () =>
      spy.mock.results.flatMap((result) => (result.type === 'return' ? [result.value.token] : [])),
    restore: () => spy.mockRestore(),
  };
}
