// A PayPal setup fee over real sockets: `/payment_preferences/setup_fee` is one of the seven documented
// JSON Patch paths, with no precondition (providers/paypal.md §5.4), so adding or changing a fee is one
// PATCH. PayPal patches by `replace` only, so a fee cannot be removed in place: that is blocked, with
// the ways out.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { expectExchangesFollowSpec } from '../providers/paypal/spec-check.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/v1/billing/plans';
const ID = 'P-PLANSYNCSETUPFEE00000001';

let h: ProviderHarness<PayPalEmulator> | undefined;
afterEach(async () => {
  if (!h) return;
  expectExchangesFollowSpec(h.emulator);
  await h.close();
  h = undefined;
});

const usd = (value: string) => ({ currency_code: 'USD', value });
/** The fixture's plan, with a setup fee when `fee` is given. */
const pro = (fee?: string): Record<string, unknown> => {
  const spec = paypalPlanSpec('Pro');
  if (fee === undefined) return spec;
  const preferences = spec.payment_preferences as Record<string, unknown>;
  return { ...spec, payment_preferences: { ...preferences, setup_fee: usd(fee) } };
};

async function start(liveFee: string | undefined, yamlFee: string | undefined) {
  const seed = { ...pro(liveFee), id: ID, status: 'ACTIVE' } as PayPalPlanInput;
  h = await startProviderHarness(paypalFixture, {
    seed: [seed],
    plans: plansFileYaml('pp', { pro: { id: ID, ...pro(yamlFee) } }),
  });
  return h;
}

const writes = (harness: ProviderHarness<PayPalEmulator>) =>
  harness.emulator
    .writes()
    .filter((w) => !w.path.startsWith('/v1/oauth2'))
    .map((w) => [w.method, w.path, w.body]);

describe('PayPal: setup fee', () => {
  it.each([
    { label: 'adds a setup fee to a plan without one', live: undefined, yaml: '5' },
    { label: 'changes a setup fee', live: '5', yaml: '6' },
  ])('$label with exactly one PATCH, and the next plan is empty', async ({ live, yaml }) => {
    const harness = await start(live, yaml);

    const apply = await harness.cli(['apply', '--auto-approve']);
    const again = await harness.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(writes(harness)).toEqual([
      [
        'PATCH',
        `${PLANS}/${ID}`,
        [{ op: 'replace', path: '/payment_preferences/setup_fee', value: usd(yaml) }],
      ],
    ]);
    expect(harness.emulator.plans()[0]?.payment_preferences.setup_fee).toEqual(usd(yaml));
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('blocks removing a setup fee, naming the field and the ways out, and sends nothing', async () => {
    const harness = await start('5', undefined);

    const result = await harness.cli(['apply', '--auto-approve']);

    expect(result.code).toBe(3);
    const output = result.stdout + result.stderr;
    expect(output).toContain('`payment_preferences.setup_fee` cannot be removed');
    expect(output).toContain('lifecycle.replace: true');
    expect(writes(harness)).toEqual([]);
  });
});
