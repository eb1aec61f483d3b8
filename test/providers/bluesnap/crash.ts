// BlueSnap in the crash loop: the full mix (creates, updates, a replacement, prunes); retiring sets a
// plan INACTIVE.

import type { BlueSnapEmulator, BlueSnapWirePlan } from '../../../src/sandbox/bluesnap/index.js';
import {
  BULK_SAFETY,
  FULL_MIX,
  createMatcher,
  planMix,
  retiredByStatus,
  type CrashScenario,
} from '../../reliability/crash-scenarios.js';
import { bluesnapCase } from './conformance.js';

export const bluesnapCrash: CrashScenario<BlueSnapEmulator, BlueSnapWirePlan> = {
  provider: 'bluesnap',
  fixture: bluesnapCase.fixture,
  ...planMix(bluesnapCase, (_n, spec) => bluesnapCase.inPlace(spec).spec),
  connectionExtra: ['    prune: true', ...BULK_SAFETY],
  mix: FULL_MIX,
  live: (emulator) => retiredByStatus(emulator.plans()),
  isCreate: createMatcher(bluesnapCase),
};
