// The kit's `throttle` hook: a provider's own rate limit (per key, per day) runs after faults and
// before auth, its answer is finalized and logged like any other, and a throttled request never
// reaches a handler, so it is never counted as a write.

import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ProviderDefinition,
  Router,
  type RunningEmulator,
  startEmulator,
} from '../../../src/sandbox/kit/index.js';
import { testDefinition } from '../support/definition.js';

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function provider(allowed: number): ProviderDefinition & { seen: string[] } {
  const seen: string[] = [];
  let remaining = allowed;
  return {
    seen,
    ...testDefinition(new Router().on('POST', '/things', () => ({ status: 201, body: { ok: true } }))),
    authorize: (req) => req.headers['x-api-key'] === 'k',
    unauthorized: () => ({ status: 401, body: { error: 'unauthorized' } }),
    rateLimited: () => ({ status: 429, body: { error: 'bucket' } }),
    throttle: (req) => {
      seen.push(String(req.headers['x-api-key']));
      if (remaining > 0) {
        remaining -= 1;
        return undefined;
      }
      return { status: 429, body: { error: 'quota' } };
    },
    finalize: (_req, response) => ({ ...response, headers: { ...response.headers, 'x-final': 'yes' } }),
    loggedResponseHeaders: ['x-final'],
  };
}

async function post(running: RunningEmulator, key: string): Promise<number> {
  const response = await request(`${running.origin}/things`, {
    method: 'POST',
    headers: { 'x-api-key': key },
  });
  await response.body.text();
  return response.statusCode;
}

describe('emulator kit: throttle hook', () => {
  it('answers with the provider’s throttle response before auth, finalized, and not as a write', async () => {
    const definition = provider(1);
    emulator = await startEmulator(definition);

    expect(await post(emulator, 'k')).toBe(201);
    expect(await post(emulator, 'k')).toBe(429);
    expect(await post(emulator, 'wrong')).toBe(429);
    expect(definition.seen).toEqual(['k', 'k', 'wrong']);
    expect(emulator.log.map((entry) => entry.response?.headers['x-final'])).toEqual(['yes', 'yes', 'yes']);
    expect(emulator.writes()).toHaveLength(1);
  });

  it('is not consulted for a request a fault already answered', async () => {
    const definition = provider(5);
    emulator = await startEmulator(definition);
    emulator.faults.inject({ fault: { kind: 'status', status: 503 } });

    expect(await post(emulator, 'k')).toBe(503);
    expect(definition.seen).toEqual([]);
  });
});
