// J.P. Morgan MPS subscription plans (providers/jpmmps.md §3, §4.4): PATCH of changed fields, where
// each pair (trial period + unit, billing occurrence + unit) travels together; `prepaid` is fixed at
// creation; amount and currency change in place, with an undocumented reach.

import type { Condition, Contract } from '../../core/contract.js';

export const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['trialDurationPeriod', 'trialDurationUnit'],
  ['billingOccurrence', 'billingUnit'],
];

const trial: Condition = {
  description:
    'PATCH, with its partner field; a trial can be added but not removed (no null semantics documented: needs a new plan)',
  check({ path, before, after }) {
    if (before !== undefined && after === undefined) {
      return {
        verdict: 'needs-replacement',
        reason: `\`${path}\` cannot be removed from an existing plan: the API has no way to clear a trial`,
      };
    }
    return { verdict: 'allowed' };
  },
};

const field = (
  path: string,
  type: 'text' | 'integer' | 'enum' | 'decimal',
  impact: 'cosmetic' | 'existing-subscribers',
  doc: string,
) => ({
  path,
  type,
  mutability: { mode: 'in-place' as const },
  impact,
  doc,
});

export const jpmmpsContract: Contract = {
  provider: 'jpmmps',
  identity: { idField: 'id', naturalKey: ['name'] },
  capabilities: { create: true, update: true, retire: 'delete', replace: true, reads: 'list' },
  conditions: { trial },
  fields: [
    field('name', 'text', 'cosmetic', 'Plan name (≤255). PATCH.'),
    field('description', 'text', 'cosmetic', 'Description (≤255). PATCH.'),
    {
      ...field(
        'recurrentAmount',
        'decimal',
        'existing-subscribers',
        'Amount billed every period (≤2 decimals). PATCH; whether existing subscriptions pick it up is not documented (unknown reach).',
      ),
      currencyField: 'currencyIsoCode',
    },
    field('currencyIsoCode', 'enum', 'existing-subscribers', 'ISO 4217 currency. PATCH; reach undocumented.'),
    {
      ...field(
        'trialDurationPeriod',
        'integer',
        'existing-subscribers',
        'Trial length (1–28), sent with its unit.',
      ),
      mutability: { mode: 'conditional', condition: 'trial' },
      impact: 'new-subscribers',
    },
    {
      ...field(
        'trialDurationUnit',
        'enum',
        'existing-subscribers',
        'day, month or year, sent with the period.',
      ),
      mutability: { mode: 'conditional', condition: 'trial' },
      impact: 'new-subscribers',
    },
    field(
      'billingOccurrence',
      'integer',
      'existing-subscribers',
      'Interval count (with billingUnit: every N units), sent with its unit.',
    ),
    field('billingUnit', 'enum', 'existing-subscribers', 'day, month or year, sent with the occurrence.'),
    field(
      'billingCycles',
      'integer',
      'existing-subscribers',
      'Number of charges (−1 = unlimited). PATCH; reach undocumented.',
    ),
    field(
      'merchantMetadata',
      'text',
      'cosmetic',
      'Free text stored on the plan (≤255). PATCH; dropping it sends an empty string.',
    ),
    {
      path: 'prepaid',
      type: 'boolean',
      mutability: { mode: 'create-only' },
      impact: 'new-subscribers',
      default: true,
      doc: 'Pre-paid (true, the default) or post-paid. "Once created … cannot be updated": needs a new plan.',
    },
  ],
};
