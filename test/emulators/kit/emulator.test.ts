// The kit on its own, with a toy provider that authenticates by `x-api-key`: what every provider
// emulator inherits, independent of BlueSnap.

import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ProviderDefinition,
  Router,
  type RunningEmulator,
  startEmulator,
} from '../../../src/sandbox/kit/index.js';
import { testDefinition } from '../support/definition.js';

const API_KEY = 'toy-key-4f9a';

function toyProvider(): ProviderDefinition {
  const router = new Router()
    .on('GET', '/things/:id', (req) => ({ status: 200, body: { id: req.params.id } }))
    .on('POST', '/explode', () => {
      throw new Error('handler bug');
    })
    .on('POST', '/tokens', () => ({
      status: 201,
      headers: { location: '/tokens/1', 'set-cookie': 'session=abc', 'x-trace': 't-1' },
      body: { token: 'minted-7c1e' },
      secrets: ['minted-7c1e'],
    }))
    .on('GET', '/text', () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain' }));
  return testDefinition(router, {
    authorize: (req) => req.headers['x-api-key'] === API_KEY,
    unauthorized: () => ({ status: 401, body: { error: 'unauthorized' } }),
    rateLimited: () => ({ status: 429, body: { error: 'slow down' } }),
    secrets: [API_KEY],
    loggedResponseHeaders: ['x-trace', 'set-cookie'],
    finalize: (_req, response) => ({ ...response, headers: { ...response.headers, 'x-trace': 'final' } }),
    // A provider that lists its credential header by mistake still must not log it.
    loggedHeaders: ['x-api-key', 'x-request-id'],
  });
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

  it('logs the response status, allow-listed headers and parsed body', async () => {
    emulator = await startEmulator(toyProvider());

    await send(emulator, 'GET', '/things/9');
    await send(emulator, 'GET', '/text');

    expect(emulator.log.map((entry) => entry.response)).toEqual([
      { status: 200, headers: { 'content-type': 'application/json', 'x-trace': 'final' }, body: { id: '9' } },
      { status: 200, headers: { 'content-type': 'text/plain', 'x-trace': 'final' }, body: 'plain' },
    ]);
  });

  it('never logs a cookie and masks secrets a response hands out', async () => {
    emulator = await startEmulator(toyProvider());

    const created = await send(emulator, 'POST', '/tokens');
    await send(emulator, 'GET', '/things/minted-7c1e');

    expect(JSON.parse(created.text)).toEqual({ token: 'minted-7c1e' });
    expect(emulator.log[0]?.response?.headers).toEqual({
      'content-type': 'application/json',
      location: '/tokens/1',
      'x-trace': 'final',
    });
    expect(JSON.stringify(emulator.log)).not.toContain('minted-7c1e');
  });

  it('logs the answer to a status fault, finalized like any other', async () => {
    emulator = await startEmulator(toyProvider());
    emulator.faults.inject({ fault: { kind: 'status', status: 503 } });

    await send(emulator, 'GET', '/things/1');

    expect(emulator.log[0]?.response).toEqual({
      status: 503,
      headers: { 'content-type': 'application/json', 'x-trace': 'final' },
      body: { error: 'fault 503' },
    });
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
