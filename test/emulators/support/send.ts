// The one way emulator tests send a request and read the answer: the body JSON-encoded unless it is
// already text, the raw text kept (faults send non-JSON), and the JSON parsed where it parses.

import { request } from 'undici';

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface SendOptions {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export async function send(url: string, options: SendOptions): Promise<CallResult> {
  const body =
    options.body === undefined || typeof options.body === 'string'
      ? options.body
      : JSON.stringify(options.body);
  const response = await request(url, {
    method: options.method as 'GET',
    headers: options.headers,
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: parseOrUndefined(text) };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
