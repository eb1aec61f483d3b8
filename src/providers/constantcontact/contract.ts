// Constant Contact's mutability contract for a client account's plan (providers/constantcontact.md
// §4.4, §5): plan_type changes by PUT but never back to TRIAL; the billing day counts only in the
// request that leaves TRIAL; a canceled account is reactivated only when the YAML asks for it.
// Partners cannot create or delete plans: the account is the object, identified by its id.

import type { Condition, Contract } from '../../core/contract.js';

const planType: Condition = {
  via: 'PUT plan',
  description:
    'PUT `plan_type` (one of the connection `plan_types`); never back to TRIAL; on a Canceled account only with `billing_status: Open` (reactivation)',
  check({ before, after, live, desired }) {
    if (after === 'TRIAL' && before !== 'TRIAL') {
      return {
        verdict: 'blocked',
        reason: 'an account that left TRIAL can never return to TRIAL (Constant Contact refuses it)',
        wayOut: `keep \`plan_type: ${String(before)}\`, or pick another billable plan type`,
      };
    }
    if (live.billing_status === 'Canceled' && desired.billing_status !== 'Open') {
      return {
        verdict: 'blocked',
        reason:
          'this account is Canceled: changing its plan_type would reactivate it (Canceled → Open, billing resumes), and plansync reactivates only when asked',
        wayOut: 'add `billing_status: Open` to reactivate the account, or leave plan_type as it is',
      };
    }
    if (before === 'TRIAL') {
      return {
        verdict: 'allowed',
        impact: 'irreversible',
        note: 'Leaves TRIAL: billing starts (Trial → Open) and the account can never return to TRIAL.',
      };
    }
    return { verdict: 'allowed' };
  },
};

const billingDay: Condition = {
  via: 'PUT plan (with the plan_type leaving TRIAL)',
  description:
    'honoured only in the request that moves the account off TRIAL; otherwise Constant Contact ignores it, so plansync reports the difference as drift',
  check({ live, desired }) {
    if (live.plan_type === 'TRIAL' && desired.plan_type !== undefined && desired.plan_type !== 'TRIAL') {
      return { verdict: 'allowed', impact: 'irreversible' };
    }
    const why =
      live.plan_type === 'TRIAL'
        ? 'it can be set only together with moving the account off TRIAL'
        : 'Constant Contact sets the billing day only when an account leaves TRIAL, and ignores it afterwards';
    return { verdict: 'drift', reason: `${why}; nothing is sent` };
  },
};

const billingStatus: Condition = {
  via: 'reactivate (PUT plan)',
  description:
    '`Open` on a Canceled account reactivates it (PUT plan with a non-TRIAL plan_type); plansync never cancels',
  check({ before, after, desired }) {
    if (after === 'Open' && before === 'Canceled') {
      if (desired.plan_type === 'TRIAL') {
        return {
          verdict: 'blocked',
          reason: 'a Canceled account cannot be reactivated on TRIAL',
          wayOut: 'choose a billable plan_type',
        };
      }
      return {
        verdict: 'allowed',
        impact: 'irreversible',
        note: 'Reactivates the account: Canceled → Open, and Constant Contact bills it again.',
      };
    }
    if (after === 'Open' && (before === 'Trial' || before === 'Trial End') && desired.plan_type !== 'TRIAL') {
      // Leaving TRIAL opens billing in the same request: nothing extra to send.
      return { verdict: 'allowed', impact: 'irreversible' };
    }
    if (after === 'Canceled') {
      return {
        verdict: 'blocked',
        reason: 'plansync does not cancel Constant Contact accounts',
        wayOut:
          'cancel the account in Constant Contact (or with the partner API), or remove `billing_status: Canceled`',
      };
    }
    return {
      verdict: 'blocked',
      reason: `billing status ${String(before)} cannot be set to ${String(after)} through the plan`,
      wayOut: 'remove `billing_status`, or set the plan_type that leads there',
    };
  },
};

export const constantContactContract: Contract = {
  provider: 'constantcontact',
  identity: { idField: 'encoded_account_id', naturalKey: [] },
  capabilities: { create: false, update: true, retire: 'none', replace: false, reads: 'by-id' },
  conditions: { 'plan-type': planType, 'billing-day': billingDay, 'billing-status': billingStatus },
  fields: [
    {
      path: 'plan_type',
      type: 'enum',
      mutability: { mode: 'conditional', condition: 'plan-type' },
      impact: 'existing-subscribers',
      doc: 'The account plan (TRIAL, BRONZE, SILVER, GOLD, or a legacy type). A change reaches the account at its next bill.',
    },
    {
      path: 'billing_day_of_month',
      type: 'integer',
      mutability: { mode: 'conditional', condition: 'billing-day' },
      impact: 'existing-subscribers',
      onlyWhenDeclared: true,
      doc: 'Day of the month the account is billed (1–31). Compared only when declared.',
    },
    {
      path: 'billing_status',
      type: 'enum',
      mutability: { mode: 'conditional', condition: 'billing-status' },
      impact: 'irreversible',
      onlyWhenDeclared: true,
      doc: 'Trial, Open, Canceled or Trial End. Declare `Open` to reactivate a Canceled account. Compared only when declared.',
    },
    {
      path: 'current_tiers',
      type: 'json',
      mutability: { mode: 'read-only' },
      impact: 'cosmetic',
      doc: 'Usage tiers that set the monthly price; shown for context, never sent.',
    },
  ],
};
