// J.P. Morgan MPS in the conformance suite.

import type { JpmMpsEmulator, JpmMpsPlanInput } from '../../../src/sandbox/jpmmps/index.js';
import { jpmFixture, jpmPlanId, jpmSpec } from './fixture.js';
import type { ConformanceCase } from '../../conformance/case.js';

export const jpmCase: ConformanceCase<JpmMpsEmulator, JpmMpsPlanInput> = {
  fixture: jpmFixture,
  existing(n) {
    const spec = jpmSpec(`Plan ${n}`, { trialDurationPeriod: 7, trialDurationUnit: 'day' });
    return { seed: { ...spec, id: jpmPlanId(n), prepaid: true } as JpmMpsPlanInput, spec, id: jpmPlanId(n) };
  },
  fresh: (n) => jpmSpec(`New ${n}`),
  inPlace: (spec) => ({
    spec: { ...spec, description: 'Now with support' },
    request: /^PATCH \/api\/v1\/plans\/SubscriptionPlan-[\w-]+$/,
  }),
  createOnly: (spec) => ({ spec: { ...spec, prepaid: false }, field: 'prepaid' }),
  replaceable: (spec) => ({ ...spec, lifecycle: { replace: true } }),
  create: { method: 'POST', path: /^\/api\/v1\/plans$/ },
  retire: /^DELETE \/api\/v1\/plans\/SubscriptionPlan-[\w-]+$/,
  count: (emulator, name) => emulator.plans().filter((plan) => plan.name === name && !plan.deletedAt).length,
  unmet: {
    update: {
      method: 'PATCH',
      path: /^\/api\/v1\/plans\/SubscriptionPlan-[\w-]+$/,
      field: 'description',
      ignore: (body, before) => ({ ...(body as object), description: before.description }),
    },
    create: { field: 'description', alter: (body) => ({ ...(body as object), description: 'Altered' }) },
    answerAs: (body, id) => ({ ...(body as object), id }),
    retire: {
      method: 'DELETE',
      path: /^\/api\/v1\/plans\/SubscriptionPlan-[\w-]+$/,
      fault: { kind: 'status', status: 204, body: '' },
    },
  },
  // The reference calls `page` zero-based, but its own sample asks page=1 and gets "page": 1 back.
  variants: { 'pages from 1': { pageBase: 1 } },
};
