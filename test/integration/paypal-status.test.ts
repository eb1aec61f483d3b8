// A PayPal plan whose YAML has no `status`, over real sockets: the status is left as it is. Only an
// explicit `status` activates or deactivates a plan, whatever else changes (docs/configuration.md, PayPal rules: plansync never
// activates a plan behind your back). An INACTIVE plan accepts only status changes (PLAN_STATUS_INACTIVE),
// so another change to it is blocked with the way out; a CREATED plan is patched and repriced as is.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { expectExchangesFollowSpec } from '../providers/paypal/spec-check.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/v1/billing/plans';
const ID = 'P-PLANSYNCSTATUSABSENT0001';

let h: ProviderHarness<PayPalEmulator> | undefined;
afterEach(async () => {
  if (!h) return;
  expectExchangesFollowSpec(h.emulator);
  await h.close();
  h = undefined;
});

type Status = 'ACTIVE' | 'INACTIVE' | 'CREATED';

/** The YAML changes tried against each live status: none, one PATCH path, one price. */
const CHANGES = {
  nothing: paypalPlanSpec('Pro', '19.99'),
  'a description': { ...paypalPlanSpec('Pro', '19.99'), description: 'Now with support' },
  'a price': paypalPlanSpec('Pro', '21'),
} as const;
type Change = keyof typeof CHANGES;

async function start(status: Status, change: Change) {
  const seed = { ...paypalPlanSpec('Pro', '19.99'), id: ID, status } as PayPalPlanInput;
  // No `status` key: the point of every test here.
  const spec = CHANGES[change];
  expect(spec).not.toHaveProperty('status');
  h = await startProviderHarness(paypalFixture, {
    seed: [seed],
    plans: plansFileYaml('pp', { pro: { id: ID, ...spec } }),
  });
  return h;
}

const statusRequests = (harness: ProviderHarness<PayPalEmulator>) =>
  harness.requests().filter((request) => /\/(activate|deactivate)$/.test(request));
const writes = (harness: ProviderHarness<PayPalEmulator>) =>
  harness.writes().filter((write) => !write.includes('/v1/oauth2'));
const liveStatus = (harness: ProviderHarness<PayPalEmulator>) => harness.emulator.plans()[0]?.status;

describe('PayPal: a YAML plan without status', () => {
  it.each([
    { status: 'ACTIVE', change: 'nothing', sent: [] },
    { status: 'INACTIVE', change: 'nothing', sent: [] },
    { status: 'CREATED', change: 'nothing', sent: [] },
    { status: 'ACTIVE', change: 'a description', sent: [`PATCH ${PLANS}/${ID}`] },
    { status: 'CREATED', change: 'a description', sent: [`PATCH ${PLANS}/${ID}`] },
    { status: 'CREATED', change: 'a price', sent: [`POST ${PLANS}/${ID}/update-pricing-schemes`] },
  ] as const)(
    'leaves a live $status plan as it is when the YAML changes $change; the next plan is empty',
    async ({ status, change, sent }) => {
      const harness = await start(status, change);

      const apply = await harness.cli(['apply', '--auto-approve']);
      const again = await harness.cli(['plan', '--detailed-exitcode']);

      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      expect(writes(harness)).toEqual(sent);
      expect(statusRequests(harness)).toEqual([]);
      expect(liveStatus(harness)).toBe(status);
      expect(again.code, again.stdout + again.stderr).toBe(0);
    },
  );

  it.each(['a description', 'a price'] as const)(
    'blocks %s on a live INACTIVE plan, saying how to activate it, and sends nothing',
    async (change) => {
      const harness = await start('INACTIVE', change);

      const result = await harness.cli(['apply', '--auto-approve']);

      expect(result.code).toBe(3);
      const output = result.stdout + result.stderr;
      expect(output).toContain('PLAN_STATUS_INACTIVE');
      expect(output).toContain('set `status: ACTIVE` to activate the plan first');
      expect(writes(harness)).toEqual([]);
      expect(liveStatus(harness)).toBe('INACTIVE');
    },
  );

  it('creates a new plan ACTIVE, as PayPal does without a status, and the next plan is empty', async () => {
    h = await startProviderHarness(paypalFixture, {
      plans: plansFileYaml('pp', { fresh: paypalPlanSpec('Fresh') }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(statusRequests(h)).toEqual([]);
    expect(h.emulator.plans().map((plan) => plan.status)).toEqual(['ACTIVE']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});
