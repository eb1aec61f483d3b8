// The kit on its own, with a toy provider that authenticates by `x-api-key`: what every provider
// emulator inherits, independent of BlueSnap.

import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ProviderDefinition,
  Router,
  type RunningEmulator,
  startEmulator,
} from '../../../src/emulators/kit/index.js';

const API_KEY = 'toy-key-4f9a';

function toyProvider(): ProviderDefinition {
  const router = new Router()
    .on('GET', '/things/:id', (req) => ({ status: 200, body: { id: req.params.id } }))
    .on('POST', '/explode', () => {
      throw new Error('handler bug');
    });
  return {
    router,
    authorize: (req) => req.headers['x-api-key'] === API_KEY,
    unauthorized: () => ({ status: 401, body: { error: 'unauthorized' } }),
    rateLimited: () => ({ status: 429, body: { error: 'slow down' } }),
    faultBody: (status) => ({ error: `fault ${status}` }),
    notFound: () => ({ status: 404 }),
    methodNotAllowed: () => ({ status: 405 }),
    bodyTooLarge: () => ({ status: 413 }),
    secrets: [API_KEY],
    // A provider that lists its credential header by mistake still must not log it.
    loggedHeaders: ['x-api-key', 'x-request-id'],
  };
}

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function send(
  running: RunningEmulator,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  const response = await request(`${running.origin}${path}`, {
    method,
    body,
    headers: { 'x-api-key': API_KEY, 'x-request-id': 'r-1' },
  });
  return { status: response.statusCode, text: await response.body.text() };
}

describe('emulator kit', () => {
  it('listens on 127.0.0.1', async () => {
    emulator = await startEmulator(toyProvider());

    const origin = new URL(emulator.origin);

    expect(origin.hostname).toBe('127.0.0.1');
    expect(Number(origin.port)).toBeGreaterThan(0);
  });

  it('routes to the provider handler with path parameters', async () => {
    emulator = await startEmulator(toyProvider());

    const response = await send(emulator, 'GET', '/things/42');

    expect(JSON.parse(response.text)).toEqual({ id: '42' });
  });

  it('answers a handler that throws with 500 and the provider’s fault body', async () => {
    emulator = await startEmulator(toyProvider());

    const response = await send(emulator, 'POST', '/explode');

    expect([response.status, JSON.parse(response.text)]).toEqual([500, { error: 'fault 500' }]);
  });

  it('refuses a body over the size limit with the provider’s answer', async () => {
    emulator = await startEmulator(toyProvider(), { bodyLimitBytes: 16 });

    const response = await send(emulator, 'POST', '/explode', 'x'.repeat(64));

    expect(response.status).toBe(413);
  });

  it('never logs a credential header, even when the provider lists it', async () => {
    emulator = await startEmulator(toyProvider());

    await send(emulator, 'GET', '/things/1');

    expect(emulator.log[0]?.headers).toEqual({ 'x-request-id': 'r-1' });
    expect(JSON.stringify(emulator.log)).not.toContain(API_KEY);
  });

  it('listens on the requested port', async () => {
    const probe = await startEmulator(toyProvider());
    const port = Number(new URL(probe.origin).port);
    await probe.close();

    emulator = await startEmulator(toyProvider(), { port });

    expect(emulator.origin).toBe(`http://127.0.0.1:${port}`);
  });

  it('can be closed twice', async () => {
    emulator = await startEmulator(toyProvider());

    await emulator.close();

    await expect(emulator.close()).resolves.toBeUndefined();
  });
});
