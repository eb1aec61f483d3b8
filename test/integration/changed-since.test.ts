// `--changed-since REF` through the real CLI, in a real Git repository (two commits) over real
// sockets: Constant Contact (one GET per account) and PayPal (listings by product). What was read is
// counted in each emulator's request log: exactly the changed and added plans' objects.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startConstantContactEmulator,
  type ConstantContactEmulator,
  type SeedAccount,
} from '../../src/sandbox/constantcontact/index.js';
import {
  startPayPalEmulator,
  type PayPalEmulator,
  type PayPalPlanInput,
} from '../../src/sandbox/paypal/index.js';
import { baseUrlEnvName } from '../../src/engine/session.js';
import { planSchemaProblems } from '../../src/config/plan-schema.js';
import { CC_TEST_CREDENTIALS } from '../providers/constantcontact/fixture.js';
import { PAYPAL_TEST_CREDENTIALS, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { startEnvironments } from '../support/environments.js';
import { plan } from '../../src/index.js';

const PROD_A = 'PROD-CHANGEDSINCE0000A';
const PROD_B = 'PROD-CHANGEDSINCE0000B';
const PLANS = '/v1/billing/plans';

let dir: string;
let cc: ConstantContactEmulator;
let pp: PayPalEmulator;
let env: NodeJS.ProcessEnv;

const account = (id: string, plan_type = 'SILVER'): SeedAccount => ({
  encoded_account_id: id,
  plan_type,
  billing_status: 'Open',
  billing_day_of_month: 1,
  subscriber_count: 800,
});
const ppSpec = (name: string, product: string, price = '19.99') => ({
  ...paypalPlanSpec(name, price),
  product_id: product,
});
const ppSeed = (name: string, product: string, n: number): PayPalPlanInput =>
  ({
    ...ppSpec(name, product),
    id: `P-CHANGED${String(n).padStart(17, '0')}`,
    status: 'ACTIVE',
  }) as PayPalPlanInput;

const PROJECT = (ppTimeout = 2000) =>
  [
    'version: 1',
    'connections:',
    '  cc:',
    '    provider: constantcontact',
    '    credentials: { api_key: CC_API_KEY, client_id: CC_CLIENT_ID, client_secret: CC_CLIENT_SECRET }',
    '    limits: { requests_per_second: 1000, timeout_ms: 2000 }',
    '    options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }',
    '  pp:',
    '    provider: paypal',
    '    credentials: { client_id: PP_CLIENT_ID, client_secret: PP_CLIENT_SECRET }',
    `    limits: { requests_per_second: 1000, timeout_ms: ${ppTimeout} }`,
    '',
  ].join('\n');

const yamlFile = (connection: string, plans: Record<string, unknown>) =>
  `connection: ${connection}\nplans:\n${Object.entries(plans)
    .map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`)
    .join('\n')}\n`;

/** The base commit: every declared plan matches what is live. */
const BASE_CC = {
  a1: { encoded_account_id: 'acct00000001', plan_type: 'SILVER' },
  a2: { encoded_account_id: 'acct00000002', plan_type: 'SILVER' },
  a3: { encoded_account_id: 'acct00000003', plan_type: 'SILVER' },
  a4: { encoded_account_id: 'acct00000004', plan_type: 'SILVER' },
};
const BASE_PP = {
  pa1: ppSpec('A one', PROD_A),
  pa2: ppSpec('A two', PROD_A),
  pb1: ppSpec('B one', PROD_B),
  pb2: ppSpec('B two', PROD_B),
};
/** The head commit: a2 changed, a4 removed, a5 added; pb2 repriced. */
const HEAD_CC = {
  a1: BASE_CC.a1,
  a2: { encoded_account_id: 'acct00000002', plan_type: 'GOLD' },
  a3: BASE_CC.a3,
  a5: { encoded_account_id: 'acct00000005', plan_type: 'GOLD' },
};
const HEAD_PP = { ...BASE_PP, pb2: ppSpec('B two', PROD_B, '20.99') };

const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' }).toString();
const commit = async (files: Record<string, string>, message: string) => {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  git('add', '-A');
  git('commit', '-q', '-m', message);
};
const cli = (args: string[]): Promise<CliResult> =>
  runCli(args, { cwd: dir, env, run: { backoff: { baseMs: 1, maxMs: 5 } } });

const ccGets = () =>
  cc.log.filter((entry) => entry.method === 'GET').map((entry) => entry.path.replace(/^.*accounts\//, ''));
const ppLists = () => pp.log.filter((entry) => entry.method === 'GET' && entry.path === PLANS);
const clearLogs = () => {
  cc.clearLog();
  pp.clearLog();
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plansync-changed-since-'));
  cc = await startConstantContactEmulator({
    credentials: CC_TEST_CREDENTIALS,
    accounts: ['01', '02', '03', '04', '05'].map((n) => account(`acct000000${n}`)),
    requestsPerSecond: Infinity,
    requestsPerDay: Infinity,
  });
  pp = await startPayPalEmulator({
    credentials: PAYPAL_TEST_CREDENTIALS,
    products: [PROD_A, PROD_B],
    seed: [
      ppSeed('A one', PROD_A, 1),
      ppSeed('A two', PROD_A, 2),
      ppSeed('B one', PROD_B, 3),
      ppSeed('B two', PROD_B, 4),
    ],
  });
  env = {
    PATH: process.env.PATH,
    CC_API_KEY: CC_TEST_CREDENTIALS.apiKey,
    CC_CLIENT_ID: CC_TEST_CREDENTIALS.clientId,
    CC_CLIENT_SECRET: CC_TEST_CREDENTIALS.clientSecret,
    PP_CLIENT_ID: PAYPAL_TEST_CREDENTIALS.clientId,
    PP_CLIENT_SECRET: PAYPAL_TEST_CREDENTIALS.clientSecret,
    PLANSYNC_PLAN_KEY: 'changed-since-test-key-0123456789',
    [baseUrlEnvName('cc')]: cc.baseUrl,
    [baseUrlEnvName('pp')]: pp.baseUrl,
  };
  git('init', '-q');
  git('config', 'user.name', 'plansync test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  await mkdir(join(dir, 'plans'));
  await writeFile(join(dir, '.gitignore'), '*.json\n.plansync/\n');
  await commit(
    {
      'plansync.yaml': PROJECT(),
      'plans/cc.yaml': yamlFile('cc', BASE_CC),
      'plans/pp.yaml': yamlFile('pp', BASE_PP),
    },
    'base',
  );
  await commit(
    { 'plans/cc.yaml': yamlFile('cc', HEAD_CC), 'plans/pp.yaml': yamlFile('pp', HEAD_PP) },
    'head',
  );
  clearLogs();
});

afterEach(async () => {
  await Promise.all([cc?.close(), pp?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('plan --changed-since', () => {
  it('reads and plans exactly the changed and added plans, and reports the removed one', async () => {
    const plan = await cli(['plan', '--changed-since', 'HEAD~1', '--detailed-exitcode']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    // Constant Contact: the two accounts' GETs and one token, nothing else.
    expect(ccGets().sort()).toEqual(['acct00000002/plan', 'acct00000005/plan']);
    expect(cc.log.filter((entry) => entry.method !== 'GET').map((entry) => entry.path)).toEqual([
      '/partner-token',
    ]);
    // PayPal: only product B's pages.
    expect(ppLists().length).toBeGreaterThan(0);
    expect(ppLists().every((entry) => entry.query.product_id === PROD_B)).toBe(true);
    expect(plan.stdout).toContain('a2');
    expect(plan.stdout).toContain('a5');
    expect(plan.stdout).toContain('pb2');
    expect(plan.stdout).not.toContain('a1');
    expect(plan.stdout).not.toContain('pa1');
    expect(plan.stderr).toMatch(
      /Planning 3 plans changed since HEAD~1 \([0-9a-f]{12}\): cc\/a2, cc\/a5, pp\/pb2\./,
    );
    expect(plan.stderr).toContain('removed from YAML since HEAD~1 (');
    expect(plan.stderr).toContain('cc/a4; not retired: pruning is off under --changed-since');
  });

  it('plans all of a connection whose settings changed in plansync.yaml, and says why', async () => {
    await commit({ 'plansync.yaml': PROJECT(3000) }, 'slower paypal');
    clearLogs();

    const plan = await cli(['plan', '--changed-since', 'HEAD~1']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stderr).toContain(
      'connection pp: its settings changed in plansync.yaml since HEAD~1, so all its plans are planned.',
    );
    expect(ccGets()).toEqual([]);
    expect(new Set(ppLists().map((entry) => entry.query.product_id))).toEqual(new Set([PROD_A, PROD_B]));
  });

  it('plans nothing and sends nothing when no plan changed', async () => {
    const plan = await cli(['plan', '--changed-since', 'HEAD']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stderr).toContain('No plan changed since HEAD');
    expect(cc.log).toEqual([]);
    expect(pp.log).toEqual([]);
  });

  it('plans nothing for plans moved unchanged to another file', async () => {
    git('mv', 'plans/pp.yaml', 'plans/paypal.yaml');
    git('commit', '-q', '-m', 'rename the file');

    const plan = await cli(['plan', '--changed-since', 'HEAD~1']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stderr).toContain('No plan changed since HEAD~1');
    expect(plan.stderr).not.toContain('removed from YAML');
    expect(pp.log).toEqual([]);
  });

  it('counts an uncommitted change in the working tree', async () => {
    await writeFile(
      join(dir, 'plans/cc.yaml'),
      yamlFile('cc', { ...HEAD_CC, a3: { encoded_account_id: 'acct00000003', plan_type: 'BRONZE' } }),
    );

    const plan = await cli(['plan', '--changed-since', 'HEAD']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(ccGets()).toEqual(['acct00000003/plan']);
    expect(pp.log).toEqual([]);
  });

  it('refuses an unknown ref with the way out, and --target beside it', async () => {
    const unknown = await cli(['plan', '--changed-since', 'no-such-branch']);
    const both = await cli(['plan', '--changed-since', 'HEAD~1', '--target', 'cc/a1']);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown ref no-such-branch');
    expect(unknown.stderr).toContain('git fetch --depth=1 origin <sha>');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--changed-since and --target');
    expect(cc.log).toEqual([]);
    expect(pp.log).toEqual([]);
  });

  it('refuses outside a Git work tree', async () => {
    await rm(join(dir, '.git'), { recursive: true, force: true });

    const plan = await cli(['plan', '--changed-since', 'HEAD~1']);

    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('--changed-since needs a Git work tree');
  });
});

describe('safety gates under --changed-since', () => {
  it('weighs the share gates against the declared count, and says so', async () => {
    const strict = PROJECT().replace(
      '    options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }',
      '    options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }\n    safety: { min_existing: 2, max_change_share: 0.3 }',
    );
    await commit({ 'plansync.yaml': strict }, 'stricter gates');
    // Only a3 changes since the commit before: 1 of the 4 declared accounts.
    await commit(
      { 'plans/cc.yaml': yamlFile('cc', { ...HEAD_CC, a3: { ...HEAD_CC.a3, plan_type: 'GOLD' } }) },
      'a3',
    );
    clearLogs();

    const plan = await cli(['plan', '--changed-since', 'HEAD~1']);

    expect(ccGets()).toEqual(['acct00000003/plan']);
    // 1 of 4 declared: 25%, under the gate. (The read alone, 1 plan, is under min_existing: weighed
    // on it, the gate would never apply.)
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    await commit(
      {
        'plans/cc.yaml': yamlFile('cc', {
          ...HEAD_CC,
          a1: { ...HEAD_CC.a1, plan_type: 'GOLD' },
          a3: { ...HEAD_CC.a3, plan_type: 'BRONZE' },
        }),
      },
      'a1 and a3',
    );
    // a1 and a3 change: 2 of 4 declared, 50% > 30%.
    const blocked = await cli(['plan', '--changed-since', 'HEAD~1']);

    expect(blocked.code, blocked.stdout + blocked.stderr).toBe(3);
    expect(blocked.stdout).toContain(
      "2 of 4 live plans (counted as the connection's declared plans: this run read only the 2 it targets) would change (50%)",
    );
  });
});

describe('a saved --changed-since plan', () => {
  it('is stale-checked on its scope only, and applies', async () => {
    const planned = await cli(['plan', '--changed-since', 'HEAD~1', '--out', 'p.json']);
    expect(planned.code, planned.stderr).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, 'p.json'), 'utf8')) as Record<string, unknown>;
    expect(planSchemaProblems(saved)).toEqual([]);
    expect(saved.scope).toEqual({
      targets: ['cc/a2', 'cc/a5', 'pp/pb2'],
      changedSince: { ref: 'HEAD~1', commit: git('rev-parse', 'HEAD~1').trim().slice(0, 12) },
    });
    // Outside the scope: neither read nor checked.
    cc.setAccount(account('acct00000001', 'BRONZE'));
    pp.setPlan({ ...ppSeed('A one', PROD_A, 1), name: 'A one, renamed in the dashboard' } as PayPalPlanInput);
    clearLogs();

    const apply = await cli(['apply', 'p.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(
      cc
        .writes()
        .map((entry) => `${entry.method} ${entry.path}`)
        .filter((w) => w.startsWith('PUT'))
        .sort(),
    ).toEqual(['PUT /v3/partner/accounts/acct00000002/plan', 'PUT /v3/partner/accounts/acct00000005/plan']);
    expect(ppLists().every((entry) => entry.query.product_id === PROD_B)).toBe(true);
    expect(cc.account('acct00000001')?.plan_type).toBe('BRONZE');
  });

  it('is refused as stale when a live object inside its scope changed', async () => {
    const planned = await cli(['plan', '--changed-since', 'HEAD~1', '--out', 'p.json']);
    expect(planned.code, planned.stderr).toBe(0);
    cc.setAccount(account('acct00000005', 'BRONZE'));

    const apply = await cli(['apply', 'p.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(4);
    expect(cc.writes().filter((entry) => entry.method === 'PUT')).toEqual([]);
  });

  it('with nothing changed, saves an empty plan that applies without a request', async () => {
    const planned = await cli(['plan', '--changed-since', 'HEAD', '--out', 'p.json']);
    const apply = await cli(['apply', 'p.json']);

    expect(planned.code, planned.stderr).toBe(0);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Nothing to apply');
    expect(cc.log).toEqual([]);
    expect(pp.log).toEqual([]);
  });
});

describe('drift and apply --changed-since', () => {
  it('drift reads only the changed plans', async () => {
    const drift = await cli(['drift', '--changed-since', 'HEAD~1']);

    expect([0, 2]).toContain(drift.code);
    expect(ccGets().sort()).toEqual(['acct00000002/plan', 'acct00000005/plan']);
    expect(ppLists().every((entry) => entry.query.product_id === PROD_B)).toBe(true);
  });

  it('apply --auto-approve applies only the changed plans', async () => {
    cc.setAccount(account('acct00000001', 'BRONZE'));
    const apply = await cli(['apply', '--auto-approve', '--changed-since', 'HEAD~1']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(cc.account('acct00000001')?.plan_type).toBe('BRONZE');
    expect(cc.account('acct00000002')?.plan_type).toBe('GOLD');
    expect(cc.account('acct00000005')?.plan_type).toBe('GOLD');
  });
});

describe('the library', () => {
  it('plan({ changedSince }) plans and records the same scope as the CLI', async () => {
    const planned = await plan({ root: dir, env, changedSince: 'HEAD~1' });

    expect(planned.document.scope?.targets).toEqual(['cc/a2', 'cc/a5', 'pp/pb2']);
    expect(ccGets().sort()).toEqual(['acct00000002/plan', 'acct00000005/plan']);
  });
});

describe('--changed-since with environments', () => {
  it('plans the changed plan in the environment asked for, reading only its connection', async () => {
    const bluesnap = (amount: string) =>
      `connection: bluesnap\nplans:\n  basic:\n    name: Basic Monthly\n    recurringChargeAmount: ${amount}\n    currency: USD\n    chargeFrequency: MONTHLY\n`;
    const paypal = [
      'connection: paypal',
      'plans:',
      '  starter:',
      '    name: Starter Monthly',
      '    billing_cycles:',
      '      - tenure_type: REGULAR',
      '        sequence: 1',
      '        frequency: { interval_unit: MONTH, interval_count: 1 }',
      '        total_cycles: 0',
      '        pricing_scheme: { fixed_price: { value: "10", currency_code: USD } }',
      '    payment_preferences: { auto_bill_outstanding: true }',
      '    environments:',
      '      sandbox: { product_id: PROD-SANDBOX00001 }',
      '      production: { product_id: PROD-PRODUCTION001 }',
      '',
    ].join('\n');
    const world = await startEnvironments({
      plans: { 'paypal.yaml': paypal, 'bluesnap.yaml': bluesnap('9.99') },
      paypal: {
        sandbox: { products: ['PROD-SANDBOX00001'] },
        production: { products: ['PROD-PRODUCTION001'] },
      },
    });
    const fixtureRepo = dir;
    try {
      dir = world.dir;
      git('init', '-q');
      git('config', 'user.name', 'plansync test');
      git('config', 'user.email', 'test@example.invalid');
      git('config', 'commit.gpgsign', 'false');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      await world.writePlans('bluesnap.yaml', bluesnap('12.99'));
      git('commit', '-q', '-am', 'reprice basic');

      const plan = await world.cli(['plan', '--env', 'sandbox', '--changed-since', 'HEAD~1']);

      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      expect(plan.stderr).toMatch(/Planning 1 plan changed since HEAD~1 \([0-9a-f]{12}\): bluesnap\/basic\./);
      expect(plan.stdout).toContain('environment sandbox');
      expect(plan.stdout).toContain('basic');
      expect(plan.stdout).not.toContain('starter');
      expect(world.paypal.sandbox.log).toEqual([]);
      expect(world.bluesnap.sandbox.log.length).toBeGreaterThan(0);
      expect(world.bluesnap.production.log).toEqual([]);
    } finally {
      dir = fixtureRepo;
      await world.close();
    }
  });
});
