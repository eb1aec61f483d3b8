// Every exchange a PayPal integration test made, checked against PayPal's official OpenAPI document
// after the test (skipped, with a message, where ../shared is absent): a test that passes only
// because the emulator answered something PayPal would not, fails here.

import { expect } from 'vitest';
import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import { checkExchange, specAvailable, SPEC_MISSING_MESSAGE, type Exchange } from '../../support/openapi.js';

export function expectExchangesFollowSpec(emulator: PayPalEmulator): void {
  if (!specAvailable()) {
    console.warn(SPEC_MISSING_MESSAGE);
    return;
  }
  const violations = (emulator.log as unknown as Exchange[]).flatMap((exchange) =>
    checkExchange(exchange).violations.map((v) => `${exchange.method} ${exchange.path}: ${v}`),
  );
  expect(violations, 'requests and responses must conform to the PayPal OpenAPI document').toEqual([]);
}
