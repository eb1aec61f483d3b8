// How a run is asked to stop: a signal (SIGINT, SIGTERM) or the whole run's deadline (`--timeout`).
// Two levels. Stopping: start nothing new. Aborting: abandon the requests in flight as well. While
// plansync only reads, a stop aborts at once (nothing is lost by abandoning a read); once apply has
// started writing, a stop lets the operations in flight finish (each request is bounded by the
// connection's timeout_ms) so every operation is reported as done, failed or not started, and only
// a forced stop (a second signal) abandons writes in flight.
// The reasons are PlansyncErrors (InterruptedError, DeadlineError): what a stopped run ends with.

import { setMaxListeners } from 'node:events';
import type { PlansyncError } from '../errors.js';
import type { Clock } from '../http/pacer.js';

/** What the engine reads: whether to start anything new, and whether to abandon what is in flight. */
export interface RunStop {
  /** Aborted when the run must start nothing new; its reason is the error the run ends with. */
  readonly stopping: AbortSignal;
  /** Aborted when requests and waits in flight are abandoned too (the HTTP clients' signal). */
  readonly aborting: AbortSignal;
  /** Writes begin: from now on a stop that is not forced lets the operations in flight finish. */
  beginWrites(): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export class RunStopControl implements RunStop {
  private readonly stopController = new AbortController();
  private readonly abortController = new AbortController();
  private writing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // Every request in flight listens for the abort (its own timeout joined to it): with five
    // connections at their concurrency that is more than Node's default of 10, a warning, not a leak.
    setMaxListeners(0, this.stopController.signal, this.abortController.signal);
  }

  get stopping(): AbortSignal {
    return this.stopController.signal;
  }

  get aborting(): AbortSignal {
    return this.abortController.signal;
  }

  /** A first signal, or the deadline: start nothing new; while only reading, abandon the reads too. */
  stop(reason: PlansyncError): void {
    if (!this.stopping.aborted) this.stopController.abort(reason);
    if (!this.writing) this.abort(reason);
  }

  /** A second signal: abandon everything in flight, writes included. */
  force(reason: PlansyncError): void {
    this.stop(reason);
    this.abort(reason);
  }

  beginWrites(): void {
    this.writing = true;
  }

  /**
   * Stops the run with `reason` once `ms` have passed on `clock`. Returns the clock the run should
   * use: it notices the deadline whenever a wait ends past it, so an injected clock (whose time moves
   * only when the run sleeps) stops the run at the right moment too. On the system clock a timer also
   * fires on time, in the middle of a request or a wait.
   */
  deadline(ms: number, clock: Clock, reason: PlansyncError, realTime: boolean): Clock {
    const at = clock.now() + ms;
    const check = () => {
      if (clock.now() >= at) this.stop(reason);
    };
    // A timer longer than Node's (about 24.8 days) would fire at once: such a deadline is left to
    // the checks on the clock, which a run that long meets in every wait.
    if (realTime && ms <= MAX_TIMER_MS) {
      this.timer = setTimeout(() => this.stop(reason), ms);
      this.timer.unref();
    }
    return {
      now: () => clock.now(),
      async sleep(sleepMs, signal) {
        await clock.sleep(sleepMs, signal);
        check();
      },
    };
  }

  /** The run is over: the deadline's timer no longer holds anything. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private abort(reason: PlansyncError): void {
    if (!this.aborting.aborted) this.abortController.abort(reason);
  }
}

/** Never stops: for library callers and tests that give no stop. */
export const NEVER_STOP: RunStop = {
  stopping: new AbortController().signal,
  aborting: new AbortController().signal,
  beginWrites() {},
};
