// PayPal's OAuth 2.0 client-credentials flow (reference §2): `POST /v1/oauth2/token` with HTTP Basic
// client_id:client_secret and `grant_type=client_credentials`, answering a Bearer token that expires
// after `expires_in` seconds on the emulator's clock. Tokens are random and handed to the kit as
// secrets, so the request log masks them like the client secret.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import type { ExpiringTokens } from '../kit/index.js';
import { oauthError } from './errors.js';
import { rfc3339 } from './plan-types.js';

export const TOKEN_PATH = '/v1/oauth2/token';
/** ≈ 9 hours, what PayPal answers in practice. */
export const DEFAULT_TOKEN_TTL_SECONDS = 32_400;
export const SUBSCRIPTIONS_SCOPE = 'https://uri.paypal.com/services/subscriptions';
/** The app id PayPal's own examples show; one emulator is one REST app. */
export const EMULATOR_APP_ID = 'APP-80W284485P519543T';

const SCOPES = [
  'https://uri.paypal.com/services/invoicing',
  'https://uri.paypal.com/services/payments/payment/authcapture',
  'openid',
  SUBSCRIPTIONS_SCOPE,
  'https://uri.paypal.com/services/applications/webhooks',
].join(' ');

export interface PayPalCredentials {
  clientId: string;
  clientSecret: string;
}

/** PayPal access tokens start `A21AA` and use the base64url alphabet. */
function mintPayPalToken(): string {
  return `A21AA${randomBytes(64).toString('base64url')}`;
}

const BASIC = /^Basic ([A-Za-z0-9+/]+={0,2})$/i;
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

export function basicMatches(header: string | undefined, credentials: PayPalCredentials): boolean {
  const encoded = header === undefined ? undefined : BASIC.exec(header)?.[1];
  if (encoded === undefined) return false;
  const given = Buffer.from(Buffer.from(encoded, 'base64').toString('utf8'), 'utf8');
  const wanted = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8');
  // Constant-time compare: the emulator is a model of good practice, and it costs nothing.
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

/** The token endpoint's handler; the kit has already checked the Basic credentials. */
export function issueToken(tokens: ExpiringTokens, request: EmulatorRequest, now: number): EmulatorResponse {
  // Inferred wording of both refusals, after PayPal's OAuth answers.
  const grant = new URLSearchParams(request.rawBody).get('grant_type');
  if (grant === null || grant === '') return oauthError(400, 'unsupported_grant_type', 'Grant Type is NULL');
  if (grant !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `unsupported grant_type : ${grant}`);
  }
  const { token, expiresIn } = tokens.issue(mintPayPalToken);
  return {
    status: 200,
    body: {
      scope: SCOPES,
      access_token: token,
      token_type: 'Bearer',
      app_id: EMULATOR_APP_ID,
      expires_in: expiresIn,
      nonce: `${rfc3339(now)}${randomBytes(32).toString('base64url')}`,
    },
    secrets: [token],
  };
}

/** Bad client credentials: the OAuth shape, not the REST one. */
export function invalidClient(): EmulatorResponse {
  return oauthError(401, 'invalid_client', 'Client Authentication failed');
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
