// Every fast-check property in the suite draws from the run's seed (test/support/seed.ts), so a
// failure replays with PLANSYNC_TEST_SEED=<seed>; fast-check's own report adds the path to the
// failing case. A property may still pin its own seed (a corpus kept fixed on purpose).

import fc from 'fast-check';
import { testSeed } from './seed.js';

fc.configureGlobal({ seed: testSeed() });
