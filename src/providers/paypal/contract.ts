// PayPal's mutability contract (providers/paypal.md §5): seven JSON Patch paths, pricing through
// update-pricing-schemes, status through activate/deactivate, everything else fixed at creation.
// Billing cycles are flattened by sequence: `billing_cycles[2].pricing_scheme.fixed_price` is the
// pricing of the cycle with sequence 2. PayPal allows at most 2 trials and 1 regular cycle: 3 slots.

import type { Condition, Contract, FieldRule } from '../../core/contract.js';
import { isMoney } from '../../core/value.js';

export const MAX_CYCLES = 3;

/** INACTIVE now, and the YAML does not ask for another status (absent `status` leaves it as it is). */
const staysInactive = (live: Record<string, unknown>, desired: Record<string, unknown>) =>
  live.status === 'INACTIVE' && (desired.status ?? live.status) === 'INACTIVE';

const inactiveBlocker = (path: string) => ({
  verdict: 'blocked' as const,
  reason: `\`${path}\` cannot change on an INACTIVE PayPal plan: PayPal accepts only status changes there (PLAN_STATUS_INACTIVE)`,
  wayOut:
    'set `status: ACTIVE` to activate the plan first (plansync activates, then updates), or revert the change',
});

/** JSON Patch `replace` fields: not while the plan stays INACTIVE. */
const patchable: Condition = {
  via: 'JSON Patch',
  description: 'JSON Patch `replace`; not while the plan stays INACTIVE (PLAN_STATUS_INACTIVE)',
  check({ path, live, desired }) {
    return staysInactive(live, desired) ? inactiveBlocker(path) : { verdict: 'allowed' };
  },
};

/**
 * A value PATCH can replace but not add or remove: `taxes.percentage` (inferred: `replace` needs the
 * field to exist, and a plan without taxes has no `taxes` object to hold it, nor its `inclusive`).
 */
const patchableExisting: Condition = {
  via: 'JSON Patch',
  description:
    'JSON Patch `replace` of an existing value; adding or removing it needs a new plan (inferred); not while INACTIVE',
  check(context) {
    const { path, before, after } = context;
    if (before === undefined || after === undefined) {
      const verb = before === undefined ? 'added to' : 'removed from';
      return {
        verdict: 'needs-replacement',
        reason: `\`${path}\` cannot be ${verb} an existing PayPal plan (JSON Patch replaces only)`,
      };
    }
    return patchable.check(context);
  },
};

/**
 * The setup fee: `replace /payment_preferences/setup_fee` is one of the seven documented patch paths,
 * with no precondition, so it sets a fee on a plan that has none as well as changing one. PayPal patches
 * by `replace` only (no `remove`), so a fee cannot be taken off in place: a fee of 0 can be set instead.
 */
const setupFee: Condition = {
  via: 'JSON Patch',
  description:
    'JSON Patch `replace`, which also adds a fee to a plan without one; removing it needs a new plan (PayPal patches by `replace` only; a fee of 0 is one PATCH); not while INACTIVE',
  check(context) {
    const { path, before, after } = context;
    if (after === undefined) {
      return {
        verdict: 'needs-replacement',
        reason: `\`${path}\` cannot be removed from an existing PayPal plan: PayPal patches by \`replace\` only (declaring a fee of 0 is one PATCH)`,
      };
    }
    if (isMoney(before) && isMoney(after) && before.currency !== after.currency) {
      return {
        verdict: 'needs-replacement',
        reason: `the currency of \`${path}\` cannot change: a PayPal plan has one currency`,
      };
    }
    return patchable.check(context);
  },
};

/** update-pricing-schemes: same scheme type and currency, existing cycle, not while INACTIVE. */
const pricing: Condition = {
  via: 'update-pricing-schemes',
  description:
    '`update-pricing-schemes` for an existing cycle, keeping the scheme type (fixed or tiered) and the currency; adding or removing a price (free ↔ paid) needs a new plan; not while INACTIVE',
  check(context) {
    const { path, before, after, live, desired } = context;
    if (before === undefined || after === undefined) {
      return {
        verdict: 'needs-replacement',
        reason: `\`${path}\` cannot be ${before === undefined ? 'added' : 'removed'}: PayPal keeps a cycle's scheme type (free, fixed or tiered) and its currency`,
      };
    }
    const currency = (value: unknown) =>
      isMoney(value) ? value.currency : JSON.stringify(value).match(/"currency":"([A-Z]{3})"/)?.[1];
    if (currency(before) !== currency(after)) {
      return {
        verdict: 'needs-replacement',
        reason: `the currency of \`${path}\` cannot change (CURRENCY_MISMATCH): a PayPal plan has one currency`,
      };
    }
    return staysInactive(live, desired) ? inactiveBlocker(path) : { verdict: 'allowed' };
  },
};

const statusTransition: Condition = {
  via: 'activate/deactivate',
  description:
    '`activate` (from CREATED or INACTIVE) and `deactivate` (from ACTIVE); nothing returns to CREATED',
  check({ before, after }) {
    if (after === 'CREATED') {
      return {
        verdict: 'blocked',
        reason: 'a PayPal plan cannot return to CREATED',
        wayOut: 'use ACTIVE or INACTIVE',
      };
    }
    if (before === 'CREATED' && after === 'INACTIVE') {
      return {
        verdict: 'blocked',
        reason: 'PayPal deactivates only ACTIVE plans, and plansync never activates a plan behind your back',
        wayOut: 'set `status: ACTIVE` first (one apply), then INACTIVE',
      };
    }
    return { verdict: 'allowed' };
  },
};

