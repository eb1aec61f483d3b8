// `--verbose`: one line per HTTP request and one per response, on stderr. Credentials are masked
// here by name (Authorization, x-api-key, cookies, token fields, the bodies of token requests), and
// the CLI's Redactor then masks every credential value it knows wherever it still appears. The same
// exchanges teach the Redactor the secrets a run derives (access tokens, Basic pairs), verbose or not.

import type { HttpExchange } from '../http/client.js';

const MASK = '***';
/** Longest body shown; a list of 2,000 accounts is not worth scrolling past. */
const BODY_LIMIT = 1000;

/** Header names whose values are credentials. */
const SECRET_HEADER = /authoriz|cookie|api[-_]?key|token|secret|passw|session|signature/i;
/** JSON, form and query field names whose values are credentials. */
const SECRET_FIELD = /token|secret|passw|api[-_]?key|apikey|authoriz|credential|cookie|signature|assertion/i;
/** Fields named like secrets that describe one instead. */
const NOT_SECRET_FIELD = /^(token_type|token_use|expires_in)$/i;
/** Form fields of a token request that are safe to show; every other value there is masked. */
const TOKEN_REQUEST_FIELDS = new Set(['grant_type', 'scope']);

export interface ExchangeConnection {
  name: string;
  baseUrl: string;
}

/** The two lines `--verbose` prints for one exchange, masked. */
export function describeExchange(exchange: HttpExchange, connection: ExchangeConnection): string[] {
  const target = describeTarget(exchange.url, connection.baseUrl);
  const prefix = `http ${connection.name}:`;
  const attempt = `(attempt ${exchange.attempt})`;
  const write = exchange.method !== 'GET';
  const requestType = header(exchange.requestHeaders, 'content-type');
  const request = [
    `${prefix} → ${exchange.method} ${target} ${attempt}`,
    `headers {${describeHeaders(exchange.requestHeaders)}}`,
    ...(exchange.requestBody !== undefined &&
    exchange.requestBody !== '' &&
    (write || exchange.credentialRequest)
      ? [`body ${maskBody(exchange.requestBody, requestType, exchange.credentialRequest)}`]
      : []),
  ].join(' ');
  const outcome = exchange.error ?? String(exchange.status);
  const failed = exchange.status === undefined || exchange.status >= 400;
  const responseType = header(exchange.responseHeaders ?? {}, 'content-type');
  const showBody = write || exchange.credentialRequest || failed;
  const response = [
    `${prefix} ← ${outcome} ${exchange.method} ${target} ${attempt} in ${exchange.durationMs} ms`,
    ...(showBody && exchange.responseBody !== undefined && exchange.responseBody.trim() !== ''
      ? [`body ${maskBody(exchange.responseBody, responseType, exchange.credentialRequest)}`]
      : []),
  ].join(' ');
  return [request, response];
}

/**
 * Secret values an exchange carries or hands out: the credential in an Authorization header (a Basic
 * pair's base64, a bearer token), other credential headers, and token fields of JSON or form bodies.
 */
export function secretsIn(exchange: HttpExchange): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (!SECRET_HEADER.test(name)) continue;
    const scheme = /^(?:Basic|Bearer)\s+(\S+)$/i.exec(value.trim());
    out.push(scheme?.[1] ?? value);
  }
  for (const body of [exchange.requestBody, exchange.responseBody]) {
    if (body !== undefined && body !== '') out.push(...secretFields(body));
  }
  // Short values would mangle ordinary words in the output; tokens and keys are never that short.
  return out.filter((value) => value.length >= 8);
}

function secretFields(text: string): string[] {
  // A page of plans names no secret field: skip parsing it again. Escapes (`\u0074oken`, `%74oken`)
  // could spell a field name the raw text does not show, so text with them is always parsed.
  if (!/[\\%]/.test(text) && !SECRET_FIELD.test(text)) return [];
  const json = parseJson(text);
  const out: string[] = [];
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string' && key !== undefined && isSecretField(key)) out.push(value);
    else if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (typeof value === 'object' && value !== null) {
      for (const [inner, item] of Object.entries(value)) visit(item, inner);
    }
  };
  if (json !== undefined) visit(json.value);
  else if (looksLikeForm(text)) {
    for (const [key, value] of new URLSearchParams(text)) if (isSecretField(key)) out.push(value);
  }
  return out;
}

function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name) && !NOT_SECRET_FIELD.test(name);
}

/** Path and query on the connection's host; the origin too when the request left it (a token host). */
function describeTarget(url: string, baseUrl: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretField(key)) parsed.searchParams.set(key, MASK);
  }
  const pathAndQuery = `${parsed.pathname}${parsed.search}`;
  return parsed.origin === new URL(baseUrl).origin ? pathAndQuery : `${parsed.origin}${pathAndQuery}`;
}

function describeHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${SECRET_HEADER.test(name) ? maskHeader(value) : value}`)
    .join(', ');
}

/** Keeps the scheme (`Basic ***`, `Bearer ***`): it says which credential went out, not its value. */
function maskHeader(value: string): string {
  const scheme = /^(Basic|Bearer|Digest|Token)\s+\S/i.exec(value.trim());
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

function maskBody(text: string, contentType: string | undefined, credentialRequest: boolean): string {
  const json = parseJson(text);
  if (json !== undefined) return truncate(JSON.stringify(maskJson(json.value)));
  if (looksLikeForm(text) || /x-www-form-urlencoded/i.test(contentType ?? '')) {
    const params = new URLSearchParams(text);
    for (const [key] of params) {
      const shown = credentialRequest ? TOKEN_REQUEST_FIELDS.has(key) : !isSecretField(key);
      if (!shown) params.set(key, MASK);
    }
    return truncate(params.toString());
  }
  // Neither JSON nor a form: from a token endpoint it may hold anything, so none of it is shown.
  if (credentialRequest) return `(${text.length} characters, not shown)`;
  return truncate(JSON.stringify(text));
}

function maskJson(value: unknown, key?: string): unknown {
  if (key !== undefined && isSecretField(key) && value !== null && typeof value !== 'object') return MASK;
  if (Array.isArray(value)) return value.map((item) => maskJson(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([inner, item]) => [inner, maskJson(item, inner)]));
  }
  return value;
}

function parseJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch {
    return undefined;
  }
}

function looksLikeForm(text: string): boolean {
  return /^[\w.~-]+=[^\s&]*(&[\w.~-]+=[^\s&]*)*$/.test(text.trim());
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

function truncate(text: string): string {
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (${text.length} characters)` : text;
}
