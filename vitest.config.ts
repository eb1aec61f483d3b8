// One random seed per run (test/support/seed.ts) reaches every test process, and every child process
// a test starts, as PLANSYNC_TEST_SEED: set in this process's environment, so that every evaluation
// of this file (vitest may evaluate it more than once) agrees on it.

import { defineConfig } from 'vitest/config';
import { SEED_VARIABLE, resolveSeed } from './test/support/seed.js';

process.env[SEED_VARIABLE] = String(resolveSeed().seed);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    env: { [SEED_VARIABLE]: process.env[SEED_VARIABLE] },
    // Prints the seed once per run.
    globalSetup: ['test/support/print-seed.ts'],
    setupFiles: ['test/support/fast-check-seed.ts'],
  },
});
