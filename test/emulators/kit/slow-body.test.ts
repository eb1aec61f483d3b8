// The `slow-body` fault over real sockets: the handler runs and the headers leave at once, then the
// body arrives in pieces. A client that waits gets the whole answer; one whose body timeout is shorter
// than the gap gives up, and the write the handler made stays made.

import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { Router, type RunningEmulator, startEmulator } from '../../../src/sandbox/kit/index.js';
import { testDefinition } from '../support/definition.js';

let emulator: RunningEmulator | undefined;
let agent: Agent | undefined;
let stored = 0;

afterEach(async () => {
  await agent?.close();
  await emulator?.close();
  emulator = undefined;
  agent = undefined;
  stored = 0;
});

const THING = { id: 'thing-1', description: 'a body long enough to be cut into several pieces' };

async function start(): Promise<RunningEmulator> {
  const router = new Router()
    .on('GET', '/things/:id', () => ({ status: 200, body: THING }))
    .on('POST', '/things', () => {
      stored += 1;
      return { status: 201, body: { ...THING, stored } };
    })
    .on('DELETE', '/things/:id', () => ({ status: 204 }));
  emulator = await startEmulator(testDefinition(router));
  return emulator;
}

/** The answer's status and the body as the pieces it arrived in. */
async function fetchPieces(
  running: RunningEmulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { bodyTimeout?: number } = {},
): Promise<{ status: number; pieces: string[] }> {
  agent = new Agent({ bodyTimeout: options.bodyTimeout ?? 10_000 });
  const response = await request(`${running.origin}${path}`, { method, dispatcher: agent });
  const pieces: string[] = [];
  for await (const piece of response.body) pieces.push(Buffer.from(piece as Uint8Array).toString('utf8'));
  return { status: response.statusCode, pieces };
}

describe('slow-body fault', () => {
  it('dribbles the whole body in pieces after the headers, and a patient client reads it intact', async () => {
    const running = await start();
    running.faults.inject({ method: 'GET', fault: { kind: 'slow-body', intervalMs: 15, chunks: 4 } });

    const { status, pieces } = await fetchPieces(running, 'GET', '/things/1');

    expect(status).toBe(200);
    expect(pieces.length).toBeGreaterThan(1);
    expect(JSON.parse(pieces.join(''))).toEqual(THING);
    expect(running.log[0]).toMatchObject({ fault: 'slow-body', status: 200, handled: true });
  });

  it('leaves the write made when a stalled body outlasts the client’s timeout', async () => {
    const running = await start();
    running.faults.inject({ method: 'POST', fault: { kind: 'slow-body', intervalMs: 60_000, chunks: 2 } });

    const attempt = fetchPieces(running, 'POST', '/things', { bodyTimeout: 100 });

    await expect(attempt).rejects.toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
    expect(stored).toBe(1);
    expect(running.writes().map((entry) => [entry.fault, entry.status])).toEqual([['slow-body', 201]]);
  });

  it('records the answer the server meant to send, whole', async () => {
    const running = await start();
    running.faults.inject({ method: 'POST', fault: { kind: 'slow-body', intervalMs: 60_000 } });

    await fetchPieces(running, 'POST', '/things', { bodyTimeout: 100 }).catch(() => undefined);

    expect(running.log[0]?.response?.body).toEqual({ ...THING, stored: 1 });
  });

  it('sends a bodyless answer whole: there is nothing to dribble', async () => {
    const running = await start();
    running.faults.inject({ method: 'DELETE', fault: { kind: 'slow-body', intervalMs: 60_000 } });

    const { status, pieces } = await fetchPieces(running, 'DELETE', '/things/1', { bodyTimeout: 1_000 });

    expect([status, pieces.join('')]).toEqual([204, '']);
  });

  it('ends a stalled body when the emulator closes', async () => {
    const running = await start();
    running.faults.inject({ method: 'GET', fault: { kind: 'slow-body', intervalMs: 60_000 } });
    agent = new Agent();
    const response = await request(`${running.origin}/things/1`, { dispatcher: agent });

    await running.close();

    await expect(response.body.text()).rejects.toThrow();
  });

  it('applies to the matching request only; the next one is answered at once', async () => {
    const running = await start();
    running.faults.inject({ method: 'GET', fault: { kind: 'slow-body', intervalMs: 5, chunks: 2 } });
    await fetchPieces(running, 'GET', '/things/1');
    await agent?.close();

    const { pieces } = await fetchPieces(running, 'GET', '/things/2');

    expect(JSON.parse(pieces.join(''))).toEqual(THING);
    expect(running.log.map((entry) => entry.fault)).toEqual(['slow-body', null]);
  });
});
