// Constant Contact's rate limits (reference §7): per API key, 4 requests per second and 10,000 per day
// by default. The per-second limit is a sliding window over the last 1000 ms of accepted requests, so a
// client pacing at exactly the limit (one request every 250 ms at 4/s) is never refused; a token bucket
// with fractional refill would refuse it whenever timer jitter made two requests 249 ms apart. The day
// rolls over at midnight UTC on the emulator clock. Refused requests count toward neither limit.

export interface RateLimits {
  /** Requests per second per API key; Infinity turns the limit off. */
  requestsPerSecond: number;
  /** Requests per UTC day per API key; Infinity turns the limit off. */
  requestsPerDay: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { requestsPerSecond: 4, requestsPerDay: 10_000 };

export interface RequestCounts {
  /** The UTC day (YYYY-MM-DD) on the emulator clock. */
  day: string;
  /** Requests accepted today. */
  today: number;
  /** Requests accepted within the last 1000 ms. */
  lastSecond: number;
}

const DAY_MS = 86_400_000;
const WINDOW_MS = 1000;

interface KeyUsage {
  arrivals: number[];
  day: number;
  today: number;
}

export class ApiKeyRateLimiter {
  readonly #usage = new Map<string, KeyUsage>();
  readonly #now: () => number;
  #limits: RateLimits;

  constructor(limits: RateLimits, now: () => number) {
    this.#limits = checkLimits(limits);
    this.#now = now;
  }

  setLimits(limits: Partial<RateLimits>): void {
    this.#limits = checkLimits({ ...this.#limits, ...limits });
  }

  /** Counts the request if it may pass; otherwise says which limit refused it. */
  take(key: string): 'ok' | 'per-second' | 'per-day' {
    const now = this.#now();
    const usage = this.#current(key, now);
    if (usage.today >= this.#limits.requestsPerDay) return 'per-day';
    if (usage.arrivals.length >= this.#limits.requestsPerSecond) return 'per-second';
    usage.arrivals.push(now);
    usage.today += 1;
    return 'ok';
  }

  counts(key: string): RequestCounts {
    const now = this.#now();
    const usage = this.#current(key, now);
    return {
      day: new Date(usage.day * DAY_MS).toISOString().slice(0, 10),
      today: usage.today,
      lastSecond: usage.arrivals.length,
    };
  }

  #current(key: string, now: number): KeyUsage {
    const day = Math.floor(now / DAY_MS);
    let usage = this.#usage.get(key);
    if (usage === undefined) {
      usage = { arrivals: [], day, today: 0 };
      this.#usage.set(key, usage);
    }
    if (usage.day !== day) {
      usage.day = day;
      usage.today = 0;
    }
    // Keep only arrivals within the last second: a request exactly 1000 ms old has left the window.
    while (usage.arrivals.length > 0 && (usage.arrivals[0] ?? 0) <= now - WINDOW_MS) usage.arrivals.shift();
    return usage;
  }
}

function checkLimits(limits: RateLimits): RateLimits {
  for (const [name, value] of Object.entries(limits)) {
    if (!(value >= 1)) throw new RangeError(`${name} must be at least 1 (Infinity turns it off)`);
  }
  return { ...limits };
}
