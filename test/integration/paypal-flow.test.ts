// The CLI end to end against the PayPal emulator over real sockets: exact requests per scenario, and
// every request plansync sent and every response the emulator returned checked against PayPal's
// official OpenAPI document (skipped, with a message, where ../shared is absent).

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { checkExchange, specAvailable, SPEC_MISSING_MESSAGE, type Exchange } from '../support/openapi.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/v1/billing/plans';
const ID = 'P-PLANSYNCTEST000000000001';
let h: ProviderHarness<PayPalEmulator>;
/** Every exchange of the current test, kept across clearLog() calls for the spec check. */
let exchanges: Exchange[] = [];
const skipped = new Set<string>();

afterEach(async () => {
  if (!h) return;
  exchanges.push(...(h.emulator.log as unknown as Exchange[]));
  await h.close();
  if (!specAvailable()) {
    console.warn(SPEC_MISSING_MESSAGE);
    return;
  }
  const violations = exchanges.flatMap((exchange) => {
    const check = checkExchange(exchange);
    if (check.skipped) skipped.add(check.skipped.replace(/P-\w+/, '{id}'));
    return check.violations.map((v) => `${exchange.method} ${exchange.path}: ${v}`);
  });
  exchanges = [];
  expect(violations, 'requests and responses must conform to the PayPal OpenAPI document').toEqual([]);
});

function clearLog(): void {
  exchanges.push(...(h.emulator.log as unknown as Exchange[]));
  h.emulator.clearLog();
}

const seed = (spec: Record<string, unknown>, extra: Partial<PayPalPlanInput> = {}): PayPalPlanInput =>
  ({ ...spec, id: ID, status: 'ACTIVE', ...extra }) as PayPalPlanInput;
const yaml = (plans: Record<string, Record<string, unknown>>) => plansFileYaml('pp', plans);
const start = async (
  seeds: PayPalPlanInput[],
  plans: Record<string, Record<string, unknown>>,
  emulator = {},
) => {
  h = await startProviderHarness(paypalFixture, { seed: seeds, plans: yaml(plans), emulator });
};
const writes = () => h.emulator.writes().filter((w) => !w.path.startsWith('/v1/oauth2'));

describe('PayPal: minimal requests', () => {
  it('changes a name with exactly one PATCH carrying one operation', async () => {
    await start([seed(paypalPlanSpec('Pro'))], { pro: { id: ID, ...paypalPlanSpec('Pro 2026') } });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(writes().map((w) => [w.method, w.path, w.body])).toEqual([
      ['PATCH', `${PLANS}/${ID}`, [{ op: 'replace', path: '/name', value: 'Pro 2026' }]],
    ]);
  });

  it('changes a price with exactly one pricing update and no PATCH, saying who it reaches', async () => {
    await start([seed(paypalPlanSpec('Pro', '19.99'))], { pro: paypalPlanSpec('Pro', '24') });

    const plan = await h.cli(['plan']);
    clearLog();
    await h.cli(['apply', '--auto-approve']);

    expect(plan.stdout).toContain('19.99 USD → 24.00 USD (+20.1%)');
    expect(plan.stdout).toContain('existing subscribers');
    expect(plan.stdout).toContain('10-day notice');
    expect(writes().map((w) => [w.method, w.path, w.body])).toEqual([
      [
        'POST',
        `${PLANS}/${ID}/update-pricing-schemes`,
        {
          pricing_schemes: [
            {
              billing_cycle_sequence: 1,
              pricing_scheme: { fixed_price: { currency_code: 'USD', value: '24' } },
            },
          ],
        },
      ],
    ]);
  });

  it('sends nothing but one token request and the list for a no-op', async () => {
    await start([seed(paypalPlanSpec('Pro', '19.99'))], { pro: paypalPlanSpec('Pro', '19.990') });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.stdout).toContain('Nothing to apply');
    expect(h.requests()).toEqual(['POST /v1/oauth2/token', `GET ${PLANS}`]);
  });

  it('reads only the declared products, one GET per plan the list returns minimal', async () => {
    const other = {
      ...paypalPlanSpec('Other'),
      product_id: 'PROD-OTHERPRODUCT00001',
      id: 'P-OTHERPLAN00000000000000001',
    };
    await start(
      [seed(paypalPlanSpec('Pro')), other as PayPalPlanInput],
      { pro: paypalPlanSpec('Pro') },
      { listRepresentation: 'minimal', products: ['PROD-PLANSYNCDEMO00001', 'PROD-OTHERPRODUCT00001'] },
    );

    const result = await h.cli(['plan']);

    expect(result.stdout).toContain('1 live plan read');
    expect(h.requests()).toEqual(['POST /v1/oauth2/token', `GET ${PLANS}`, `GET ${PLANS}/${ID}`]);
    expect(h.emulator.log[1]?.query.product_id).toBe('PROD-PLANSYNCDEMO00001');
  });
});

