// BlueSnap's mutability contract (providers/bluesnap.md §3, §4.4): amount, currency and frequency are
// fixed at creation; a trial or initial charge can change value but cannot be added or removed; a grace
// period or charge cap can be added or changed, but no documented request removes one.

import type { Condition, Contract } from '../../core/contract.js';

const existingElement: Condition = {
  description:
    'value may change only while the plan already has one: it cannot be added to or removed from an existing plan (CANNOT_ADD_ELEMENT 24015 / CANNOT_DELETE_ELEMENT 24018)',
  check({ path, before, after }) {
    if (before !== undefined && after !== undefined) return { verdict: 'allowed' };
    const reason =
      before === undefined
        ? `\`${path}\` cannot be added to an existing BlueSnap plan that has none (CANNOT_ADD_ELEMENT)`
        : `\`${path}\` cannot be removed from an existing BlueSnap plan (CANNOT_DELETE_ELEMENT)`;
    return { verdict: 'needs-replacement', reason };
  },
};

/**
 * Grace period and charge cap. The seed document's Update Plan example sends a PUT without
 * `gracePeriodDays` or `maxNumberOfCharges` and its answer still holds `"gracePeriodDays": 10` and
 * `"maxNumberOfCharges": 12`: leaving a field out may keep it. The reference infers the opposite
 * ("may clear grace/max charges"), and documents no value that clears either field (no null, no 0:
 * "Bad value → INVALID_MAX_NUMBER_OF_CHARGES"). plansync cannot tell which reading an account follows,
 * so it never relies on omission: a removal needs a new plan, and is blocked unless the plan opts in.
 */
const noClearing: Condition = {
  description:
    "can be added or changed by PUT, but not removed from an existing plan: a PUT that leaves it out may keep it (the seed document's own example) and no value that clears it is documented",
  check({ path, before, after }) {
    if (before === undefined || after !== undefined) return { verdict: 'allowed' };
    return {
      verdict: 'needs-replacement',
      reason:
        `\`${path}\` cannot be removed from an existing BlueSnap plan: a PUT that leaves it out may keep ` +
        'it, and BlueSnap documents no value that clears it',
    };
  },
};

export const bluesnapContract: Contract = {
  provider: 'bluesnap',
  identity: { idField: 'planId', naturalKey: ['name'] },
  status: { path: 'status', active: 'ACTIVE', retired: 'INACTIVE' },
  capabilities: { create: true, update: true, retire: 'deactivate', replace: true, reads: 'list' },
  conditions: { 'existing-element': existingElement, 'no-clearing': noClearing },
  fields: [
    {
      path: 'name',
      type: 'text',
      mutability: { mode: 'in-place' },
      impact: 'cosmetic',
      doc: 'Plan name shown to shoppers (1–199 characters; not unique at BlueSnap).',
    },
    {
      path: 'recurringChargeAmount',
      type: 'decimal',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      currencyField: 'currency',
      doc: 'Amount charged every period. NON_UPDATABLE_FIELD (24014) on change: needs a new plan.',
    },
    {
      path: 'currency',
      type: 'enum',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      doc: 'ISO 4217 currency. NON_UPDATABLE_FIELD (24014) on change: needs a new plan.',
    },
    {
      path: 'chargeFrequency',
      type: 'enum',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      doc: 'Billing period (MONTHLY, ANNUALLY, …). NON_UPDATABLE_FIELD (24014) on change: needs a new plan.',
    },
    {
      path: 'trialPeriodDays',
      type: 'integer',
      mutability: { mode: 'conditional', condition: 'existing-element' },
      impact: 'new-subscribers',
      doc: 'Free trial length in days; only subscriptions that start later get it.',
    },
    {
      path: 'initialChargeAmount',
      type: 'decimal',
      mutability: { mode: 'conditional', condition: 'existing-element' },
      impact: 'new-subscribers',
      currencyField: 'currency',
      doc: 'One-off first charge; only subscriptions that start later pay it.',
    },
    {
      path: 'gracePeriodDays',
      type: 'integer',
      mutability: { mode: 'conditional', condition: 'no-clearing' },
      impact: 'existing-subscribers',
      doc: 'Retry window after a failed charge. Inferred: applies to existing subscriptions too.',
    },
    {
      path: 'maxNumberOfCharges',
      type: 'integer',
      mutability: { mode: 'conditional', condition: 'no-clearing' },
      impact: 'existing-subscribers',
      doc: 'Charges after the initial one. Inferred: applies to existing subscriptions too.',
    },
    {
      path: 'chargeOnPlanSwitch',
      type: 'boolean',
      mutability: { mode: 'in-place' },
      impact: 'new-subscribers',
      default: false,
      doc: 'Charge at once when a subscription switches to this plan (default false).',
    },
    {
      path: 'status',
      type: 'enum',
      mutability: { mode: 'in-place' },
      impact: 'new-subscribers',
      default: 'ACTIVE',
      // State, not a setting: a YAML plan without `status` leaves it as it is, so plansync never
      // reactivates (or retires) a plan behind the user's back.
      onlyWhenDeclared: true,
      doc: 'ACTIVE or INACTIVE (no new subscriptions; existing ones keep running). Plans are created ACTIVE. Compared only when declared: without it, the status is left as it is.',
    },
    {
      path: 'planId',
      type: 'integer',
      mutability: { mode: 'read-only' },
      impact: 'cosmetic',
      doc: 'Numeric id assigned by BlueSnap; pin it in YAML to bind a plan to a live one.',
    },
  ],
};
