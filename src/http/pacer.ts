// Paces requests to a connection's rate limit. Consecutive requests leave at least one interval
// apart, measured from when each actually left (a late request never squeezes the next one closer),
// with a small margin under the limit: providers count arrivals in sliding windows, and network
// jitter can bring two requests a few milliseconds closer than they were sent.

/**
 * Pace this much below the configured rate: 5,000 requests at 4/s take 5% longer than 1,250 s. At 2%
 * the benchmark met 429s at 5,000 Constant Contact accounts on a loaded machine, where a request
 * that arrives late (a busy event loop at either end) lets the next one land inside the window; 5%
 * leaves 50 ms of slack in every second and stays within the 1.1× target.
 */
export const PACING_MARGIN = 0.05;

/**
 * The time pacing, backoff and token expiry run on. Injectable so tests compute schedules on a clock
 * they drive instead of measuring gaps on a machine whose load they do not control.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; a clock may end the sleep early when `signal` aborts (see `sleepUnless`). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: (ms, signal) => delay(ms, signal) };

/**
 * Sleeps on `clock` unless `signal` aborts first: then it rejects at once with the signal's reason
 * (the error the run stops with), whatever clock it runs on.
 */
export async function sleepUnless(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal === undefined) return clock.sleep(ms);
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([clock.sleep(ms, signal), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  signal.throwIfAborted();
}

export class Pacer {
  private next = 0;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly clock: Clock = systemClock,
    /** Longest pause one 429 may put on the connection (`limits.max_retry_wait_ms`). */
    private readonly maxPauseMs = Infinity,
  ) {}

  /** Resolves when the next request may leave; rejects with `signal`'s reason when it aborts first. */
  async wait(signal?: AbortSignal): Promise<void> {
    const interval = (1000 / this.requestsPerSecond) * (1 + PACING_MARGIN);
    for (;;) {
      const now = this.clock.now();
      if (now >= this.next) {
        this.next = now + interval;
        return;
      }
      // Concurrent waiters each re-check after sleeping: exactly one claims each slot.
      await sleepUnless(this.clock, this.next - now, signal);
    }
  }

  /**
   * After a 429, hold every request of the connection until the provider is ready again, but never
   * longer than the connection allows: one answer must not stall every other request for a day.
   */
  pause(ms: number): void {
    this.next = Math.max(this.next, this.clock.now() + Math.min(ms, this.maxPauseMs));
  }
}

/** A timer that is cleared (and resolves) when `signal` aborts, so an abandoned wait holds nothing. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
