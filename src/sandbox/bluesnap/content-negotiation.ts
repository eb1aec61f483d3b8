// JSON/XML content negotiation around the plan handlers. The handlers only speak JSON-shaped values;
// an XML request body is read into the same camelCase properties (with string values, which the field
// rules accept as BlueSnap's XML schema types them), and a response is encoded as XML when the client
// asks for it. plansync itself speaks JSON; XML is here so the emulator answers like the real API.

import type { EmulatorRequest, EmulatorResponse, JsonParseResult, RequestHandler } from '../kit/index.js';
import { encodeXml, parseFlatXml } from './xml-codec.js';

const XML_TYPE = /^application\/xml\b|^text\/xml\b/i;

export function withContentNegotiation(handler: RequestHandler): RequestHandler {
  return async (request) => {
    const decoded = isXmlBody(request) ? { ...request, json: readXmlPlan(request.rawBody) } : request;
    const response = await handler(decoded);
    return encodeFor(request, response);
  };
}

/** Re-encodes a JSON-bodied response as XML when the request asked for XML; otherwise returns it as is. */
export function encodeFor(request: EmulatorRequest, response: EmulatorResponse): EmulatorResponse {
  if (response.body === undefined || typeof response.body === 'string' || !wantsXml(request)) return response;
  return {
    ...response,
    headers: { ...response.headers, 'content-type': 'application/xml' },
    body: encodeXml(response.body),
  };
}

function isXmlBody(request: EmulatorRequest): boolean {
  return XML_TYPE.test(request.headers['content-type'] ?? '');
}

/**
 * XML when Accept names XML and not JSON, or when Accept leaves the choice open and the request body
 * was XML. Inferred: BlueSnap answers in the request's encoding unless Accept says otherwise.
 */
function wantsXml(request: EmulatorRequest): boolean {
  const accept = (request.headers.accept ?? '').toLowerCase();
  const acceptsXml = /application\/xml|text\/xml/.test(accept);
  const acceptsJson = accept.includes('application/json');
  if (acceptsXml && !acceptsJson) return true;
  if (acceptsJson) return false;
  return isXmlBody(request);
}

function readXmlPlan(text: string): JsonParseResult {
  if (text.trim() === '') return { kind: 'empty' };
  const parsed = parseFlatXml(text);
  if (parsed.kind === 'invalid' || parsed.root !== 'plan') {
    return { kind: 'invalid', reason: 'expected a <plan> document' };
  }
  return { kind: 'json', value: parsed.fields };
}
