// "The same request" for idempotency stores: the same JSON value (key order and whitespace do not
// matter), or the same raw text when the body is not JSON.

import type { EmulatorRequest } from './types.js';

export function requestFingerprint(request: EmulatorRequest): string {
  return request.json.kind === 'json' ? JSON.stringify(sortKeys(request.json.value)) : request.rawBody;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
