// Answers a hostile or broken server can give, met by the HTTP client itself over real sockets: a body
// far larger than any plan list (read only up to limits.max_response_bytes, never retried), a redirect
// (never followed: the next host would get the credentials), and a write answered with a status but
// an unreadable body (never sent again). Each test counts what the server saw and wrote, not time.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.js';
import type { BlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import { blueSnapSeedPlan, bluesnapFixture } from '../providers/bluesnap/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { virtualClock } from '../support/virtual-clock.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Served {
  origin: string;
  requests: string[];
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Served> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const address = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${address.port}`, requests };
}

/** A server speaking raw HTTP/1.1, for answers node:http refuses to write (a 204 with a body). */
async function listenRaw(answer: (request: string, socket: Socket) => void): Promise<Served> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (data) => {
      const line = data.toString('latin1').split('\r\n')[0] ?? '';
      const [method, path] = line.split(' ');
      requests.push(`${method} ${path}`);
      answer(`${method} ${path}`, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${address.port}`, requests };
}

/** `total` bytes of a JSON-looking body, made only as the socket asks for them; counts what left. */
function lazyBody(total: number): { stream: Readable; written: () => number } {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return void this.push(null);
      const piece = chunk.subarray(0, Math.min(chunk.length, total - produced));
      produced += piece.length;
      this.push(piece);
    },
  });
  return { stream, written: () => produced };
}

function client(origin: string, options: Partial<HttpClientOptions> = {}): HttpClient {
  const http = new HttpClient({
    provider: 'paypal',
    connection: 'pp',
    baseUrl: origin,
    concurrency: 1,
    requestsPerSecond: 1000,
    timeoutMs: 10_000,
    retries: 4,
    backoff: { baseMs: 1, maxMs: 5 },
    ...options,
  });
  closers.push(() => http.close());
  return http;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('a response body larger than limits.max_response_bytes', () => {
  it('stops reading a streamed 1 GiB answer just past the default 32 MiB cap, once, and says so', async () => {
    let body: ReturnType<typeof lazyBody> | undefined;
    const server = await listen((_req, res) => {
      body = lazyBody(GiB);
      res.writeHead(200, { 'content-type': 'application/json' });
      body.stream.pipe(res);
    });
    const http = client(server.origin);

    const error = await failure(http.get('/v1/billing/plans', { query: { page: 1 } }));

    expect(error.message).toBe(
      'paypal: GET /v1/billing/plans answered with more than 32 MiB (limits.max_response_bytes): refused, not retried (connection pp)',
    );
    expect(error.details.retryable).toBe(false);
    expect(server.requests).toEqual(['GET /v1/billing/plans?page=1']);
    // The cap plus what loopback socket buffers held when the client hung up: far from a gigabyte.
    expect(body!.written()).toBeGreaterThan(32 * MiB);
    expect(body!.written()).toBeLessThan(96 * MiB);
  });

  it('refuses at once an answer whose Content-Length is over the cap, reading none of it', async () => {
    let body: ReturnType<typeof lazyBody> | undefined;
    const server = await listen((_req, res) => {
      body = lazyBody(GiB);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(GiB) });
      res.flushHeaders();
      // The body starts only later: a client that waited for it would hang here, not fail.
      setTimeout(() => body?.stream.pipe(res), 200).unref();
    });
    const http = client(server.origin, { maxResponseBytes: MiB });

    const error = await failure(http.get('/v1/billing/plans'));

    expect(error.message).toContain('GET /v1/billing/plans answered with more than 1 MiB');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry an idempotent write whose answer is over the cap', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      lazyBody(8 * MiB).stream.pipe(res);
    });
    const http = client(server.origin, { maxResponseBytes: MiB });

    const error = await failure(
      http.send({
        method: 'POST',
        path: '/v1/billing/plans',
        body: {},
        operation: 'create',
        idempotent: true,
      }),
    );

    expect(error.message).toContain('POST /v1/billing/plans answered with more than 1 MiB');
    expect(server.requests).toEqual(['POST /v1/billing/plans']);
  });

  it('reads an answer exactly at the cap', async () => {
    const document = JSON.stringify({ padding: 'x'.repeat(2048 - 14) });
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(document);
    });
    const http = client(server.origin, { maxResponseBytes: Buffer.byteLength(document) });

    const response = await http.get('/v1/billing/plans');

    expect((response.body as { padding: string }).padding).toHaveLength(2048 - 14);
  });
});

describe('a redirect', () => {
  it('is not followed: a 302 to another host fails once, naming that host only', async () => {
    const elsewhere = await listen((_req, res) => res.end('{}'));
    const server = await listen((_req, res) => {
      res.writeHead(302, {
        location: `${elsewhere.origin.replace('127.0.0.1', 'localhost')}/collect?token=s3cret`,
      });
      res.end();
    });
    const http = client(server.origin, { auth: { headers: () => ({ authorization: 'Bearer s3cret' }) } });

    const error = await failure(http.get('/v1/billing/plans'));

    const port = new URL(elsewhere.origin).port;
    expect(error.message).toBe(
      `paypal: GET /v1/billing/plans answered 302 Found (redirect to host localhost:${port}): plansync does not follow redirects; check base_url (connection pp)`,
    );
    expect(error.message).not.toContain('s3cret');
    expect(server.requests).toEqual(['GET /v1/billing/plans']);
    expect(elsewhere.requests).toEqual([]);
  });

  it('fails a write answered 307 without sending it again', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(307, { location: '/v2/billing/plans' });
      res.end();
    });
    const http = client(server.origin);

    const error = await failure(
      http.send({
        method: 'POST',
        path: '/v1/billing/plans',
        body: {},
        operation: 'create',
        idempotent: true,
      }),
    );

    expect(error.message).toContain('answered 307 Temporary Redirect (redirect to host 127.0.0.1:');
    expect(server.requests).toEqual(['POST /v1/billing/plans']);
  });
});

