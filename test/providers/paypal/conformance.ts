// PayPal in the conformance suite.

import type { PayPalEmulator, PayPalPlanInput } from '../../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from './fixture.js';
import type { ConformanceCase } from '../../conformance/case.js';

const planId = (n: number) => `P-CONFORMANCE${String(n).padStart(13, '0')}`;

export const paypalCase: ConformanceCase<PayPalEmulator, PayPalPlanInput> = {
  fixture: paypalFixture,
  existing(n) {
    const spec = paypalPlanSpec(`Plan ${n}`, '19.990');
    const seed = {
      ...paypalPlanSpec(`Plan ${n}`, '19.99'),
      id: planId(n),
      status: 'ACTIVE',
    } as PayPalPlanInput;
    return { seed, spec, id: planId(n) };
  },
  fresh: (n) => paypalPlanSpec(`New ${n}`, '5'),
  inPlace: (spec) => ({
    spec: { ...spec, description: 'Now with support' },
    request: /^PATCH \/v1\/billing\/plans\/P-\w+$/,
  }),
  createOnly(spec) {
    const cycles = structuredClone(spec.billing_cycles) as Array<Record<string, unknown>>;
    cycles[0]!.frequency = { interval_unit: 'YEAR', interval_count: 1 };
    return { spec: { ...spec, billing_cycles: cycles }, field: 'billing_cycles[1].frequency' };
  },
  replaceable: (spec) => ({ ...spec, lifecycle: { replace: true } }),
  create: { method: 'POST', path: /^\/v1\/billing\/plans$/ },
  retire: /^POST \/v1\/billing\/plans\/P-\w+\/deactivate$/,
  count: (emulator, name) => emulator.plans().filter((plan) => plan.name === name).length,
  unmet: {
    update: {
      method: 'PATCH',
      path: /^\/v1\/billing\/plans\/P-\w+$/,
      field: 'description',
      // PayPal refuses an empty patch document: the ignored operation becomes a no-op one.
      ignore: (body, before) =>
        (body as Array<{ path: string }>).map((op) =>
          op.path === '/description' ? { op: 'replace', path: '/name', value: before.name } : op,
        ),
    },
    create: {
      field: 'payment_preferences.payment_failure_threshold',
      alter: (body) => ({
        ...(body as object),
        payment_preferences: { auto_bill_outstanding: true, payment_failure_threshold: 3 },
      }),
    },
    answerAs: (body, id) => ({ ...(body as object), id }),
    retire: {
      method: 'POST',
      path: /^\/v1\/billing\/plans\/P-\w+\/deactivate$/,
      fault: { kind: 'status', status: 204, body: '' },
    },
  },
};
