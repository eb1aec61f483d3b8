// Paces requests to a connection's rate limit: each request takes the next free slot, so a burst
// of concurrent calls is spread out instead of tripping the provider's 429s.

export class Pacer {
  private next = 0;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {}

  async wait(): Promise<void> {
    const interval = 1000 / this.requestsPerSecond;
    const now = this.now();
    const slot = Math.max(now, this.next);
    this.next = slot + interval;
    if (slot > now) await this.sleep(slot - now);
  }

  /** After a 429, hold every request of the connection until the provider is ready again. */
  pause(ms: number): void {
    this.next = Math.max(this.next, this.now() + ms);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
