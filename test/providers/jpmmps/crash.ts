// J.P. Morgan MPS in the crash loop: the full mix (creates, updates, a replacement, prunes); pruning
// deletes (soft: the plan keeps a deletedAt).

import type { JpmMpsEmulator, JpmMpsPlanInput } from '../../../src/sandbox/jpmmps/index.js';
import {
  BULK_SAFETY,
  FULL_MIX,
  canonicalState,
  createMatcher,
  planMix,
  type CrashScenario,
} from '../../reliability/crash-scenarios.js';
import { jpmCase } from './conformance.js';

export const jpmmpsCrash: CrashScenario<JpmMpsEmulator, JpmMpsPlanInput> = {
  provider: 'jpmmps',
  fixture: jpmCase.fixture,
  // Half get a new description, half a new amount (+10%): one PATCH each.
  ...planMix(jpmCase, (n, spec) =>
    n <= 3 ? jpmCase.inPlace(spec).spec : { ...spec, recurrentAmount: 21.99 },
  ),
  // Pruning deletes at J.P. Morgan MPS, which needs its own opt-in.
  connectionExtra: ['    prune: true', '    options:', '      prune_delete: true', ...BULK_SAFETY],
  mix: FULL_MIX,
  live: (emulator) =>
    emulator.plans().map((plan) => ({
      name: plan.name,
      active: !plan.deletedAt,
      state: canonicalState(plan),
    })),
  isCreate: createMatcher(jpmCase),
};
