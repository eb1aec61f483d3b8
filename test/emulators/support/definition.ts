// A provider definition for kit tests: plain answers for every hook, so a test states only what it is
// about (its routes, how it authorises, a throttle).

import type { ProviderDefinition, Router } from '../../../src/sandbox/kit/index.js';

export function testDefinition(
  router: Router,
  overrides: Partial<ProviderDefinition> = {},
): ProviderDefinition {
  return {
    router,
    authorize: () => true,
    unauthorized: () => ({ status: 401 }),
    rateLimited: () => ({ status: 429 }),
    faultBody: (status) => ({ error: `fault ${status}` }),
    notFound: () => ({ status: 404 }),
    methodNotAllowed: () => ({ status: 405 }),
    bodyTooLarge: () => ({ status: 413 }),
    secrets: [],
    ...overrides,
  };
}
