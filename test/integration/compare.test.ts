// `plansync compare A B` over real sockets: a project with `sandbox` and `production` environments for
// PayPal and BlueSnap, one emulator per provider and environment. A plan live only in the sandbox and
// a price that differs are reported (exit 2); once production receives the sandbox's plans, nothing
// is (exit 0), though each environment's PayPal product id differs throughout.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/config/schema-store.js';
import type { PlanComparison } from '../../src/core/environment-diff.js';
import { runApply } from '../../src/engine/run-apply.js';
import { baseUrlEnvName, openSession } from '../../src/engine/session.js';
import { startBlueSnapEmulator, type BlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import {
  startPayPalEmulator,
  type PayPalEmulator,
  type PayPalPlanInput,
} from '../../src/sandbox/paypal/index.js';
import { blueSnapSeedPlan } from '../providers/bluesnap/fixture.js';
import { paypalPlanSpec } from '../providers/paypal/fixture.js';
import { plansFileYaml } from '../support/provider-harness.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const PRODUCT = { sandbox: 'PROD-SBX0000001', production: 'PROD-PRD0000001' };
const CREDENTIALS = {
  sandbox: {
    paypal: { clientId: 'cmp-sbx-client-5c1e', clientSecret: 'cmp-sbx-paypal-secret-R4t8' },
    bluesnap: { username: 'cmp-sbx-user-91ab', password: 'cmp-sbx-bs-secret-Kq27' },
  },
  production: {
    paypal: { clientId: 'cmp-prd-client-7d3f', clientSecret: 'cmp-prd-paypal-secret-W2m6' },
    bluesnap: { username: 'cmp-prd-user-04cd', password: 'cmp-prd-bs-secret-Jx81' },
  },
};
const SECRETS = Object.values(CREDENTIALS).flatMap((env) => [
  ...Object.values(env.paypal),
  ...Object.values(env.bluesnap),
]);

const PROJECT = `version: 1
connections:
  pp:
    provider: paypal
    limits: { requests_per_second: 1000, timeout_ms: 2000 }
  bs:
    provider: bluesnap
    limits: { requests_per_second: 1000, timeout_ms: 2000 }
environments:
  sandbox:
    connections:
      pp: { credentials: { client_id: PP_SBX_ID, client_secret: PP_SBX_SECRET } }
      bs: { credentials: { username: BS_SBX_USER, password: BS_SBX_PASS } }
  production:
    follows: sandbox
    connections:
      pp: { credentials: { client_id: PP_PRD_ID, client_secret: PP_PRD_SECRET } }
      bs: { credentials: { username: BS_PRD_USER, password: BS_PRD_PASS } }
`;

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

interface World {
  dir: string;
  env: NodeJS.ProcessEnv;
  paypal: { sandbox: PayPalEmulator; production: PayPalEmulator };
  bluesnap: { sandbox: BlueSnapEmulator; production: BlueSnapEmulator };
  cli(args: string[]): Promise<CliResult>;
  /** Applies the YAML to one environment through the engine, as `apply --env NAME` does. */
  apply(environment: 'sandbox' | 'production'): Promise<void>;
  close(): Promise<void>;
}

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function startWorld(
  seed: { paypalProduction?: PayPalPlanInput[]; bluesnapGraceDays?: number } = {},
): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'plansync-compare-'));
  await writeFile(join(dir, 'plansync.yaml'), PROJECT);
  await mkdir(join(dir, 'plans'));
  await writeFile(join(dir, 'plans', 'pp.yaml'), PP_PLANS);
  await writeFile(join(dir, 'plans', 'bs.yaml'), BS_PLANS);
  const paypal = {
    sandbox: await startPayPalEmulator({
      credentials: CREDENTIALS.sandbox.paypal,
      products: [PRODUCT.sandbox],
    }),
    production: await startPayPalEmulator({
      credentials: CREDENTIALS.production.paypal,
      products: [PRODUCT.production],
      seed: seed.paypalProduction ?? [],
    }),
  };
  const bluesnap = {
    sandbox: await startBlueSnapEmulator({ credentials: CREDENTIALS.sandbox.bluesnap }),
    production: await startBlueSnapEmulator({
      credentials: CREDENTIALS.production.bluesnap,
      seed:
        seed.bluesnapGraceDays === undefined
          ? []
          : [blueSnapSeedPlan(500, { ...gold, gracePeriodDays: seed.bluesnapGraceDays })],
    }),
  } as { sandbox: BlueSnapEmulator; production: BlueSnapEmulator };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    [baseUrlEnvName('pp', 'sandbox')]: paypal.sandbox.baseUrl,
    [baseUrlEnvName('pp', 'production')]: paypal.production.baseUrl,
    [baseUrlEnvName('bs', 'sandbox')]: bluesnap.sandbox.baseUrl,
    [baseUrlEnvName('bs', 'production')]: bluesnap.production.baseUrl,
    PP_SBX_ID: CREDENTIALS.sandbox.paypal.clientId,
    PP_SBX_SECRET: CREDENTIALS.sandbox.paypal.clientSecret,
    BS_SBX_USER: CREDENTIALS.sandbox.bluesnap.username,
    BS_SBX_PASS: CREDENTIALS.sandbox.bluesnap.password,
    PP_PRD_ID: CREDENTIALS.production.paypal.clientId,
    PP_PRD_SECRET: CREDENTIALS.production.paypal.clientSecret,
    BS_PRD_USER: CREDENTIALS.production.bluesnap.username,
    BS_PRD_PASS: CREDENTIALS.production.bluesnap.password,
  };
  return {
    dir,
    env,
    paypal,
    bluesnap,
    async cli(args) {
      const result = await runCli(args, {
        env,
        cwd: dir,
        run: { backoff: { baseMs: 1, maxMs: 5 } },
      });
      for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
      expect(result.stderr, 'a stack trace reached the user').not.toMatch(/\n\s+at .+:\d+:\d+/);
      return result;
    },
    async apply(environment) {
      const session = await openSession({ root: dir, env, environment, backoff: { baseMs: 1, maxMs: 5 } });
      try {
        const run = await runApply(session, { generator: 'plansync test', force: true });
        expect(run.outcome, JSON.stringify(run.results)).toBe('applied');
      } finally {
        await session.close();
      }
    },
    async close() {
      await Promise.all([
        paypal.sandbox.close(),
        paypal.production.close(),
        bluesnap.sandbox.close(),
        bluesnap.production.close(),
      ]);
      await rm(dir, { recursive: true, force: true });
    },
  };
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
