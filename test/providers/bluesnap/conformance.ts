// BlueSnap in the conformance suite.

import type { BlueSnapEmulator, BlueSnapWirePlan } from '../../../src/sandbox/bluesnap/index.js';
import { blueSnapSeedPlan, bluesnapFixture } from './fixture.js';
import type { ConformanceCase } from '../../conformance/case.js';

export const bluesnapCase: ConformanceCase<BlueSnapEmulator, BlueSnapWirePlan> = {
  fixture: bluesnapFixture,
  existing(n) {
    const seed = blueSnapSeedPlan(100 + n, {
      name: `Plan ${n}`,
      recurringChargeAmount: 19.99,
      trialPeriodDays: 7,
    });
    const spec = {
      name: `Plan ${n}`,
      recurringChargeAmount: '19.990',
      currency: 'USD',
      chargeFrequency: 'MONTHLY',
      trialPeriodDays: 7,
    };
    return { seed, spec, id: String(100 + n) };
  },
  fresh: (n) => ({ name: `New ${n}`, recurringChargeAmount: 5, currency: 'USD', chargeFrequency: 'WEEKLY' }),
  inPlace: (spec) => ({
    spec: { ...spec, gracePeriodDays: 9 },
    request: /^PUT \/services\/2\/recurring\/plans\/\d+$/,
  }),
  createOnly: (spec) => ({ spec: { ...spec, chargeFrequency: 'ANNUALLY' }, field: 'chargeFrequency' }),
  replaceable: (spec) => ({ ...spec, lifecycle: { replace: true } }),
  create: { method: 'POST', path: /^\/services\/2\/recurring\/plans$/ },
  retire: /^PUT \/services\/2\/recurring\/plans\/\d+$/,
  count: (emulator, name) => emulator.plans().filter((plan) => plan.name === name).length,
  // The emulator keeps what a PUT leaves out, as the seed document's Update Plan example shows; the
  // reference infers the opposite ("may clear grace/max charges"). plansync must converge under both.
  variants: { 'a PUT clears what it leaves out': { putOmission: 'clear' } },
  unmet: {
    update: {
      method: 'PUT',
      path: /^\/services\/2\/recurring\/plans\/\d+$/,
      field: 'gracePeriodDays',
      ignore: (body, before) => ({ ...(body as object), gracePeriodDays: before.gracePeriodDays }),
    },
    create: {
      field: 'recurringChargeAmount',
      alter: (body) => ({ ...(body as object), recurringChargeAmount: 6 }),
    },
    answerAs: (body, id) => ({ ...(body as object), planId: Number(id) }),
    retire: {
      method: 'PUT',
      path: /^\/services\/2\/recurring\/plans\/\d+$/,
      fault: { kind: 'rewrite-request', rewrite: (body) => ({ ...(body as object), status: 'ACTIVE' }) },
    },
  },
};
