// `plansync compare A B` over real sockets: a project with `sandbox` and `production` environments for
// PayPal and BlueSnap, one emulator per provider and environment. A plan live only in the sandbox and
// a price that differs are reported (exit 2); once production receives the sandbox's plans, nothing
// is (exit 0), though each environment's PayPal product id differs throughout.

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/config/schema-store.js';
import type { PlanComparison } from '../../src/core/environment-diff.js';
import type { PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { blueSnapSeedPlan } from '../providers/bluesnap/fixture.js';
import { paypalPlanSpec } from '../providers/paypal/fixture.js';
import { startEnvironments, type EnvironmentName, type Environments } from '../support/environments.js';
import { plansFileYaml } from '../support/provider-harness.js';

const PRODUCT = { sandbox: 'PROD-SBX0000001', production: 'PROD-PRD0000001' };

/** A PayPal plan declared once, its product id per environment. */
function paypalPlan(name: string, price: string): Record<string, unknown> {
  const { product_id: _product, ...spec } = paypalPlanSpec(name, price);
  return {
    ...spec,
    environments: {
      sandbox: { product_id: PRODUCT.sandbox },
      production: { product_id: PRODUCT.production },
    },
  };
}

const PP_PLANS = plansFileYaml('pp', { pro: paypalPlan('Pro', '24.00'), basic: paypalPlan('Basic', '9.99') });
const gold = {
  name: 'Gold',
  recurringChargeAmount: 29.99,
  currency: 'USD',
  chargeFrequency: 'MONTHLY' as const,
  gracePeriodDays: 7,
};
const BS_PLANS = plansFileYaml('bs', {
  gold,
  team: { ...gold, name: 'Team', recurringChargeAmount: 49 },
});

type World = Environments & {
  /** Applies the YAML to one environment through the engine, as `apply --env NAME --force` does. */
  apply(environment: EnvironmentName): Promise<void>;
};

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function startWorld(
  seed: { paypalProduction?: PayPalPlanInput[]; bluesnapGraceDays?: number } = {},
): Promise<World> {
  const environments = await startEnvironments({
    connections: { paypal: 'pp', bluesnap: 'bs' },
    plans: { 'pp.yaml': PP_PLANS, 'bs.yaml': BS_PLANS },
    paypal: {
      sandbox: { products: [PRODUCT.sandbox] },
      production: { products: [PRODUCT.production], seed: seed.paypalProduction ?? [] },
    },
    bluesnap: {
      production: {
        seed:
          seed.bluesnapGraceDays === undefined
            ? []
            : [blueSnapSeedPlan(500, { ...gold, gracePeriodDays: seed.bluesnapGraceDays })],
      },
    },
  });
  return Object.assign(environments, {
    async apply(environment: EnvironmentName) {
      const run = await environments.runApply(environment, { force: true });
      expect(run.outcome, JSON.stringify(run.results)).toBe('applied');
    },
  });
}

interface CompareJson {
  environments: { a: string; b: string };
  differences: boolean;
  summary: Record<string, number>;
  connections: Array<{ connection: string; provider: string; plans: PlanComparison[] }>;
}

function schemaProblems(data: unknown): string[] {
  const validate = schemaValidator('compare.v1.schema.json');
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}

function plansOf(report: CompareJson, connection: string): Record<string, PlanComparison> {
  const plans = report.connections.find((c) => c.connection === connection)?.plans ?? [];
  return Object.fromEntries(plans.map((plan) => [plan.key, plan]));
}

/**
 * Production as it was before the sandbox rehearsed the change: PayPal's Pro at 19.99 (a BlueSnap price
 * cannot change in place), BlueSnap's Gold with a grace period of 5 days.
 */
const productionBefore = {
  paypalProduction: [
    {
      ...paypalPlanSpec('Pro', '19.99'),
      product_id: PRODUCT.production,
      id: 'P-PRODUCTIONPRO0000000001',
      status: 'ACTIVE',
    } as PayPalPlanInput,
  ],
  bluesnapGraceDays: 5,
};

describe('plansync compare', () => {
  it('reports a plan live only in sandbox and a price that differs, exit 2; none after promotion, exit 0', async () => {
    world = await startWorld(productionBefore);
    await world.apply('sandbox');

    const json = await world.cli(['compare', 'sandbox', 'production', '--format', 'json']);

    expect(json.code, json.stderr).toBe(2);
    const report = JSON.parse(json.stdout) as CompareJson;
    expect(schemaProblems(report)).toEqual([]);
    // The schema is strict: it would catch the output drifting from it.
    expect(schemaProblems({ ...report, extra: 1 })).toEqual(['/: must NOT have additional properties']);
    expect(report.environments).toEqual({ a: 'sandbox', b: 'production' });
    expect(report.differences).toBe(true);
    const pp = plansOf(report, 'pp');
    expect(pp.basic).toMatchObject({
      status: 'only-in',
      onlyIn: 'a',
      a: { live: true, action: 'no-op', pending: false },
      b: { live: false, action: 'create', pending: true },
      rehearsed: true,
      different: true,
    });
    // The price differs; the product id (environment-bound) does not count, nor does the plan id.
    expect(pp.pro).toMatchObject({
      status: 'differs',
      b: { live: true, id: 'P-PRODUCTIONPRO0000000001', action: 'update', pending: true },
      rehearsed: true,
      environmentBound: ['product_id'],
    });
    expect(pp.pro?.fields).toEqual([
      {
        path: 'billing_cycles[1].pricing_scheme.fixed_price',
        // As PayPal holds it; the human output shows it as the plan does (24.00 USD).
        a: { amount: '24', currency: 'USD' },
        b: { amount: '19.99', currency: 'USD' },
      },
    ]);
    const bs = plansOf(report, 'bs');
    expect(bs.gold?.status).toBe('differs');
    expect(bs.gold?.fields).toEqual([{ path: 'gracePeriodDays', a: 7, b: 5 }]);
    expect(bs.team).toMatchObject({ status: 'only-in', onlyIn: 'a' });
    expect(report.summary).toMatchObject({ plans: 4, onlyIn: 2, differs: 2, same: 0, rehearsed: 4 });

    const human = await world.cli(['compare', 'sandbox', 'production']);
    expect(human.code).toBe(2);
    expect(human.stdout).toContain('pp (paypal): sandbox vs production\n');
    expect(human.stdout).toMatch(/ {2}basic: only in sandbox \(sandbox plan P-\w+\)\n/);
    expect(human.stdout).toContain(
      '    billing_cycles[1].pricing_scheme.fixed_price: sandbox 24.00 USD, production 19.99 USD\n',
    );
    expect(human.stdout).toContain('    gracePeriodDays: sandbox 7, production 5\n');
    expect(human.stdout).toContain('rehearsed in sandbox, not yet promoted: production has pending changes');
    expect(human.stdout).not.toContain('product_id');

    await world.apply('production');
    const after = await world.cli(['compare', 'sandbox', 'production', '--json']);
    const afterHuman = await world.cli(['compare', 'sandbox', 'production']);

    expect(after.code, after.stdout).toBe(0);
    const settled = JSON.parse(after.stdout) as CompareJson;
    expect(schemaProblems(settled)).toEqual([]);
    expect(settled.differences).toBe(false);
    expect(settled.summary).toMatchObject({ plans: 4, same: 4, different: 0, rehearsed: 0 });
    // Each environment's Pro still sits under its own product: not a difference.
    expect(world.paypal.production.plans().map((p) => p.product_id)).toEqual([
      PRODUCT.production,
      PRODUCT.production,
    ]);
    expect(afterHuman.code).toBe(0);
    expect(afterHuman.stdout).toContain('pp (paypal): sandbox vs production\n  the same in both: 2 plans\n');
    expect(afterHuman.stdout).toContain(
      'No differences: sandbox and production hold the same 4 declared plan(s), beyond ids and environment-bound values.',
    );
  });

  it('says which environment holds the YAML when the other is ahead of it', async () => {
    world = await startWorld(productionBefore);
    await world.apply('sandbox');

    const result = await world.cli(['compare', 'production', 'sandbox', '--json']);
    const human = await world.cli(['compare', 'production', 'sandbox']);

    expect(result.code).toBe(2);
    const pro = plansOf(JSON.parse(result.stdout) as CompareJson, 'pp').pro;
    expect(pro).toMatchObject({ rehearsed: false, a: { pending: true }, b: { pending: false } });
    expect(human.stdout).toContain('  basic: only in sandbox (sandbox plan P-');
    expect(human.stdout).toContain(
      '    billing_cycles[1].pricing_scheme.fixed_price: production 19.99 USD, sandbox 24.00 USD\n    production has pending changes (update), sandbox holds the YAML\n',
    );
  });

  it('refuses an unknown environment, the same one twice, and --env, exit 1, reading nothing', async () => {
    world = await startWorld();

    const unknown = await world.cli(['compare', 'sandbox', 'prodution']);
    const same = await world.cli(['compare', 'sandbox', 'sandbox']);
    const env = await world.cli(['--env', 'sandbox', 'compare', 'sandbox', 'production']);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'Error: unknown environment `prodution`: plansync.yaml declares sandbox, production (did you mean `production`?)\n',
    );
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('compare needs two different environments; both are `sandbox`');
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('compare takes its two environments as arguments');
    expect(world.paypal.sandbox.log.length + world.paypal.production.log.length).toBe(0);
    expect(world.bluesnap.sandbox.log.length + world.bluesnap.production.log.length).toBe(0);
  });

  it('says compare needs environments in a project without them', async () => {
    world = await startWorld();
    await writeFile(
      join(world.dir, 'plansync.yaml'),
      'version: 1\nconnections:\n  bs:\n    provider: bluesnap\n    credentials: { username: BS_SBX_USER, password: BS_SBX_PASS }\n',
    );
    await rm(join(world.dir, 'plans', 'pp.yaml'));

    const result = await world.cli(['compare', 'sandbox', 'production']);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Error: compare needs environments: plansync.yaml declares none. Declare them under `environments:` (see docs/environments.md)\n',
    );
  });
});
