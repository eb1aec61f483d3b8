// A token bucket: the usual model of a provider's rate limit (a burst of `capacity` requests, then
// `refillPerSecond` sustained). The clock is injectable so the arithmetic can be tested without waiting.

import type { RateLimitConfig } from './types.js';

export class TokenBucket {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(config: RateLimitConfig, now: () => number = () => performance.now()) {
    if (!(config.capacity >= 1)) throw new RangeError('rate limit capacity must be at least 1');
    if (!(config.refillPerSecond >= 0)) throw new RangeError('rate limit refill must not be negative');
    this.#capacity = config.capacity;
    this.#refillPerMs = config.refillPerSecond / 1000;
    this.#now = now;
    this.#tokens = config.capacity;
    this.#updatedAt = now();
  }

  /** Takes one token if there is one; false means the request must be throttled. */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  get available(): number {
    this.#refill();
    return Math.floor(this.#tokens);
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#refillPerMs);
    this.#updatedAt = now;
  }
}