describe('a write answered with a status but an odd body', () => {
  const deactivate = {
    method: 'POST',
    path: '/v1/billing/plans/P-1/deactivate',
    operation: 'deactivate',
    idempotent: true,
  } as const;

  it('takes a 204 that carries a body anyway as done, sending the deactivate once', async () => {
    const server = await listenRaw((_request, socket) => {
      socket.write('HTTP/1.1 204 No Content\r\nContent-Length: 11\r\n\r\n{"a":"bcd"}');
    });
    const http = client(server.origin);

    const response = await http.send(deactivate);

    expect([response.status, response.body]).toEqual([204, undefined]);
    expect(server.requests).toEqual(['POST /v1/billing/plans/P-1/deactivate']);
  });

  it('does not send again a write whose 200 was cut short, and says the outcome is unknown', async () => {
    const server = await listenRaw((_request, socket) => {
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"id":"P-');
    });
    const http = client(server.origin);

    const error = await failure(http.send(deactivate));

    expect(error.message).toContain(
      'paypal: POST /v1/billing/plans/P-1/deactivate answered 200 but the body could not be read',
    );
    expect(error.message).toContain('the outcome is unknown, so it was not sent again');
    expect(server.requests).toHaveLength(1);
  });

  it('does not send again a write answered 200 with a page that is not JSON', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Service notice</body></html>');
    });
    const http = client(server.origin);

    const error = await failure(http.send(deactivate));

    expect(error.message).toContain('answered 200 but expected JSON, got "<html>');
    expect(server.requests).toHaveLength(1);
  });

  it('still reads again a GET whose 200 was cut short', async () => {
    let calls = 0;
    const server = await listenRaw((_request, socket) => {
      calls += 1;
      if (calls === 1) socket.end('HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{"plans":');
      else
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"plans":[]}',
        );
    });
    const http = client(server.origin);

    const response = await http.get('/v1/billing/plans');

    expect(response.body).toEqual({ plans: [] });
    expect(server.requests).toHaveLength(2);
  });
});

describe('waits bounded by limits.max_retry_wait_ms', () => {
  it('fails a 429 asking for a day at once, and the connection goes on without pausing', async () => {
    let calls = 0;
    const server = await listen((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(429, { 'retry-after': '86400' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"plans":[]}');
    });
    const clock = virtualClock();
    const http = client(server.origin, { clock, maxRetryWaitMs: 5_000 });

    const error = await failure(http.get('/v1/billing/plans'));
    const next = await http.get('/v1/billing/plans');

    expect(error.message).toContain('paypal: GET /v1/billing/plans failed: HTTP 429');
    expect(error.message).toContain('asked to wait 86400 s');
    expect(error.message).toContain('(connection pp)');
    expect(next.body).toEqual({ plans: [] });
    expect(clock.sleeps.filter((ms) => ms > 5_000)).toEqual([]);
  });

  it('bounds the backoff after a 429 without Retry-After, and the pause it puts on the connection', async () => {
    let calls = 0;
    const server = await listen((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(429).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"plans":[]}');
    });
    const clock = virtualClock();
    const http = client(server.origin, {
      clock,
      maxRetryWaitMs: 1_000,
      backoff: { baseMs: 600_000, maxMs: 600_000 },
    });
    const started = clock.now();

    await http.get('/v1/billing/plans');
    await http.get('/v1/billing/plans');

    expect(server.requests).toHaveLength(3);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(1_000);
    expect(clock.now() - started).toBeLessThanOrEqual(2_000);
  });
});

describe('the cap as a project sets it, through the CLI', () => {
  let h: ProviderHarness<BlueSnapEmulator> | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('refuses a 1 GiB plan list after limits.max_response_bytes, reading it once and writing nothing', async () => {
    h = await startProviderHarness(bluesnapFixture, {
      seed: [blueSnapSeedPlan(100, { name: 'Gold' })],
      plans: plansFileYaml('bs', {
        gold: { name: 'Gold', recurringChargeAmount: 12, currency: 'USD', chargeFrequency: 'MONTHLY' },
      }),
      // A generous timeout: on a busy machine reading 2 MiB must not turn into a retried timeout.
      project: fixtureProjectYaml(bluesnapFixture).replace(
        'timeout_ms: 2000',
        'timeout_ms: 60000\n      max_response_bytes: 2097152',
      ),
    });
    h.emulator.faults.inject({ method: 'GET', times: Infinity, fault: { kind: 'huge-body', bytes: GiB } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(
      'bluesnap: GET /recurring/plans answered with more than 2 MiB (limits.max_response_bytes): refused, not retried (connection bs)',
    );
    expect(h.requests()).toEqual(['GET /services/2/recurring/plans']);
    expect(h.writes()).toEqual([]);
    const sent = h.emulator.log[0]?.sentBytes ?? 0;
    expect(sent).toBeGreaterThan(2 * MiB);
    expect(sent).toBeLessThan(66 * MiB);
  });
});
