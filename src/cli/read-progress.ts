// What a long read says on stderr (stdout stays the plan's, JSON or text): before a connection is
// read, the requests it needs and the time at its limits; during the read, one progress line with the
// requests done, their total and the time left; nothing for a short read.
//
// - On a terminal the line is rewritten in place (`\r`, padded with spaces over the previous frame:
//   no escape sequences, so TERM=dumb and NO_COLOR terminals show it too), at most every 100 ms, only
//   once a read has run for a second, and blanked when the reads end.
// - Elsewhere (CI logs) a plain line at most every 10 s, the first after 10 s: a short run prints
//   what it always printed.
// - The statement before reading is made where the count is exact (one request per declared object:
//   as plansync always did), and for a listing's estimate where it is long enough to matter (1 s on a
//   terminal, 10 s elsewhere), saying that the live count is unknown until the first page.
//
// Hand-written rather than `cli-progress` or `log-update`: those keep their own timers on the system
// clock and draw with cursor escape sequences, while this line must run on the run's injectable
// clock (tests draw exact frames) and join several connections read in parallel into one line. It is
// one string and a `\r`.

import type { ReadHooks } from '../engine/run-plan.js';
import type { ReadStart } from '../engine/make-plan.js';
import { systemClock, type Clock } from '../http/pacer.js';
import type { CliIo } from './io.js';

/** A terminal shows no progress line for reads that end within this. */
const TTY_DELAY_MS = 1000;
const TTY_FRAME_MS = 100;
/** A log gets a progress line at most this often, the first after this long. */
const LOG_INTERVAL_MS = 10_000;

interface Read {
  start: ReadStart | undefined;
  began: number;
  done: number;
  total: number | undefined;
}

export function readReporters(io: CliIo, clock: Clock = systemClock): Required<ReadHooks> {
  const reads = new Map<string, Read>();
  let firstBegan: number | undefined;
  let lastFrame = -Infinity;
  let lastLog: number | undefined;
  let shown = 0;

  const draw = (force: boolean) => {
    const now = clock.now();
    if (firstBegan === undefined || reads.size === 0) return;
    if (io.isTTY) {
      if (now - firstBegan < TTY_DELAY_MS) return;
      if (!force && now - lastFrame < TTY_FRAME_MS) return;
      lastFrame = now;
      const text = progressLine(reads, now);
      io.stderr(`\r${text}${' '.repeat(Math.max(0, shown - text.length))}`);
      shown = text.length;
    } else {
      if (now - (lastLog ?? firstBegan) < LOG_INTERVAL_MS) return;
      lastLog = now;
      io.stderr(`${progressLine(reads, now)}\n`);
    }
  };

  return {
    onReadStart(connection, start) {
      const now = clock.now();
      firstBegan ??= now;
      reads.set(connection, { start, began: now, done: 0, total: undefined });
      const long = start.seconds >= (io.isTTY ? TTY_DELAY_MS : LOG_INTERVAL_MS) / 1000;
      if (start.exact || long) io.stderr(`${statement(connection, start)}\n`);
    },
    onProgress(connection, done, total) {
      let read = reads.get(connection);
      if (read === undefined) {
        // A provider without an estimate still shows its progress.
        const now = clock.now();
        firstBegan ??= now;
        read = { start: undefined, began: now, done: 0, total: undefined };
        reads.set(connection, read);
      }
      read.done = done;
      if (total !== undefined) read.total = total;
      draw(false);
    },
    onReadEnd(connection) {
      reads.delete(connection);
      if (reads.size > 0) return draw(true);
      if (shown > 0) io.stderr(`\r${' '.repeat(shown)}\r`);
      shown = 0;
      firstBegan = undefined;
      lastLog = undefined;
      lastFrame = -Infinity;
    },
  };
}

/** The statement before a read: `Reading paypal-live: about 251 requests (…), about 51 s at 5 requests/s.` */
function statement(connection: string, start: ReadStart): string {
  if (start.exact) {
    return `Reading ${connection}: ${start.requests} requests, about ${duration(start.seconds)} at the connection's rate limit.`;
  }
  const basis = start.basis === undefined ? '' : ` (${start.basis})`;
  return (
    `Reading ${connection}: about ${start.requests} requests${basis}, about ${duration(start.seconds)} at ` +
    `${start.requestsPerSecond} requests/s, ${start.concurrency} at a time. ` +
    `The live count is unknown until the first page, so this may grow.`
  );
}

/** One line for every read in progress: `  paypal-live: 120/251 requests, about 26 s left`. */
function progressLine(reads: ReadonlyMap<string, Read>, now: number): string {
  let left = 0;
  const parts: string[] = [];
  for (const [connection, read] of reads) {
    const setup = read.start?.setup ?? 0;
    const done = read.done + (read.done > 0 ? setup : 0);
    const total =
      read.total !== undefined ? read.total + setup : Math.max(read.start?.requests ?? done, done);
    const approx = read.total === undefined && read.start?.exact !== true ? 'about ' : '';
    parts.push(`${connection}: ${done}/${approx}${total} requests`);
    // Time left at the pace so far, once there is one; before that, at the connection's rate.
    const elapsed = (now - read.began) / 1000;
    const rate = elapsed >= 1 && done > 0 ? done / elapsed : read.start?.requestsPerSecond;
    if (rate !== undefined && rate > 0) left = Math.max(left, (total - done) / rate);
  }
  return `  ${parts.join(', ')}, about ${duration(left)} left`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.ceil(seconds - minutes * 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
