// Writing an emulator's answer to the socket: whole, cut short (a `truncate` fault), dribbled in
// slowly (a `slow-body` fault), replaced by the HTML page a misbehaving proxy would serve (a
// `non-json` fault), or by an endless-looking document made as it is sent (a `huge-body` fault).

import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { EmulatorResponse } from './types.js';

interface EncodedBody {
  bytes: Buffer;
  contentType: string | undefined;
}

function encodeBody(body: unknown): EncodedBody | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), contentType: undefined };
  return { bytes: Buffer.from(JSON.stringify(body), 'utf8'), contentType: 'application/json' };
}

/** The headers an answer goes out with (lower-case names), bar Content-Length. */
export function responseHeaders(response: EmulatorResponse): Record<string, string> {
  return headersFor(response, encodeBody(response.body));
}

function headersFor(response: EmulatorResponse, encoded: EncodedBody | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (encoded?.contentType !== undefined) headers['content-type'] = encoded.contentType;
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function writeHead(res: ServerResponse, response: EmulatorResponse, encoded: EncodedBody | undefined): void {
  const headers: Record<string, string | number> = headersFor(response, encoded);
  headers['content-length'] = encoded?.bytes.length ?? 0;
  res.writeHead(response.status, headers);
}

export function sendResponse(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return;
  const encoded = encodeBody(response.body);
  writeHead(res, response, encoded);
  res.end(encoded?.bytes);
}

/**
 * Sends the headers (with the full Content-Length) and only the first half of the body, then drops the
 * connection: the client must notice the short read rather than parse a partial document.
 */
export function sendTruncated(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return;
  // An empty body cannot be cut short, so a bodyless answer still gets a few promised-but-missing bytes.
  const encoded = encodeBody(response.body) ?? { bytes: Buffer.from('{}', 'utf8'), contentType: undefined };
  writeHead(res, response, encoded);
  res.flushHeaders();
  const half = encoded.bytes.subarray(0, Math.floor(encoded.bytes.length / 2));
  res.write(half, () => res.destroy());
}

/**
 * Sends the headers (with the full Content-Length) at once, then the body in `chunks` pieces, waiting
 * before each one. `wait` resolves false when the emulator is closing; the client giving up (a
 * timeout) closes the response, which ends the dribble too. A bodyless answer goes out whole.
 */
export async function sendSlowly(
  res: ServerResponse,
  response: EmulatorResponse,
  options: { chunks: number; wait: (signal: AbortSignal) => Promise<boolean> },
): Promise<void> {
  if (res.destroyed) return;
  const encoded = encodeBody(response.body);
  if (encoded === undefined || encoded.bytes.length === 0) return sendResponse(res, response);
  writeHead(res, response, encoded);
  res.flushHeaders();
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const size = Math.ceil(encoded.bytes.length / Math.min(options.chunks, encoded.bytes.length));
  for (let start = 0; start < encoded.bytes.length; start += size) {
    if (!(await options.wait(gone.signal)) || res.destroyed) return dropConnection(res);
    res.write(encoded.bytes.subarray(start, start + size));
  }
  res.end();
}

export function dropConnection(res: ServerResponse): void {
  res.destroy();
}

/** The page an intercepting proxy or captive portal answers with: 200, HTML, nothing the client asked. */
export function proxyHtmlResponse(): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<html><head><title>Gateway</title></head><body><h1>Service notice</h1></body></html>',
  };
}

const HUGE_PREFIX = '{"padding":"';
const HUGE_SUFFIX = '"}';
const PADDING = Buffer.alloc(64 * 1024, 'a');

/**
 * Sends `bytes` of a JSON document (`{"padding":"aaa…"}`, or just padding when `bytes` is too small
 * for the braces), produced chunk by chunk as the socket drains: memory stays flat whatever the size,
 * and a client that hangs up stops the production. `onSent` hears every chunk handed to the socket.
 */
export function sendHuge(
  res: ServerResponse,
  options: { status: number; bytes: number; declareLength: boolean; onSent(bytes: number): void },
): void {
  if (res.destroyed) return;
  const framed = options.bytes >= HUGE_PREFIX.length + HUGE_SUFFIX.length;
  const head = Buffer.from(framed ? HUGE_PREFIX : '');
  const tail = Buffer.from(framed ? HUGE_SUFFIX : '');
  const padding = options.bytes - head.length - tail.length;
  function* pieces(): Generator<Buffer> {
    if (head.length > 0) yield head;
    for (let left = padding; left > 0; left -= PADDING.length)
      yield PADDING.subarray(0, Math.min(PADDING.length, left));
    if (tail.length > 0) yield tail;
  }
  function* counted(): Generator<Buffer> {
    for (const piece of pieces()) {
      options.onSent(piece.length);
      yield piece;
    }
  }
  // Readable.from pulls the generator only as the socket drains: nothing is made ahead of need.
  const body = Readable.from(counted(), { objectMode: false });
  const headers: Record<string, string | number> = { 'content-type': 'application/json' };
  if (options.declareLength) headers['content-length'] = options.bytes;
  res.writeHead(options.status, headers);
  res.once('close', () => body.destroy());
  body.pipe(res);
}
