// The suite in five projects (test/projects.ts says which folder goes where and why): `npm test`
// runs them all, unit first; `npm run test:fast` only the unit project; `npm run test:<project>` or
// `npx vitest run --project <project>` any one.
//
// One random seed per run (test/support/seed.ts) reaches every test process, and every child process
// a test starts, as PLANSYNC_TEST_SEED: set in this process's environment, so that every evaluation
// of this file (vitest evaluates it again for each project) agrees on it.

import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { PROJECT_NAMES, projectGlobs, type ProjectName } from './test/projects.js';
import { SEED_VARIABLE, resolveSeed } from './test/support/seed.js';

process.env[SEED_VARIABLE] = String(resolveSeed());

const common = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: 'forks',
  env: { [SEED_VARIABLE]: process.env[SEED_VARIABLE] },
  setupFiles: ['test/support/fast-check-seed.ts'],
} satisfies TestProjectInlineConfiguration['test'];

/**
 * Per-file isolation (a fresh module graph per test file) is off but for reliability: it cost more
 * than the tests themselves, re-importing the CLI and the emulators for every file. Measured on the
 * shared 2-core machine, isolated → shared: unit 78 s → 15 s (busy), emulator 45 s → 12 s,
 * integration 88 s → 39 s. Their files clean up after themselves (servers closed, spies restored
 * in afterEach) and pass in shuffled order. The reliability project keeps a process per file: it
 * kills children and runs for minutes, and a file that goes wrong there should take nothing with it.
 */
const isolate: Record<ProjectName, boolean> = {
  unit: false,
  emulator: false,
  integration: false,
  reliability: true,
  package: true,
};

export default defineConfig({
  test: {
    // Runs once per run, not per project: prints the seed.
    globalSetup: ['test/support/print-seed.ts'],
    projects: PROJECT_NAMES.map((name, order) => ({
      test: {
        ...common,
        name,
        ...projectGlobs(name),
        isolate: isolate[name],
        // Quickest feedback first: a whole run reports the unit project before the slow ones start.
        sequence: { groupOrder: order },
      },
    })),
  },
});
