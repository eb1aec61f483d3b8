// Ids in a project with environments, over real sockets: one catalog declared once for sandbox and
// production, each environment a PayPal and a BlueSnap emulator of its own. Each environment adopts
// its own live plan by its own natural key (PayPal: that environment's product_id + name), `apply
// --write-ids` pins each environment's new id in the plan's `environments.<env>` slot with the
// author's comments kept, and `import --env NAME` reads one account and pins what it adds there
// (Constant Contact too, whose group entries list each environment's accounts).

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseUrlEnvName } from '../../src/engine/session.js';
import {
  startConstantContactEmulator,
  type ConstantContactEmulator,
} from '../../src/sandbox/constantcontact/index.js';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import type { PlanItem } from '../../src/core/model.js';
import { blueSnapSeedPlan } from '../providers/bluesnap/fixture.js';
import { paypalPlanSpec } from '../providers/paypal/fixture.js';
import {
  ENVIRONMENTS,
  startEnvironments,
  type EnvironmentName as Env,
  type Environments as Project,
} from '../support/environments.js';
import { runCli } from '../support/run-cli.js';

/** Each environment's account: its own PayPal catalog product, and its own ids for what is live already. */
const ACCOUNTS = {
  sandbox: {
    product: 'PROD-SANDBOX000000001',
    starter: 'P-SANDBOXSTARTER0001',
    gold: 100,
    firstPlanId: 1_000_000,
  },
  production: {
    product: 'PROD-PRODUCTION00000001',
    starter: 'P-PRODUCTIONSTARTER01',
    gold: 500,
    firstPlanId: 2_000_000,
  },
} as const;

const CYCLES = `    billing_cycles:
      - tenure_type: REGULAR
        sequence: 1
        frequency: { interval_unit: MONTH, interval_count: 1 }
        total_cycles: 0
        pricing_scheme: { fixed_price: { currency_code: USD, value: "PRICE" } }
    payment_preferences: { auto_bill_outstanding: true, payment_failure_threshold: 1 }
`;

/** Declared once; only the product id differs per environment. No id is pinned yet. */
const PAYPAL_PLANS = `# One catalog for sandbox and production.
connection: pp
plans:
  # The entry plan: live in both accounts already.
  starter:
    name: Starter # shown at checkout
${CYCLES.replace('PRICE', '9.99')}    environments:
      sandbox: { product_id: ${ACCOUNTS.sandbox.product} } # the sandbox catalog
      production:
        product_id: ${ACCOUNTS.production.product}
  pro: # new this quarter
    name: Pro
${CYCLES.replace('PRICE', '29.00')}    environments:
      sandbox:
        product_id: ${ACCOUNTS.sandbox.product}
      production:
        product_id: ${ACCOUNTS.production.product} # live catalog
`;

const BLUESNAP_PLANS = `# BlueSnap: nothing differs per environment but the ids.
connection: bs
plans:
  gold:
    name: Gold
    recurringChargeAmount: 29.99
    currency: USD
    chargeFrequency: MONTHLY
  silver: # new this quarter
    name: 'Silver'
    recurringChargeAmount: 9.00 # keep two decimals
    currency: USD
    chargeFrequency: MONTHLY
# (more plans below, some day)
`;

let project: Project | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

/** A live PayPal plan of `product`, as the account holds it. */
function livePlan(id: string, name: string, price: string, product: string): PayPalPlanInput {
  return { ...paypalPlanSpec(name, price, { product_id: product }), id, status: 'ACTIVE' } as PayPalPlanInput;
}

/** Starter (PayPal) and Gold (BlueSnap) live in both accounts, each with its own id. */
function startProject(paypalPlans = PAYPAL_PLANS): Promise<Project> {
  const paypal = ({ product, starter }: (typeof ACCOUNTS)[Env]) => ({
    products: [product],
    seed: [livePlan(starter, 'Starter', '9.99', product)],
  });
  const bluesnap = ({ gold, firstPlanId }: (typeof ACCOUNTS)[Env]) => ({
    firstPlanId,
    seed: [blueSnapSeedPlan(gold, { name: 'Gold', recurringChargeAmount: 29.99 })],
  });
  return startEnvironments({
    connections: { paypal: 'pp', bluesnap: 'bs' },
    follows: false,
    plans: { 'paypal.yaml': paypalPlans, 'bluesnap.yaml': BLUESNAP_PLANS },
    paypal: { sandbox: paypal(ACCOUNTS.sandbox), production: paypal(ACCOUNTS.production) },
    bluesnap: { sandbox: bluesnap(ACCOUNTS.sandbox), production: bluesnap(ACCOUNTS.production) },
  });
}

