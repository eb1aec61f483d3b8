#!/usr/bin/env node
// The `plansync` executable: real process I/O around `run`.
// SIGINT and SIGTERM stop the run (see docs/reliability.md, "Signals and deadlines"): the first
// stops it as gracefully as the command allows (read-only commands at once; apply lets the writes in
// flight finish, reports every operation and releases its lock) and exits 130 or 143; a second
// abandons whatever is in flight and exits within a second; a third exits on the spot. An apply lock
// still held then is removed as the process exits (src/engine/apply-lock.ts).

// Only what every command needs is imported statically: `--version` is answered before the command
// line (commander) and the commands load, and readline loads only for a confirmation (issue 18).

import { ExitCode, InterruptedError, type StopSignal } from '../errors.js';

const first = new AbortController();
const second = new AbortController();
let received = 0;

/** How long a forced stop may take before the process exits regardless. */
const FORCED_EXIT_MS = 1_000;

function onSignal(signal: StopSignal): void {
  received += 1;
  const exitCode = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated;
  if (received === 1) {
    first.abort(new InterruptedError(signal));
  } else if (received === 2) {
    process.stderr.write(
      `plansync: ${signal} again: abandoning what is in flight (a write already sent may still land; plansync plan shows what is live).\n`,
    );
    second.abort(new InterruptedError(signal));
    setTimeout(() => process.exit(exitCode), FORCED_EXIT_MS).unref();
  } else {
    process.exit(exitCode);
  }
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // What commander's `.version()` prints (src/cli/run.ts declares the same flags), without loading it.
  const { VERSION } = await import('./version.js');
  process.stdout.write(`${VERSION}\n`);
  process.exit(ExitCode.ok);
}

const { run } = await import('./run.js');
const code = await run(
  argv,
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    async confirm(question) {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      // On a terminal, readline takes Ctrl-C itself: pass it on as the signal it stands for.
      rl.on('SIGINT', () => onSignal('SIGINT'));
      try {
        return (await rl.question(question, { signal: first.signal })).trim() === 'yes';
      } catch (error) {
        if (first.signal.aborted) throw first.signal.reason;
        throw error;
      } finally {
        rl.close();
      }
    },
  },
  { signal: first.signal, forceSignal: second.signal },
);
process.exit(code);