describe('PayPal: pagination', () => {
  it('follows pages of 20 until the last and sees every plan', async () => {
    const seeds = Array.from({ length: 45 }, (_, i) =>
      seed(paypalPlanSpec(`Plan ${i}`), { id: `P-PAGE${String(i).padStart(20, '0')}` }),
    );
    await start(seeds, { p7: paypalPlanSpec('Plan 7') });

    const result = await h.cli(['plan']);

    expect(result.stdout).toContain('45 live plans read');
    expect(result.stdout).toContain('44 live plans not declared in YAML');
    expect(h.emulator.log.filter((e) => e.method === 'GET').map((e) => e.query.page)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });
});

describe('PayPal: status rules', () => {
  it('activates an INACTIVE plan before patching it', async () => {
    await start([seed(paypalPlanSpec('Pro'), { status: 'INACTIVE' })], {
      pro: { id: ID, ...paypalPlanSpec('Pro'), description: 'Back', status: 'ACTIVE' },
    });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST ${PLANS}/${ID}/activate`,
      `PATCH ${PLANS}/${ID}`,
    ]);
  });

  it('patches a plan before deactivating it', async () => {
    await start([seed(paypalPlanSpec('Pro'))], {
      pro: { ...paypalPlanSpec('Pro'), description: 'Retired', status: 'INACTIVE' },
    });

    await h.cli(['apply', '--auto-approve']);

    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH ${PLANS}/${ID}`,
      `POST ${PLANS}/${ID}/deactivate`,
    ]);
  });

  it('blocks a change to a plan that stays INACTIVE, never activating it', async () => {
    await start([seed(paypalPlanSpec('Pro'), { status: 'INACTIVE' })], {
      pro: { ...paypalPlanSpec('Pro'), description: 'x', status: 'INACTIVE' },
    });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain('PLAN_STATUS_INACTIVE');
    expect(writes()).toEqual([]);
  });

  it('blocks a billing frequency change, naming the field', async () => {
    const yearly = paypalPlanSpec('Pro');
    (yearly.billing_cycles as Array<Record<string, unknown>>)[0]!.frequency = {
      interval_unit: 'YEAR',
      interval_count: 1,
    };
    await start([seed(paypalPlanSpec('Pro'))], { pro: yearly });

    const result = await h.cli(['plan']);

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('`billing_cycles[1].frequency` cannot be changed');
  });
});

describe('PayPal: auth', () => {
  it('reuses one token for a whole run', async () => {
    await start([], { a: paypalPlanSpec('A'), b: paypalPlanSpec('B'), c: paypalPlanSpec('C') });

    await h.cli(['apply', '--auto-approve']);

    expect(h.requests().filter((r) => r.startsWith('POST /v1/oauth2/token'))).toHaveLength(1);
    expect(h.emulator.plans()).toHaveLength(3);
  });

  it('fetches a new token once when the token expires mid-run, and finishes', async () => {
    await start([seed(paypalPlanSpec('Pro'))], { pro: { id: ID, ...paypalPlanSpec('Pro 2026') } });
    h.emulator.faults.inject({ method: 'GET', path: PLANS, fault: { kind: 'delay', ms: 1 } });
    const expire = setInterval(() => {
      if (h.emulator.log.some((e) => e.method === 'GET')) {
        h.emulator.expireTokens();
        clearInterval(expire);
      }
    }, 1);

    const result = await h.cli(['apply', '--auto-approve']);
    clearInterval(expire);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(h.requests().filter((r) => r.startsWith('POST /v1/oauth2/token'))).toHaveLength(2);
    expect(h.emulator.plans()[0]?.name).toBe('Pro 2026');
  });

  it('says the credentials were rejected, naming the variables and never the values', async () => {
    await start([], { pro: paypalPlanSpec('Pro') });

    const result = await h.cli(['plan'], { env: { ...h.env, PP_CLIENT_SECRET: 'wrong-secret-value' } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid_client');
    expect(result.stderr).toContain('check PP_CLIENT_ID, PP_CLIENT_SECRET');
    expect(result.stderr).not.toContain('wrong-secret-value');
  });
});