/** `apply --write-ids` for one environment, as the engine runs it. */
function applyWithIds(p: Project, environment: Env) {
  return p.runApply(environment, { writeIds: true });
}

type JsonPlan = {
  plan: { environment?: string; connections: Array<{ connection: string; items: PlanItem[] }> };
};

/** `plan --env NAME --format json`: each connection's items as [key, action, id], by key. */
async function planned(p: Project, environment: Env) {
  const run = await p.cli(['plan', '--env', environment, '--format', 'json']);
  expect([0, 2], run.stdout + run.stderr).toContain(run.code);
  const document = JSON.parse(run.stdout) as JsonPlan;
  expect(document.plan.environment).toBe(environment);
  return Object.fromEntries(
    document.plan.connections.map((c) => [
      c.connection,
      c.items.map((i) => [i.key, i.action, i.id]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ]),
  );
}

const createdId = (emulator: PayPalEmulator, name: string) =>
  emulator.plans().find((plan) => plan.name === name)?.id as string;

describe('environments: ids per environment', () => {
  it('adopts each environment’s own live plan by its own natural key, before anything is pinned', async () => {
    project = await startProject();

    expect(await planned(project, 'sandbox')).toEqual({
      pp: [
        ['pro', 'create', undefined],
        ['starter', 'no-op', 'P-SANDBOXSTARTER0001'],
      ],
      bs: [
        ['gold', 'no-op', '100'],
        ['silver', 'create', undefined],
      ],
    });
    expect(await planned(project, 'production')).toEqual({
      pp: [
        ['pro', 'create', undefined],
        ['starter', 'no-op', 'P-PRODUCTIONSTARTER01'],
      ],
      bs: [
        ['gold', 'no-op', '500'],
        ['silver', 'create', undefined],
      ],
    });
  });

  it('apply --write-ids pins each environment’s new id in its own slot, comments kept; both plans then show no changes', async () => {
    project = await startProject();

    const sandbox = await applyWithIds(project, 'sandbox');
    expect(sandbox.outcome).toBe('applied');
    const production = await applyWithIds(project, 'production');
    expect(production.outcome).toBe('applied');

    const proSandbox = createdId(project.paypal.sandbox, 'Pro');
    const proProduction = createdId(project.paypal.production, 'Pro');
    expect(proSandbox).toMatch(/^P-/);
    expect(proProduction).toMatch(/^P-/);
    expect(proSandbox).not.toBe(proProduction);
    // The new plan of each account was created under that environment's product.
    expect(project.paypal.production.plans().find((plan) => plan.name === 'Pro')?.product_id).toBe(
      ACCOUNTS.production.product,
    );

    expect(sandbox.pinned.map((pin) => [pin.key, pin.field, pin.environment]).sort()).toEqual([
      ['pro', 'id', 'sandbox'],
      ['silver', 'planId', 'sandbox'],
    ]);
    expect(production.pinned.map((pin) => [pin.key, pin.field, pin.environment]).sort()).toEqual([
      ['pro', 'id', 'production'],
      ['silver', 'planId', 'production'],
    ]);

    // Every byte the author wrote is where it was; the pins are added in each environment's slot.
    expect(await project.readPlans('paypal.yaml')).toBe(
      PAYPAL_PLANS.replace(
        `      sandbox:\n        product_id: ${ACCOUNTS.sandbox.product}\n`,
        `      sandbox:\n        product_id: ${ACCOUNTS.sandbox.product}\n        id: ${proSandbox}\n`,
      ).replace(
        `        product_id: ${ACCOUNTS.production.product} # live catalog\n`,
        `        product_id: ${ACCOUNTS.production.product} # live catalog\n        id: ${proProduction}\n`,
      ),
    );
    expect(await project.readPlans('bluesnap.yaml')).toBe(
      BLUESNAP_PLANS.replace(
        '    chargeFrequency: MONTHLY\n# (more',
        '    chargeFrequency: MONTHLY\n' +
          '    environments:\n' +
          '      sandbox:\n' +
          '        planId: 1000000\n' +
          '      production:\n' +
          '        planId: 2000000\n' +
          '# (more',
      ),
    );

    for (const environment of ENVIRONMENTS) {
      const run = await project.cli(['plan', '--env', environment, '--detailed-exitcode']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    expect(await planned(project, 'sandbox')).toEqual({
      pp: [
        ['pro', 'no-op', proSandbox],
        ['starter', 'no-op', 'P-SANDBOXSTARTER0001'],
      ],
      bs: [
        ['gold', 'no-op', '100'],
        ['silver', 'no-op', '1000000'],
      ],
    });
    expect(await planned(project, 'production')).toEqual({
      pp: [
        ['pro', 'no-op', proProduction],
        ['starter', 'no-op', 'P-PRODUCTIONSTARTER01'],
      ],
      bs: [
        ['gold', 'no-op', '500'],
        ['silver', 'no-op', '2000000'],
      ],
    });
  });

  it('never pins an id on the plan itself: a replacement’s new id goes into the slot, the old id is reported', async () => {
    // A replacement needs a create-only change; PayPal's product_id is one. Here the sandbox
    // catalog moves Starter to another product: a new plan, pinned in the sandbox slot.
    project = await startProject(
      PAYPAL_PLANS.replace(
        `      sandbox: { product_id: ${ACCOUNTS.sandbox.product} } # the sandbox catalog\n`,
        `      sandbox: { product_id: PROD-SANDBOX000000002, id: P-SANDBOXSTARTER0001 } # the sandbox catalog\n`,
      ).replace('  starter:\n', '  starter:\n    lifecycle: { replace: true }\n'),
    );
    project.paypal.sandbox.addProduct('PROD-SANDBOX000000002');

    const run = await applyWithIds(project, 'sandbox');

    expect(run.outcome, JSON.stringify(run.results)).toBe('applied');
    const starter = run.pinned.find((pin) => pin.key === 'starter');
    expect(starter?.environment).toBe('sandbox');
    expect(starter?.previous).toBe('P-SANDBOXSTARTER0001');
    const text = await project.readPlans('paypal.yaml');
    expect(text).toContain(
      `      sandbox: { product_id: PROD-SANDBOX000000002, id: ${starter?.id} } # the sandbox catalog\n`,
    );
    expect(text).not.toMatch(/^ {4}id:/m);
  });
});

describe('environments: import --env', () => {
  it('needs exactly one environment', async () => {
    project = await startProject();

    const none = await project.cli(['import', '--connection', 'pp']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('declares environments (sandbox, production): choose one with --env NAME');

    const both = await project.cli(['import', '--env', 'all', '--connection', 'pp']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain("import reads one environment's account at a time");
    expect(await project.readPlans('paypal.yaml')).toBe(PAYPAL_PLANS);
  });

  it('adds only what this environment’s account has and the file lacks, its id in that environment’s slot', async () => {
    project = await startProject();
    project.paypal.production.setPlan(
      livePlan('P-PRODUCTIONTEAM0001', 'Team', '49.00', ACCOUNTS.production.product),
    );

    const run = await project.cli(['import', '--env', 'production', '--connection', 'pp']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 1 plan from environment production into plans/paypal.yaml');
    expect(run.stdout).toContain('  + team (P-PRODUCTIONTEAM0001)');
    const text = await project.readPlans('paypal.yaml');
    // Starter is declared and matched by production's product id + name: nothing is added to it.
    expect(text.startsWith(PAYPAL_PLANS)).toBe(true);
    const added = text.slice(PAYPAL_PLANS.length);
    expect(added).toContain('  team:\n');
    // Every other field on the plan itself, as without environments.
    expect(added).toContain(`    product_id: ${ACCOUNTS.production.product} # fixed at creation\n`);
    expect(added).toContain('    environments:\n      production: { id: P-PRODUCTIONTEAM0001 }\n');
    expect(added).not.toMatch(/^ {4}id:/m);

    const plan = await planned(project, 'production');
    expect(plan.pp).toContainEqual(['team', 'no-op', 'P-PRODUCTIONTEAM0001']);

    const again = await project.cli(['import', '--env', 'production', '--connection', 'pp']);
    expect(again.stdout).toContain(
      'Nothing to import into plans/paypal.yaml from connection pp in environment production',
    );
  });

  it('writes a new plans file for the environment read, every id in its slot; that environment then plans no changes', async () => {
    project = await startProject();
    await rm(join(project.dir, 'plans', 'bluesnap.yaml'));

    const run = await project.cli(['import', '--env', 'sandbox', '--connection', 'bs']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 1 plan from environment sandbox into plans/bs.yaml (new file;');
    const text = await project.readPlans('bs.yaml');
    expect(text).toContain('from environment sandbox on');
    expect(text).toContain('  gold:\n');
    expect(text).toContain('    environments:\n      sandbox: { planId: 100 }\n');
    expect(text).not.toMatch(/^ {4}planId:/m);
    expect((await planned(project, 'sandbox')).bs).toEqual([['gold', 'no-op', '100']]);
    // Production adopts its own Gold by name: the sandbox id is not read there.
    expect((await planned(project, 'production')).bs).toEqual([['gold', 'no-op', '500']]);
  });
});

describe('environments: Constant Contact accounts', () => {
  const CC_PROJECT = `version: 1
connections:
  cc:
    provider: constantcontact
    limits: { requests_per_second: 1000, timeout_ms: 2000 }
    options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }
environments:
  sandbox:
    connections:
      cc: { credentials: { api_key: CC_SBX_KEY, client_id: CC_SBX_ID, client_secret: CC_SBX_SECRET } }
  production:
    connections:
      cc: { credentials: { api_key: CC_PRD_KEY, client_id: CC_PRD_ID, client_secret: CC_PRD_SECRET } }
`;
  const CC_PLANS = `connection: cc
plans:
  # A group: each environment lists its own accounts.
  team:
    plan_type: GOLD
    environments:
      sandbox: { encoded_account_ids: [acctsbx00001] }
      production: { encoded_account_ids: [acctprd00001] }
`;
  const credentials = {
    sandbox: { apiKey: 'sbx-cc-key-1a', clientId: 'sbx-cc-id-2b', clientSecret: 'sbx-cc-secret-3c' },
    production: { apiKey: 'prd-cc-key-4d', clientId: 'prd-cc-id-5e', clientSecret: 'prd-cc-secret-6f' },
  };
  const emulators: ConstantContactEmulator[] = [];
  let dir: string | undefined;
  afterEach(async () => {
    await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('import --env leaves a group’s accounts alone and pins a new account in that environment’s slot', async () => {
    dir = await mkdtemp(join(tmpdir(), 'plansync-environments-cc-'));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    for (const name of ENVIRONMENTS) {
      const emulator = await startConstantContactEmulator({
        credentials: credentials[name],
        accounts:
          name === 'sandbox'
            ? [
                { encoded_account_id: 'acctsbx00001', organization_name: 'Team', plan_type: 'GOLD' },
                { encoded_account_id: 'acctsbx00002', organization_name: 'Solo', plan_type: 'BRONZE' },
              ]
            : [{ encoded_account_id: 'acctprd00001', organization_name: 'Team', plan_type: 'GOLD' }],
        requestsPerSecond: Infinity,
        requestsPerDay: Infinity,
      });
      emulators.push(emulator);
      const tag = name === 'sandbox' ? 'SBX' : 'PRD';
      env[`CC_${tag}_KEY`] = credentials[name].apiKey;
      env[`CC_${tag}_ID`] = credentials[name].clientId;
      env[`CC_${tag}_SECRET`] = credentials[name].clientSecret;
      env[baseUrlEnvName('cc', name)] = emulator.baseUrl;
    }
    await writeFile(join(dir, 'plansync.yaml'), CC_PROJECT);
    await mkdir(join(dir, 'plans'));
    await writeFile(join(dir, 'plans', 'cc.yaml'), CC_PLANS);
    const cli = (args: string[]) => runCli(args, { env, cwd: dir as string });

    const run = await cli(['import', '--env', 'sandbox', '--connection', 'cc']);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('  + solo (acctsbx00002)');
    const text = await readFile(join(dir, 'plans', 'cc.yaml'), 'utf8');
    expect(text.startsWith(CC_PLANS)).toBe(true);
    expect(text.slice(CC_PLANS.length)).toContain(
      '    environments:\n      sandbox: { encoded_account_id: acctsbx00002 }\n',
    );
    expect(text.slice(CC_PLANS.length)).not.toMatch(/^ {4}encoded_account_id:/m);
    const plan = await cli(['plan', '--env', 'sandbox', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });
});
