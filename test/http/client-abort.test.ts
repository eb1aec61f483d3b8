// The HTTP client's stop signal (what SIGINT, SIGTERM and --timeout abort): a request in flight is
// abandoned, its socket closed, and the request fails with the signal's reason, not retried; a retry
// wait or a pacing wait ends at once. Against raw loopback servers; no timing is asserted.

import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { Pacer, sleepUnless, type Clock } from '../../src/http/pacer.js';

let server: Server | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = client = undefined;
});

/** A loopback server; `answer` handles each request (or leaves it hanging). */
async function serve(answer: (respond: (status: number, headers?: Record<string, string>) => void) => void) {
  const sockets: Socket[] = [];
  let requests = 0;
  server = createServer((req, res) => {
    requests++;
    sockets.push(req.socket);
    answer((status, headers = {}) => res.writeHead(status, headers).end('{}'));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, sockets, requests: () => requests };
}

function clientFor(baseUrl: string, signal: AbortSignal, clock?: Clock): HttpClient {
  client = new HttpClient({
    provider: 'bluesnap',
    connection: 'bs',
    baseUrl,
    concurrency: 1,
    requestsPerSecond: 1000,
    timeoutMs: 60_000,
    retries: 4,
    signal,
    ...(clock ? { clock } : {}),
  });
  return client;
}

describe('HttpClient with a stop signal', () => {
  it('abandons a request in flight: it fails with the reason, closes the socket, sends no retry', async () => {
    const remote = await serve(() => {}); // never answers
    const controller = new AbortController();
    const http = clientFor(remote.baseUrl, controller.signal);

    const sent = http.get('/plans');
    while (remote.requests() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new InterruptedError('SIGTERM');
    controller.abort(reason);

    await expect(sent).rejects.toBe(reason);
    const socket = remote.sockets[0] as Socket;
    if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve));
    expect(remote.requests()).toBe(1);
  });

  it('ends a retry wait at once (a Retry-After of 25 s), and sends nothing after it', async () => {
    const remote = await serve((respond) => respond(503, { 'retry-after': '25' }));
    const controller = new AbortController();
    const sleeps: number[] = [];
    // A clock whose sleeps never end by themselves: only the signal can end one.
    const clock: Clock = {
      now: () => 0,
      sleep: (ms) => {
        sleeps.push(ms);
        if (ms >= 25_000) setImmediate(() => controller.abort(new InterruptedError('SIGINT')));
        return new Promise(() => {});
      },
    };
    const http = clientFor(remote.baseUrl, controller.signal, clock);

    await expect(http.get('/plans')).rejects.toBeInstanceOf(InterruptedError);
    expect(sleeps).toEqual([25_000]);
    expect(remote.requests()).toBe(1);
  });

  it('sends nothing once the signal has aborted', async () => {
    const remote = await serve((respond) => respond(200));
    const controller = new AbortController();
    controller.abort(new InterruptedError('SIGINT'));

    await expect(clientFor(remote.baseUrl, controller.signal).get('/plans')).rejects.toBeInstanceOf(
      InterruptedError,
    );
    expect(remote.requests()).toBe(0);
  });
});

describe('waits that a stop ends', () => {
  it('sleepUnless rejects with the reason on any clock, and a paced request waits no longer', async () => {
    const never: Clock = { now: () => 0, sleep: () => new Promise(() => {}) };
    const controller = new AbortController();
    const pacer = new Pacer(1, never);
    await pacer.wait(controller.signal); // the first slot is free
    const waiting = pacer.wait(controller.signal);
    const sleeping = sleepUnless(never, 60_000, controller.signal);
    const reason = new InterruptedError('SIGINT');
    controller.abort(reason);

    await expect(waiting).rejects.toBe(reason);
    await expect(sleeping).rejects.toBe(reason);
  });
});
