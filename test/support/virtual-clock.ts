// A clock for tests that run the real CLI against an emulator over real sockets but must not depend
// on how fast the machine is: both sides read this clock (the CLI through `run({ clock })`, the
// emulator through its `now` option), and time moves only when the CLI sleeps, straight to the end of
// the sleep. A paced run of 30 requests at 4/s then takes no real time, and the emulator sees them
// exactly as far apart as the client meant, however late the event loop ran them.
//
// Exact for one sleeper at a time: give the connection `concurrency: 1` when the test asserts on the
// spacing the emulator sees. With two requests in flight, one sleeping moves time under the other,
// as a slow network would, and the spacing the emulator sees is no longer the schedule's.

import type { Clock } from '../../src/http/pacer.js';

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function virtualClock(start = Date.UTC(2024, 6, 9, 12, 0, 0)): VirtualClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    advance(ms) {
      time += ms;
    },
    async sleep(ms) {
      sleeps.push(ms);
      const end = time + Math.max(0, ms);
      // Let pending I/O run first, as a real sleep would, then jump to the end of the sleep.
      await new Promise((resolve) => setImmediate(resolve));
      time = Math.max(time, end);
    },
  };
}
