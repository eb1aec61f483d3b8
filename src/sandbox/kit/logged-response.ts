// Turns an emulator's answer into what the request log keeps: the status, allow-listed headers and the
// body as a client would parse it. Tests validate responses from the log (e.g. against a provider's
// OpenAPI document), so the body is a copy of what went on the wire, not the handler's live object.

import { responseHeaders } from './responder.js';
import type { EmulatorResponse, LoggedResponse } from './types.js';

/** Response headers logged for every provider, besides the provider's own list. */
const DEFAULT_LOGGED_RESPONSE_HEADERS = ['content-type', 'location', 'retry-after'];

/** Never logged, whatever a provider lists: they carry credentials or session state. */
const CREDENTIAL_RESPONSE_HEADERS = new Set(['set-cookie', 'authorization', 'proxy-authorization']);

export function loggedResponseHeaderNames(providerNames: readonly string[] = []): string[] {
  const names = [...DEFAULT_LOGGED_RESPONSE_HEADERS, ...providerNames].map((name) => name.toLowerCase());
  return [...new Set(names)].filter((name) => !CREDENTIAL_RESPONSE_HEADERS.has(name));
}

export function toLoggedResponse(response: EmulatorResponse, headerNames: readonly string[]): LoggedResponse {
  const sent = responseHeaders(response);
  const headers: Record<string, string> = {};
  for (const name of headerNames) {
    const value = sent[name];
    if (value !== undefined) headers[name] = value;
  }
  return { status: response.status, headers, body: parsedBody(response.body, sent['content-type']) };
}

function parsedBody(body: unknown, contentType: string | undefined): unknown {
  if (body === undefined) return undefined;
  if (typeof body !== 'string') {
    // A JSON round trip: the value the client decodes, detached from the emulator's state.
    return JSON.parse(JSON.stringify(body)) as unknown;
  }
  if (body === '' || !/\bjson\b/i.test(contentType ?? '')) return body === '' ? undefined : body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
