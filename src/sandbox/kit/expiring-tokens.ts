// Bearer tokens an emulator has issued, each valid until its expiry on the emulator's clock. The
// provider decides what a token looks like (PayPal's `A21AA…`, Constant Contact's JWT); the kit
// keeps the lifecycle: issue, check, and expire all at once as a test hook.

export class ExpiringTokens {
  /** Token → expiry in ms on the emulator's clock. */
  readonly #tokens = new Map<string, number>();
  readonly #now: () => number;
  readonly #ttlSeconds: number;

  constructor(now: () => number, ttlSeconds: number) {
    if (!(ttlSeconds > 0) || !Number.isInteger(ttlSeconds)) {
      throw new RangeError('tokenTtlSeconds must be a positive integer');
    }
    this.#now = now;
    this.#ttlSeconds = ttlSeconds;
  }

  /** Store a token in the provider's format, minted for this issue time and lifetime. */
  issue(mint: (issuedAt: number, ttlSeconds: number) => string): { token: string; expiresIn: number } {
    const issuedAt = this.#now();
    const token = mint(issuedAt, this.#ttlSeconds);
    this.#tokens.set(token, issuedAt + this.#ttlSeconds * 1000);
    return { token, expiresIn: this.#ttlSeconds };
  }

  isValid(token: string): boolean {
    const expiresAt = this.#tokens.get(token);
    if (expiresAt === undefined) return false;
    if (this.#now() < expiresAt) return true;
    this.#tokens.delete(token);
    return false;
  }

  /** Test hook: every token issued so far stops working, as if all had expired mid-run. */
  expireAll(): void {
    this.#tokens.clear();
  }
}
