// Small builders for core tests: desired plans and live objects with BlueSnap-shaped attributes.

import { liveObject } from '../../src/core/live.js';
import type { DesiredPlan, LiveObject } from '../../src/core/model.js';
import type { Attrs } from '../../src/core/value.js';

export function desired(key: string, attrs: Attrs, extra: Partial<DesiredPlan> = {}): DesiredPlan {
  return {
    key,
    attrs,
    lifecycle: { replace: false, preventDestroy: false },
    location: { file: 'plans/test.yaml', line: 1, column: 1 },
    ...extra,
  };
}

export function live(id: string, attrs: Attrs): LiveObject {
  return liveObject(id, attrs);
}

export const GOLD: Attrs = {
  name: 'Gold',
  recurringChargeAmount: '29.99',
  currency: 'USD',
  chargeFrequency: 'MONTHLY',
  status: 'ACTIVE',
};
