// The partner token service (reference §2.1), standing in for the Cognito endpoint on the emulator's own
// origin: `POST /partner-token?grant_type=client_credentials&scope=v3api/general.partner` with Basic
// partner_client_id:partner_secret, a form content type and an empty body. Tokens are JWT-shaped
// (header.claims.signature, base64url) but opaque to the emulator, which only keeps token → expiry.
// There is no refresh token: a client re-authenticates when its token lapses.

import type { ExpiringTokens } from '../kit/index.js';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { oauthError } from './errors.js';

export const TOKEN_PATH = '/partner-token';
const PARTNER_SCOPE = 'v3api/general.partner';
/** One hour, not refreshable (reference §2.1). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_PLANSYNCEMU';

export interface ConstantContactCredentials {
  /** The partner application's API key, sent as `x-api-key` on every /v3 call. */
  apiKey: string;
  /** Partner credentials for the token endpoint (issued by the Partner team). */
  clientId: string;
  clientSecret: string;
}

/** A JWT-like partner token with Cognito's claims; the signature is random (nobody verifies it). */
function mintPartnerToken(clientId: string, issuedAt: number, ttlSeconds: number): string {
  const iat = Math.floor(issuedAt / 1000);
  const header = { kid: 'plansync-emulator', alg: 'RS256' };
  const claims = {
    sub: clientId,
    token_use: 'access',
    scope: PARTNER_SCOPE,
    auth_time: iat,
    iss: ISSUER,
    exp: iat + ttlSeconds,
    iat,
    version: 2,
    jti: randomUUID(),
    client_id: clientId,
  };
  return [encode(header), encode(claims), randomBytes(96).toString('base64url')].join('.');
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

const BASIC = /^Basic ([A-Za-z0-9+/]+={0,2})$/i;

export function basicMatches(header: string | undefined, credentials: ConstantContactCredentials): boolean {
  const encoded = header === undefined ? undefined : BASIC.exec(header.trim())?.[1];
  if (encoded === undefined) return false;
  const given = Buffer.from(Buffer.from(encoded, 'base64').toString('utf8'), 'utf8');
  const wanted = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * The JWT from an Authorization header: `Bearer <jwt>` or the bare `<jwt>` the guide's samples send
 * (reference §2.2). A Basic header is no JWT.
 */
export function jwtFromHeader(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (value === undefined || value === '' || /^Basic\s/i.test(value)) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  if (bearer !== null) return bearer[1];
  return /\s/.test(value) ? undefined : value;
}

/** The token service checks the media type before anything else (missing header → 415). */
export function tokenMediaTypeError(request: EmulatorRequest): EmulatorResponse | undefined {
  const type = headerValue(request.headers['content-type']);
  if (type !== undefined && /^application\/x-www-form-urlencoded\b/i.test(type.trim())) return undefined;
  return oauthError(415, 'invalid_request');
}

/** The handler once the Basic credentials passed (the kit checked them through `authorize`). */
export function issueToken(
  tokens: ExpiringTokens,
  request: EmulatorRequest,
  clientId: string,
): EmulatorResponse {
  const mediaType = tokenMediaTypeError(request);
  if (mediaType !== undefined) return mediaType;
  // Parameters travel in the query string only (reference §2.1); form fields in the body are not read,
  // so a client that puts them there finds out here rather than in production.
  if (request.query.grant_type !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
  const scope = request.query.scope;
  if (scope !== undefined && scope.split(' ').some((item) => item !== PARTNER_SCOPE)) {
    return oauthError(400, 'invalid_scope');
  }
  const { token, expiresIn } = tokens.issue((issuedAt, ttl) => mintPartnerToken(clientId, issuedAt, ttl));
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: { access_token: token, expires_in: expiresIn, token_type: 'Bearer' },
    secrets: [token],
  };
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
