// Constant Contact in the crash loop: partners cannot create or cancel accounts, so the apply only
// changes account plans.

import type { ConstantContactEmulator, SeedAccount } from '../../../src/sandbox/constantcontact/index.js';
import type { Spec } from '../../conformance/case.js';
import { BULK_SAFETY, canonicalState, type CrashScenario } from '../../reliability/crash-scenarios.js';
import { constantContactCase } from './conformance.js';

/**
 * Constant Contact: no create, no retire. Trials leave TRIAL with a billing day, paid accounts move
 * up or down, canceled ones are reactivated, some stay; one PUT per changed account.
 */
function constantContactMix(): Pick<
  CrashScenario<ConstantContactEmulator, SeedAccount>,
  'seeds' | 'plans' | 'mix'
> {
  const seeds: SeedAccount[] = [];
  const plans: Record<string, Spec> = {};
  const account = (n: number) => `crashacct${String(n).padStart(2, '0')}`;
  const add = (n: number, seed: Omit<SeedAccount, 'encoded_account_id'>, spec: Spec) => {
    seeds.push({ encoded_account_id: account(n), ...seed });
    plans[`account-${n}`] = { encoded_account_id: account(n), ...spec };
  };
  const trial = { plan_type: 'TRIAL', billing_status: 'Trial', billing_day_of_month: null } as const;
  for (let n = 1; n <= 5; n++) add(n, trial, { plan_type: 'GOLD', billing_day_of_month: 5 + n });
  for (let n = 6; n <= 10; n++)
    add(n, { plan_type: 'SILVER', billing_status: 'Open', billing_day_of_month: 15 }, { plan_type: 'GOLD' });
  for (let n = 11; n <= 13; n++)
    add(n, { plan_type: 'GOLD', billing_status: 'Open', billing_day_of_month: 1 }, { plan_type: 'BRONZE' });
  for (let n = 14; n <= 16; n++)
    add(
      n,
      { plan_type: 'BRONZE', billing_status: 'Canceled', billing_day_of_month: 20 },
      { plan_type: 'SILVER', billing_status: 'Open' },
    );
  for (let n = 17; n <= 20; n++)
    add(n, { plan_type: 'SILVER', billing_status: 'Open', billing_day_of_month: 9 }, { plan_type: 'SILVER' });
  return { seeds, plans, mix: { creates: 0, updates: 16, replaces: 0, retires: 0, unchanged: 4 } };
}

export const constantContactCrash: CrashScenario<ConstantContactEmulator, SeedAccount> = {
  provider: 'constantcontact',
  fixture: constantContactCase.fixture,
  ...constantContactMix(),
  connectionExtra: BULK_SAFETY,
  replaced: [],
  live: (emulator) =>
    emulator.accounts().map((account) => ({
      name: account.encoded_account_id,
      active: account.billing_status !== 'Canceled',
      state: canonicalState(account),
    })),
  isCreate: () => false,
};
