// Constant Contact's rules as the planner applies them, without HTTP.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import { constantcontact } from '../../src/providers/constantcontact/index.js';
import { desired, live } from '../support/fixtures.js';

const run = (want: Record<string, unknown>, have: Record<string, unknown>) =>
  plan({
    contract: constantcontact.contract,
    desired: [desired('acme', constantcontact.desiredAttrs(want), { id: 'acme01' })],
    live: [live('acme01', have as never)],
    options: {
      connection: 'cc',
      provider: 'constantcontact',
      prune: false,
      describe: constantcontact.describe,
    },
  }).items[0];

const GOLD = { plan_type: 'GOLD', billing_status: 'Open', billing_day_of_month: 1 };
const TRIAL = { plan_type: 'TRIAL', billing_status: 'Trial' };

describe('Constant Contact contract', () => {
  it('moves an account off TRIAL with its billing day, marked irreversible', () => {
    const item = run({ plan_type: 'GOLD', billing_day_of_month: 5 }, TRIAL);

    expect(item?.action).toBe('update');
    expect(item?.changes.map((c) => [c.path, c.impact])).toEqual([
      ['plan_type', 'irreversible'],
      ['billing_day_of_month', 'irreversible'],
    ]);
    expect(item?.notes.join(' ')).toContain('can never return to TRIAL');
  });

  it('blocks a change back to TRIAL with the reason', () => {
    const item = run({ plan_type: 'TRIAL' }, GOLD);

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.reason).toContain('never return to TRIAL');
  });

  it('reports a billing day difference off TRIAL as drift and sends nothing', () => {
    const item = run({ plan_type: 'GOLD', billing_day_of_month: 15 }, GOLD);

    expect(item?.action).toBe('no-op');
    expect(item?.notes.join(' ')).toContain('drift on `billing_day_of_month`');
  });

  it('ignores billing day and status when the YAML does not declare them', () => {
    expect(run({ plan_type: 'GOLD' }, GOLD)?.action).toBe('no-op');
  });

  it('blocks a plan_type edit on a Canceled account that does not ask to reactivate', () => {
    const item = run({ plan_type: 'SILVER' }, { plan_type: 'BRONZE', billing_status: 'Canceled' });

    expect(item?.action).toBe('blocked');
    expect(item?.blockers[0]?.wayOut).toContain('billing_status: Open');
  });

  it('reactivates a Canceled account only when the YAML says billing_status Open', () => {
    const item = run(
      { plan_type: 'BRONZE', billing_status: 'Open' },
      { plan_type: 'BRONZE', billing_status: 'Canceled' },
    );

    expect(item?.action).toBe('update');
    expect(item?.changes).toEqual([
      expect.objectContaining({
        path: 'billing_status',
        via: 'reactivate (PUT plan)',
        impact: 'irreversible',
      }),
    ]);
  });

  it('never cancels', () => {
    expect(run({ plan_type: 'GOLD', billing_status: 'Canceled' }, GOLD)?.action).toBe('blocked');
  });

  it('blocks an account that does not exist', () => {
    const item = plan({
      contract: constantcontact.contract,
      desired: [desired('ghost', { plan_type: 'GOLD' }, { id: 'nope' })],
      live: [],
      options: { connection: 'cc', provider: 'constantcontact', prune: false },
    }).items[0];

    expect(item?.action).toBe('blocked');
  });
});
