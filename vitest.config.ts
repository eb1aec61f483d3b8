// The suite in four projects (test/projects.ts says which folder goes where and why): `npm test`
// runs them all, unit first; `npm run test:fast` only the unit project; `npm run test:<project>` or
// `npx vitest run --project <project>` any one.
//
// One random seed per run (test/support/seed.ts) reaches every test process, and every child process
// a test starts, as PLANSYNC_TEST_SEED: set in this process's environment, so that every evaluation
// of this file (vitest evaluates it again for each project) agrees on it.

import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { PROJECT_NAMES, projectGlobs, type ProjectName } from './test/projects.js';
import { SEED_VARIABLE, resolveSeed } from './test/support/seed.js';

process.env[SEED_VARIABLE] = String(resolveSeed().seed);

const common = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: 'forks',
  env: { [SEED_VARIABLE]: process.env[SEED_VARIABLE] },
  setupFiles: ['test/support/fast-check-seed.ts'],
} satisfies TestProjectInlineConfiguration['test'];

/**
 * The unit project shares one module graph across its files (no per-file isolation): its tests are
 * pure, and a fresh fork per file cost 4-5× the tests themselves on a busy machine (78 s against
 * 15 s for the project). The others keep a process per file: they start servers and children.
 */
const isolate: Record<ProjectName, boolean> = {
  unit: false,
  emulator: true,
  integration: true,
  reliability: true,
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
