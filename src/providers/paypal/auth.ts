// PayPal OAuth2 client credentials: one token per connection, fetched once (concurrent requests
// share the fetch), reused until shortly before `expires_in`, and dropped after a 401.

import type { Authenticator, HttpClient } from '../../http/client.js';
import { ProviderError } from '../../errors.js';

export const TOKEN_PATH = '/v1/oauth2/token';

export class PayPalAuth implements Authenticator {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async headers(http: HttpClient): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.accessToken(http)}` };
  }

  invalidate(): boolean {
    this.token = undefined;
    return true;
  }

  private accessToken(http: HttpClient): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken(http).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(http: HttpClient): Promise<string> {
    const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
    const response = await http.send({
      method: 'POST',
      path: TOKEN_PATH,
      form: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${basic}` },
      authenticate: false,
      idempotent: true,
      operation: `POST ${TOKEN_PATH}`,
    });
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new ProviderError(
        `paypal: invalid response from POST ${TOKEN_PATH}: access_token or expires_in is missing`,
        {
          provider: 'paypal',
          operation: `POST ${TOKEN_PATH}`,
        },
      );
    }
    // Renew a little early: a request must not leave with a token that expires in flight.
    const margin = Math.min(300, body.expires_in / 10) * 1000;
    this.token = { value: body.access_token, expiresAt: this.now() + body.expires_in * 1000 - margin };
    return body.access_token;
  }
}
