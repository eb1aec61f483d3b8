// Constant Contact in the conformance suite: no create and no replace, so those promises are skipped.

import type { ConstantContactEmulator, SeedAccount } from '../../../src/sandbox/constantcontact/index.js';
import { constantContactFixture } from './fixture.js';
import type { ConformanceCase } from '../../conformance/case.js';

const id = (n: number) => `conform${String(n).padStart(5, '0')}`;

export const constantContactCase: ConformanceCase<ConstantContactEmulator, SeedAccount> = {
  fixture: constantContactFixture,
  existing(n) {
    const seed: SeedAccount = {
      encoded_account_id: id(n),
      plan_type: 'SILVER',
      billing_status: 'Open',
      billing_day_of_month: 5,
    };
    return {
      seed,
      spec: { encoded_account_id: id(n), plan_type: 'SILVER', billing_day_of_month: 5 },
      id: id(n),
    };
  },
  inPlace: (spec) => ({
    spec: { ...spec, plan_type: 'GOLD' },
    request: /^PUT \/v3\/partner\/accounts\/\w+\/plan$/,
  }),
  // Back to TRIAL is impossible; a trial has no billing day, so the YAML drops it.
  createOnly: ({ billing_day_of_month: _day, ...spec }) => ({
    spec: { ...spec, plan_type: 'TRIAL' },
    field: 'TRIAL',
  }),
  create: { method: 'POST', path: /^\/v3\/partner\/accounts$/ },
  retire: /^PUT \/v3\/partner\/accounts\/\w+\/status\/cancel$/,
  count: (emulator, accountId) =>
    emulator.accounts().filter((account) => account.encoded_account_id === accountId).length,
  unmet: {
    update: {
      method: 'PUT',
      path: /^\/v3\/partner\/accounts\/\w+\/plan$/,
      field: 'plan_type',
      ignore: (body, before) => ({ ...(body as object), plan_type: before.plan_type }),
    },
  },
};
