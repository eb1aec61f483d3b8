// J.P. Morgan MPS rules as the planner and mapping apply them, without HTTP.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import { jpmmps } from '../../src/providers/jpmmps/index.js';
import { patchBody, toAttrs } from '../../src/providers/jpmmps/mapping.js';
import { desired, live } from '../support/fixtures.js';

const PREMIUM = {
  name: 'Premium',
  description: 'Premium sub',
  recurrentAmount: 90.99,
  currencyIsoCode: 'EUR',
  trialDurationPeriod: 1,
  trialDurationUnit: 'day',
  billingOccurrence: 1,
  billingUnit: 'month',
  billingCycles: -1,
  prepaid: true,
};
const run = (want: Record<string, unknown>, have: Record<string, unknown> = PREMIUM) =>
  plan({
    contract: jpmmps.contract,
    desired: [desired('premium', toAttrs(want))],
    live: [live('SubscriptionPlan-1', toAttrs(have))],
    options: { connection: 'jpm', provider: 'jpmmps', prune: false, describe: jpmmps.describe },
  }).items[0];

describe('J.P. Morgan MPS contract', () => {
  it('sends a trial-unit change as one PATCH with both trial fields and nothing else', () => {
    const item = run({ ...PREMIUM, trialDurationUnit: 'month' });

    expect(item?.action).toBe('update');
    expect(patchBody(item?.changes ?? [], item?.desired ?? {})).toEqual({
      trialDurationPeriod: 1,
      trialDurationUnit: 'month',
    });
  });

  it('is a no-op when only the amount notation differs and prepaid is left to its default', () => {
    const { prepaid: _prepaid, ...rest } = PREMIUM;

    expect(run({ ...rest, recurrentAmount: '90.990' })?.action).toBe('no-op');
  });

  it('blocks a prepaid change, naming the field', () => {
    const item = run({ ...PREMIUM, prepaid: false });

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.reason).toContain('`prepaid` cannot be changed');
  });

  it('blocks removing a trial, which the API cannot express', () => {
    const { trialDurationPeriod: _p, trialDurationUnit: _u, ...noTrial } = PREMIUM;

    expect(run(noTrial)?.action).toBe('blocked');
  });

  it('changes the amount in place and says its reach is unknown', () => {
    const item = run({ ...PREMIUM, recurrentAmount: 99.99 });

    expect(item?.changes).toEqual([
      expect.objectContaining({ path: 'recurrentAmount', impact: 'existing-subscribers', percent: 9.9 }),
    ]);
    expect(item?.notes.join(' ')).toContain('Unknown reach');
    expect(patchBody(item?.changes ?? [], item?.desired ?? {})).toEqual({ recurrentAmount: 99.99 });
  });

  // The seed document's PATCH sample sends `"trialDurationPeriod": 0` with `"trialDurationUnit": "day"`.
  it('reads a live trial of 0 as no trial: a YAML without one asks for nothing', () => {
    const { trialDurationPeriod: _p, trialDurationUnit: _u, ...noTrial } = PREMIUM;

    const item = run(noTrial, { ...PREMIUM, trialDurationPeriod: 0, trialDurationUnit: 'day' });

    expect(item).toMatchObject({ action: 'no-op', changes: [] });
  });

  it('adds a trial to a plan whose live trial is 0, as one PATCH of both fields', () => {
    const item = run(
      { ...PREMIUM, trialDurationPeriod: 7, trialDurationUnit: 'day' },
      { ...PREMIUM, trialDurationPeriod: 0, trialDurationUnit: 'day' },
    );

    expect(item?.action).toBe('update');
    expect(patchBody(item?.changes ?? [], item?.desired ?? {})).toEqual({
      trialDurationPeriod: 7,
      trialDurationUnit: 'day',
    });
  });
});
