// PayPal in the crash loop: the full mix (creates, updates, a replacement, prunes); retiring
// deactivates a plan.

import type { PayPalEmulator, PayPalPlanInput } from '../../../src/sandbox/paypal/index.js';
import {
  BULK_SAFETY,
  FULL_MIX,
  createMatcher,
  planMix,
  retiredByStatus,
  type CrashScenario,
} from '../../reliability/crash-scenarios.js';
import { paypalCase } from './conformance.js';
import { paypalPlanSpec } from './fixture.js';

export const paypalCrash: CrashScenario<PayPalEmulator, PayPalPlanInput> = {
  provider: 'paypal',
  fixture: paypalCase.fixture,
  // Half get a new description (PATCH), half a new price (update-pricing-schemes, +10%): one write each.
  ...planMix(paypalCase, (n, spec) =>
    n <= 3 ? paypalCase.inPlace(spec).spec : paypalPlanSpec(`Plan ${n}`, '21.99'),
  ),
  connectionExtra: ['    prune: true', ...BULK_SAFETY],
  mix: FULL_MIX,
  live: (emulator) => retiredByStatus(emulator.plans()),
  isCreate: createMatcher(paypalCase),
};
