// Reading what a client sent: the body with a size cap (an emulator must not buffer without bound),
// JSON parsing that never throws, and the query string as a plain object.

import type { IncomingMessage } from 'node:http';
import type { JsonParseResult } from './types.js';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type BodyReadResult = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

export function readBody(
  request: IncomingMessage,
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyReadResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };

    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) {
        // Stop buffering but keep draining, so the client sees our answer rather than a reset.
        chunks.length = 0;
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => finish({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    // 'close' after 'end' is a no-op; 'close' without 'end' means the client went away mid-body.
    request.on('close', () => finish({ kind: 'aborted' }));
    request.on('error', () => finish({ kind: 'aborted' }));
  });
}

export function parseJson(text: string): JsonParseResult {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Split a request target into path and query; a repeated query key keeps its last value in `query`,
 * and `search` keeps the raw query string (no `?`) for providers whose lists repeat keys (`ids[]=a&ids[]=b`).
 */
export function parseTarget(target: string): {
  path: string;
  query: Record<string, string>;
  search: string;
} {
  // The base only satisfies the URL parser. An origin-form target is appended rather than resolved, so
  // a path starting with `//` stays a path instead of becoming a host.
  const base = 'http://emulator.invalid';
  const url = target.startsWith('/') ? new URL(`${base}${target}`) : new URL(target, base);
  return { path: url.pathname, query: Object.fromEntries(url.searchParams), search: url.search.slice(1) };
}
