// OAuth2 client credentials for any provider: one token per connection, fetched once (concurrent
// requests share the fetch), reused until shortly before `expires_in`, and dropped after a 401 so
// the client retries once with a fresh one. Tokens that cannot be refreshed (Constant Contact's
// one-hour JWT) are simply fetched again before they expire.

import { ProviderError } from '../errors.js';
import type { Authenticator, HttpClient } from './client.js';

export interface ClientCredentialsOptions {
  provider: string;
  /** Token endpoint: a path on the API host, or an absolute URL on another host. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Where `grant_type` (and `scope`) travel: a form body (PayPal) or the query string (Constant Contact). */
  paramsIn: 'form' | 'query';
  scope?: string;
  /** Headers every API request carries besides the token (e.g. Constant Contact's x-api-key). */
  extraHeaders?: Record<string, string>;
  /** Default: the clock of the HTTP client that fetches the token. */
  now?: () => number;
}

export class ClientCredentials implements Authenticator {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(private readonly options: ClientCredentialsOptions) {}

  async headers(http: HttpClient): Promise<Record<string, string>> {
    return { ...this.options.extraHeaders, authorization: `Bearer ${await this.accessToken(http)}` };
  }

  invalidate(): boolean {
    this.token = undefined;
    return true;
  }

  private now(http: HttpClient): number {
    return this.options.now ? this.options.now() : http.clock.now();
  }

  private accessToken(http: HttpClient): Promise<string> {
    if (this.token && this.now(http) < this.token.expiresAt) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken(http).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(http: HttpClient): Promise<string> {
    const { clientId, clientSecret, tokenUrl, paramsIn, scope, provider } = this.options;
    const params: Record<string, string> = { grant_type: 'client_credentials', ...(scope ? { scope } : {}) };
    const operation = `POST ${tokenUrl.replace(/^https?:\/\/[^/]+/, '')}`;
    const response = await http.send({
      method: 'POST',
      path: tokenUrl,
      ...(paramsIn === 'form' ? { form: params } : { query: params, form: {} }),
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      authenticate: false,
      idempotent: true,
      operation,
    });
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new ProviderError(
        `${provider}: invalid response from ${response.source.endpoint}: access_token or expires_in is missing`,
        response.source,
      );
    }
    // Renew early: a request must not leave with a token that expires in flight.
    const margin = Math.min(300, body.expires_in / 10) * 1000;
    this.token = { value: body.access_token, expiresAt: this.now(http) + body.expires_in * 1000 - margin };
    return body.access_token;
  }
}
