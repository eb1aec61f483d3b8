// What a long read says on the terminal: the number of requests it needs before it starts (always,
// on stderr), and a progress line that rewrites itself (only on a TTY).

import type { MakePlanOptions } from '../engine/make-plan.js';
import type { CliIo } from './io.js';

export function readReporters(io: CliIo): Pick<MakePlanOptions, 'onReadStart' | 'onProgress'> {
  let lastShown = 0;
  return {
    onReadStart(connection, requests, seconds) {
      io.stderr(
        `Reading ${connection}: ${requests} requests, about ${duration(seconds)} at the connection's rate limit.\n`,
      );
    },
    onProgress(connection, done, total) {
      if (!io.isTTY) return;
      const now = Date.now();
      if (done < total && now - lastShown < 200) return;
      lastShown = now;
      io.stderr(`\r  ${connection}: ${done}/${total} read${done === total ? '\n' : ''}`);
    },
  };
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.ceil(seconds - minutes * 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