function cycleFields(n: number): FieldRule[] {
  const at = `billing_cycles[${n}]`;
  const fixed = (
    field: string,
    type: FieldRule['type'],
    doc: string,
    extra: Partial<FieldRule> = {},
  ): FieldRule => ({
    path: `${at}.${field}`,
    type,
    mutability: { mode: 'create-only' },
    impact: 'new-subscribers',
    doc,
    ...extra,
  });
  const priced = (field: string, type: FieldRule['type'], doc: string): FieldRule => ({
    path: `${at}.pricing_scheme.${field}`,
    type,
    mutability: { mode: 'conditional', condition: 'pricing' },
    impact: 'existing-subscribers',
    doc,
  });
  return [
    fixed('tenure_type', 'enum', `Cycle ${n}: TRIAL or REGULAR. Fixed at creation.`),
    fixed('frequency', 'json', `Cycle ${n}: interval_unit and interval_count. Fixed at creation.`),
    fixed(
      'total_cycles',
      'integer',
      `Cycle ${n}: times the cycle runs (0 = forever for REGULAR). Fixed at creation.`,
      { default: 1 },
    ),
    priced(
      'fixed_price',
      'money',
      `Cycle ${n}: flat price. Existing subscribers are notified and pay it after PayPal's notice period.`,
    ),
    priced('pricing_model', 'enum', `Cycle ${n}: VOLUME or TIERED (with tiers).`),
    priced('tiers', 'json', `Cycle ${n}: quantity tiers and their amounts.`),
  ];
}

const patch = (
  path: string,
  type: FieldRule['type'],
  impact: FieldRule['impact'],
  doc: string,
  extra: Partial<FieldRule> = {},
): FieldRule => ({
  path,
  type,
  mutability: { mode: 'conditional', condition: 'patchable' },
  impact,
  doc,
  ...extra,
});

export const paypalContract: Contract = {
  provider: 'paypal',
  identity: { idField: 'id', naturalKey: ['product_id', 'name'] },
  status: { path: 'status', active: 'ACTIVE', retired: 'INACTIVE' },
  capabilities: { create: true, update: true, retire: 'deactivate', replace: true, reads: 'list' },
  conditions: {
    patchable,
    'patchable-existing': patchableExisting,
    'setup-fee': setupFee,
    pricing,
    'status-transition': statusTransition,
  },
  fields: [
    {
      path: 'product_id',
      type: 'text',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      doc: 'Catalog product the plan belongs to. Fixed at creation.',
    },
    patch('name', 'text', 'cosmetic', 'Plan name (1–127). JSON Patch `/name`.'),
    patch('description', 'text', 'cosmetic', 'Plan description (1–127). JSON Patch `/description`.'),
    {
      path: 'status',
      type: 'enum',
      mutability: { mode: 'conditional', condition: 'status-transition' },
      impact: 'new-subscribers',
      // State, not configuration: plansync never activates or deactivates a plan the YAML does not
      // ask it to. A create without it sends ACTIVE, PayPal's default (mapping.createBody).
      onlyWhenDeclared: true,
      doc: 'CREATED, ACTIVE or INACTIVE (no new subscriptions; existing ones keep billing). Compared only when declared: without it the plan keeps its status, and a new plan is created ACTIVE.',
    },
    {
      path: 'quantity_supported',
      type: 'boolean',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      default: false,
      doc: 'Whether subscribers choose a quantity (required for tiers). Fixed at creation.',
    },
    patch(
      'payment_preferences.auto_bill_outstanding',
      'boolean',
      'existing-subscribers',
      'Bill outstanding amounts at the next cycle. JSON Patch.',
      { default: true },
    ),
    patch(
      'payment_preferences.payment_failure_threshold',
      'integer',
      'existing-subscribers',
      'Failed payments before suspension (0–999). JSON Patch.',
      { default: 0 },
    ),
    {
      ...patch(
        'payment_preferences.setup_fee',
        'money',
        'new-subscribers',
        'One-time fee at sign-up. JSON Patch `/payment_preferences/setup_fee`, also to add one.',
      ),
      mutability: { mode: 'conditional', condition: 'setup-fee' },
    },
    patch(
      'payment_preferences.setup_fee_failure_action',
      'enum',
      'new-subscribers',
      'CONTINUE or CANCEL when the setup fee fails. JSON Patch.',
      { default: 'CANCEL' },
    ),
    {
      ...patch(
        'taxes.percentage',
        'decimal',
        'existing-subscribers',
        'Tax rate in percent. JSON Patch `/taxes/percentage`.',
      ),
      mutability: { mode: 'conditional', condition: 'patchable-existing' },
    },
    {
      path: 'taxes.inclusive',
      type: 'boolean',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      doc: 'Whether prices include tax (PayPal default true when taxes are set). Fixed at creation.',
    },
    ...Array.from({ length: MAX_CYCLES }, (_, i) => cycleFields(i + 1)).flat(),
  ],
};
