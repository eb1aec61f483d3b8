#!/usr/bin/env node
// The `plansync` executable: real process I/O around `run`.

import { createInterface } from 'node:readline/promises';
import { run } from './run.js';

const until = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const code = await run(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    async confirm(question) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return (await rl.question(question)).trim() === 'yes';
      } finally {
        rl.close();
      }
    },
  },
  { sandboxUntil: until },
);
process.exit(code);
