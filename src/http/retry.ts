// When and how long to wait before retrying a request: jittered exponential backoff, with the
// provider's Retry-After taking precedence when it sends one.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/** Full jitter: a random wait in [0, min(max, base * 2^attempt)], attempt counting from 0. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. Undefined if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
