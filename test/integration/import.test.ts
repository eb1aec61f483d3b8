// `plansync import` over real sockets, per provider: the imported YAML pins every live plan by id
// and `plan` afterwards shows no changes; importing into an existing, commented file adds only what
// is missing and leaves the author's text as it was; a second import changes nothing.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { providers } from '../../src/providers/registry.js';
import type { FixtureEmulator, ProviderFixture, ProviderHarness } from '../support/provider-harness.js';
import { startProviderHarness } from '../support/provider-harness.js';
import { blueSnapSeedPlan, bluesnapFixture } from '../providers/bluesnap/fixture.js';
import { constantContactFixture } from '../providers/constantcontact/fixture.js';
import { jpmFixture, jpmPlanId, jpmSpec } from '../providers/jpmmps/fixture.js';
import { PAYPAL_PRODUCT, paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';

interface ImportCase {
  fixture: ProviderFixture<FixtureEmulator, unknown>;
  seed: unknown[];
  idField: string;
  /** Ids imported by default, and those only `--include-retired` adds. */
  active: string[];
  retired: string[];
  /** A plans file declaring one live plan, with comments and odd quoting. */
  declared: string;
  /** The id that file declares (pinned or by natural key). */
  declaredId: string;
}

const bluesnap: ImportCase = {
  fixture: bluesnapFixture as ImportCase['fixture'],
  seed: [
    blueSnapSeedPlan(100, { name: 'Gold Monthly', recurringChargeAmount: 29.99 }),
    blueSnapSeedPlan(101, {
      name: 'Silver (trial)',
      recurringChargeAmount: 9.9,
      trialPeriodDays: 14,
      gracePeriodDays: 5,
      initialChargeAmount: 4.5,
      maxNumberOfCharges: 12,
      chargeOnPlanSwitch: true,
    }),
    blueSnapSeedPlan(102, { name: 'Legacy', status: 'INACTIVE' }),
    blueSnapSeedPlan(103, {
      name: 'Yen Yearly',
      currency: 'JPY',
      recurringChargeAmount: 12000,
      chargeFrequency: 'ANNUALLY',
    }),
    blueSnapSeedPlan(104, { name: 'Gold Monthly', recurringChargeAmount: 31 }),
  ],
  idField: 'planId',
  active: ['100', '101', '103', '104'],
  retired: ['102'],
  declared: `# Storefront plans; edited by hand.
connection: bs
plans:
  # the one everybody buys
  yen:   # keep this key
    name: 'Yen Yearly'
    recurringChargeAmount: 12000 # no minor units
    currency: "JPY"
    chargeFrequency: ANNUALLY

# (more plans below, some day)
`,
  declaredId: '103',
};

const paypalSeed = (id: string, spec: Record<string, unknown>, status = 'ACTIVE') => ({
  ...spec,
  id,
  status,
});

const paypal: ImportCase = {
  fixture: paypalFixture as ImportCase['fixture'],
  seed: [
    paypalSeed('P-IMPORT0000000000001', paypalPlanSpec('Starter', '9.99')),
    paypalSeed(
      'P-IMPORT0000000000002',
      paypalPlanSpec('Growth', '25', {
        description: 'Two trials, then monthly',
        billing_cycles: [
          {
            tenure_type: 'TRIAL',
            sequence: 1,
            frequency: { interval_unit: 'WEEK', interval_count: 2 },
            total_cycles: 1,
          },
          {
            tenure_type: 'TRIAL',
            sequence: 2,
            frequency: { interval_unit: 'MONTH', interval_count: 1 },
            total_cycles: 2,
            pricing_scheme: { fixed_price: { currency_code: 'USD', value: '5.50' } },
          },
          {
            tenure_type: 'REGULAR',
            sequence: 3,
            frequency: { interval_unit: 'MONTH', interval_count: 1 },
            total_cycles: 0,
            pricing_scheme: { fixed_price: { currency_code: 'USD', value: '25.00' } },
          },
        ],
        payment_preferences: {
          auto_bill_outstanding: false,
          setup_fee: { currency_code: 'USD', value: '10.00' },
          setup_fee_failure_action: 'CONTINUE',
          payment_failure_threshold: 3,
        },
        taxes: { percentage: '8.25', inclusive: false },
      }),
    ),
    paypalSeed('P-IMPORT0000000000003', paypalPlanSpec('Old Starter', '7'), 'INACTIVE'),
    paypalSeed(
      'P-IMPORT0000000000004',
      paypalPlanSpec('Seats', '1', {
        quantity_supported: true,
        billing_cycles: [
          {
            tenure_type: 'REGULAR',
            sequence: 1,
            frequency: { interval_unit: 'YEAR', interval_count: 1 },
            total_cycles: 0,
            pricing_scheme: {
              pricing_model: 'VOLUME',
              tiers: [
                {
                  starting_quantity: '1',
                  ending_quantity: '10',
                  amount: { currency_code: 'USD', value: '50' },
                },
                { starting_quantity: '11', amount: { currency_code: 'USD', value: '40' } },
              ],
            },
          },
        ],
      }),
    ),
  ],
  idField: 'id',
  active: ['P-IMPORT0000000000001', 'P-IMPORT0000000000002', 'P-IMPORT0000000000004'],
  retired: ['P-IMPORT0000000000003'],
  // Declared without a pin: the import matches it by product_id + name, as the planner does.
  declared: `connection: pp
plans:
  starter:   # the entry plan
    product_id: "${PAYPAL_PRODUCT}"
    name: 'Starter'
    billing_cycles:
      - tenure_type: REGULAR
        sequence: 1
        frequency: { interval_unit: MONTH, interval_count: 1 }
        total_cycles: 0
        pricing_scheme:
          fixed_price: { currency_code: USD, value: "9.990" }   # trailing zero on purpose
    payment_preferences: {auto_bill_outstanding: true, payment_failure_threshold: 1}
`,
  declaredId: 'P-IMPORT0000000000001',
};

const cc: ImportCase = {
  fixture: constantContactFixture as ImportCase['fixture'],
  seed: [
    { encoded_account_id: 'acct00000001', organization_name: 'Acme Corp', plan_type: 'TRIAL' },
    {
      encoded_account_id: 'acct00000002',
      organization_name: 'Hooli',
      plan_type: 'GOLD',
      billing_day_of_month: 15,
    },
    {
      encoded_account_id: 'acct00000003',
      organization_name: 'Initech',
      plan_type: 'SILVER',
      billing_status: 'Canceled',
    },
    {
      encoded_account_id: 'acct00000004',
      organization_name: 'Acme Corp',
      plan_type: 'BRONZE',
      billing_day_of_month: 1,
    },
  ],
  idField: 'encoded_account_id',
  active: ['acct00000001', 'acct00000002', 'acct00000004'],
  retired: ['acct00000003'],
  declared: `connection: cc
# Accounts we manage by hand.
plans:
  hooli:
    encoded_account_id: "acct00000002"   # pinned
    plan_type: GOLD
    billing_day_of_month: 15 # set when it left TRIAL
`,
  declaredId: 'acct00000002',
};

const jpm: ImportCase = {
  fixture: jpmFixture as ImportCase['fixture'],
  seed: [
    { ...jpmSpec('Basic Monthly'), id: jpmPlanId(1), prepaid: true },
    {
      ...jpmSpec('Premium', {
        recurrentAmount: 49.5,
        trialDurationPeriod: 14,
        trialDurationUnit: 'day',
        merchantMetadata: 'tier=premium',
      }),
      id: jpmPlanId(2),
      prepaid: false,
    },
    { ...jpmSpec('Gone'), id: jpmPlanId(3), prepaid: true, deletedAt: '2024-01-01T00:00:00.00Z' },
    {
      ...jpmSpec('Quarterly Yen', {
        currencyIsoCode: 'JPY',
        recurrentAmount: 5000,
        billingOccurrence: 3,
        billingCycles: 12,
      }),
      id: jpmPlanId(4),
      prepaid: true,
    },
  ],
  idField: 'id',
  active: [jpmPlanId(1), jpmPlanId(2), jpmPlanId(4)],
  // Deleted plans are not listed by the API: there is nothing retired to import.
  retired: [],
  declared: `connection: jpm
plans:
  basic:
    id: ${jpmPlanId(1)} # pinned by hand
    name: "Basic Monthly"
    description: 'Basic Monthly plan'
    recurrentAmount: "19.99"
    currencyIsoCode: EUR
    billingOccurrence: 1
    billingUnit: month
    billingCycles: -1
`,
  declaredId: jpmPlanId(1),
};

const CASES = { bluesnap, paypal, constantcontact: cc, jpmmps: jpm };

let h: ProviderHarness<FixtureEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A new file is named after the connection; the harness writes an existing one under the provider's name. */
const plansPath = (c: ImportCase, existing = false) =>
  join(h!.dir, 'plans', `${existing ? c.fixture.provider : c.fixture.connection}.yaml`);

/** The id pinned by each plan of a plans file. */
function pinnedIds(text: string, idField: string): string[] {
  const plans = (parse(text) as { plans: Record<string, Record<string, unknown>> }).plans;
  return Object.values(plans).map((plan) => String(plan[idField]));
}

it('every registered provider can import', () => {
  for (const id of providers.ids()) expect(providers.get(id)?.importer, id).toBeDefined();
});

describe.each(Object.entries(CASES))('import: %s', (_name, c) => {
  it('writes a new plans file that pins every live plan, and plan shows no changes', async () => {
    h = await startProviderHarness(c.fixture, { seed: c.seed });

    const result = await h.cli(['import', '--connection', c.fixture.connection]);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    const file = `plans/${c.fixture.connection}.yaml`;
    expect(result.stdout).toContain(
      `Imported ${c.active.length} plans into ${file} (new file; 0 already declared, ${c.retired.length} retired skipped).`,
    );
    const text = await readFile(plansPath(c), 'utf8');
    // First the editor's schema line, pointing at the provider's schema, then the header.
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(modeline?.[1]).toMatch(
      new RegExp(`(^|/)schemas/${(providers.get(_name)?.planSchema ?? '?').replace(/\./g, '\\.')}$`),
    );
    expect(text).toMatch(
      /\n# Plans of connection \S+ \(.+\), written by `plansync import` on \d{4}-\d{2}-\d{2}\./,
    );
    expect(pinnedIds(text, c.idField).sort()).toEqual([...c.active].sort());
    const plan = await h.cli(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('with --include-retired also imports retired plans, still with no changes', async () => {
    h = await startProviderHarness(c.fixture, { seed: c.seed });

    const result = await h.cli(['import', '--connection', c.fixture.connection, '--include-retired']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = await readFile(plansPath(c), 'utf8');
    expect(pinnedIds(text, c.idField).sort()).toEqual([...c.active, ...c.retired].sort());
    const plan = await h.cli(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('adds only the missing plans to an existing commented file, keeping its text', async () => {
    h = await startProviderHarness(c.fixture, { seed: c.seed, plans: c.declared });

    const result = await h.cli(['import', '--connection', c.fixture.connection]);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Imported ${c.active.length - 1} plans into plans/`);
    expect(result.stdout).toContain('(1 already declared');
    const text = await readFile(plansPath(c, true), 'utf8');
    const tail = /\n\n# \(more plans below, some day\)\n$/.exec(c.declared)?.[0] ?? '';
    const head = c.declared.slice(0, c.declared.length - tail.length);
    expect(text.startsWith(head), text).toBe(true);
    expect(text.endsWith(tail)).toBe(true);
    const added = pinnedIds(text, c.idField).filter((id) => id !== 'undefined' && id !== c.declaredId);
    expect(added.sort()).toEqual(c.active.filter((id) => id !== c.declaredId).sort());
    expect((await h.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('a second import adds nothing and leaves the file byte-identical', async () => {
    h = await startProviderHarness(c.fixture, { seed: c.seed, plans: c.declared });
    await h.cli(['import', '--connection', c.fixture.connection]);
    const first = await readFile(plansPath(c, true), 'utf8');

    const again = await h.cli(['import', '--connection', c.fixture.connection]);

    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to import into');
    expect(await readFile(plansPath(c, true), 'utf8')).toBe(first);
  });
});

describe('import: details', () => {
  it('writes BlueSnap amounts with minor units and comments the fields fixed at creation', async () => {
    h = await startProviderHarness(bluesnap.fixture, { seed: bluesnap.seed });

    await h.cli(['import', '--connection', 'bs']);

    const text = await readFile(plansPath(bluesnap), 'utf8');
    expect(text).toContain(
      [
        '  silver-trial:',
        '    planId: 101',
        '    name: Silver (trial)',
        '    recurringChargeAmount: 9.90 # fixed at creation: a change needs a new plan (lifecycle.replace)',
        '    currency: USD # fixed at creation',
        '    chargeFrequency: MONTHLY # fixed at creation',
        '    trialPeriodDays: 14 # can change, but not be removed (CANNOT_DELETE_ELEMENT)',
        '    initialChargeAmount: 4.50 # can change, but not be removed (CANNOT_DELETE_ELEMENT)',
        '    gracePeriodDays: 5',
        '    maxNumberOfCharges: 12',
        '    chargeOnPlanSwitch: true',
        '    status: ACTIVE',
      ].join('\n'),
    );
    // Two live plans share a name: both are imported, each under its own key.
    expect(text).toMatch(/\n {2}gold-monthly:\n {4}planId: 100\n/);
    expect(text).toMatch(/\n {2}gold-monthly-2:\n {4}planId: 104\n/);
  });

  it('writes Constant Contact read-only values as comments and skips canceled accounts', async () => {
    h = await startProviderHarness(cc.fixture, { seed: cc.seed });

    const result = await h.cli(['import', '--connection', 'cc']);

    expect(result.stdout).toContain(
      '1 retired skipped).\nRetired plans were skipped: --include-retired imports them too.',
    );
    const text = await readFile(plansPath(cc), 'utf8');
    expect(text).toContain(
      '  hooli:\n    encoded_account_id: acct00000002\n    plan_type: GOLD\n    billing_day_of_month: 15 # set when the account left TRIAL; a later difference is reported as drift, never sent\n    # billing_status: Open (compared only when declared; plansync never cancels an account)\n    # current_tiers (read-only, set by usage):',
    );
    expect(text).toMatch(
      /\n {2}acme-corp:\n {4}encoded_account_id: acct00000001\n {4}plan_type: TRIAL # leaving TRIAL is irreversible\n/,
    );
    expect(text).toMatch(/\n {2}acme-corp-2:\n {4}encoded_account_id: acct00000004\n/);
  });

  it('leaves out a Constant Contact account whose plan type the connection does not enable, saying why', async () => {
    h = await startProviderHarness(cc.fixture, {
      seed: [...cc.seed, { encoded_account_id: 'acct00000005', plan_type: 'PLATINUM_LEGACY' }],
    });

    const result = await h.cli(['import', '--connection', 'cc']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Not imported: acct00000005: plan_type: plan_type `PLATINUM_LEGACY` is not enabled for connection `cc`',
    );
    expect((await h.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('reads only the named Constant Contact accounts with --account, without listing', async () => {
    h = await startProviderHarness(cc.fixture, { seed: cc.seed });

    const result = await h.cli(['import', '--connection', 'cc', '--account', 'acct00000004']);

    expect(result.code, result.stderr).toBe(0);
    expect(h.requests().filter((r) => r.startsWith('GET /v3/partner/accounts'))).toEqual([
      'GET /v3/partner/accounts/acct00000004/plan',
    ]);
    expect(pinnedIds(await readFile(plansPath(cc), 'utf8'), 'encoded_account_id')).toEqual(['acct00000004']);
  });

  it('reads only the named PayPal products with --product', async () => {
    h = await startProviderHarness(paypal.fixture, { seed: paypal.seed });

    const result = await h.cli(['import', '--connection', 'pp', '--product', PAYPAL_PRODUCT, '--dry-run']);

    expect(result.code, result.stderr).toBe(0);
    const lists = h.emulator.log.filter((e) => e.method === 'GET' && e.path === '/v1/billing/plans');
    expect(lists.map((e) => e.query.product_id)).toEqual([PAYPAL_PRODUCT]);
  });

  it('leaves out live plans an unpinned YAML plan matches ambiguously, saying how to settle it', async () => {
    const yaml =
      'connection: bs\nplans:\n  gold:\n    name: Gold Monthly\n    recurringChargeAmount: 29.99\n    currency: USD\n    chargeFrequency: MONTHLY\n';
    h = await startProviderHarness(bluesnap.fixture, { seed: bluesnap.seed, plans: yaml });

    const result = await h.cli(['import', '--connection', 'bs']);

    expect(result.code, result.stderr).toBe(0);
    for (const id of ['100', '104']) {
      expect(result.stdout).toContain(
        `Not imported: ${id}: plan \`gold\` matches it and 1 other live plan(s) by name; pin one with its id, then import again`,
      );
    }
    expect(pinnedIds(await readFile(plansPath(bluesnap, true), 'utf8'), 'planId')).toEqual([
      'undefined',
      '101',
      '103',
    ]);
  });

  it('prints the YAML with --dry-run and writes nothing', async () => {
    h = await startProviderHarness(bluesnap.fixture, { seed: bluesnap.seed, plans: bluesnap.declared });

    const result = await h.cli(['import', '--connection', 'bs', '--dry-run']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith(bluesnap.declared.split('\n\n#')[0]!)).toBe(true);
    expect(result.stderr).toContain('Would import 3 plans into plans/bluesnap.yaml');
    expect(await readFile(plansPath(bluesnap, true), 'utf8')).toBe(bluesnap.declared);
  });

  it('reports as JSON with --json', async () => {
    h = await startProviderHarness(bluesnap.fixture, { seed: bluesnap.seed });

    const result = await h.cli(['import', '--connection', 'bs', '--json']);

    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      connection: 'bs',
      provider: 'bluesnap',
      file: 'plans/bs.yaml',
      newFile: true,
      alreadyDeclared: 0,
      retiredSkipped: 1,
      changed: true,
    });
    expect((report.imported as Array<{ id: string }>).map((p) => p.id)).toEqual(['100', '104', '101', '103']);
  });

  it('refuses a filter the provider does not take, an unknown connection, and a second plans file', async () => {
    h = await startProviderHarness(bluesnap.fixture, { seed: bluesnap.seed, plans: bluesnap.declared });

    const product = await h.cli(['import', '--connection', 'bs', '--product', 'PROD-1']);
    const unknown = await h.cli(['import', '--connection', 'nope']);
    const other = await h.cli(['import', '--connection', 'bs', '--file', 'plans/other.yaml']);

    expect([product.code, unknown.code, other.code]).toEqual([1, 1, 1]);
    expect(product.stderr).toContain(
      'Error: --product does not apply to connection bs (BlueSnap recurring plans)',
    );
    expect(unknown.stderr).toContain('Error: unknown connection `nope`; connections in plansync.yaml: bs');
    expect(other.stderr).toContain('connection bs already has its plans in plans/bluesnap.yaml');
    expect(h.requests()).toEqual([]);
  });

  it('writes where --file says for a connection without a plans file', async () => {
    h = await startProviderHarness(jpm.fixture, { seed: jpm.seed });

    const result = await h.cli(['import', '--connection', 'jpm', '--file', 'plans/eu/jpm-live.yaml']);

    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(join(h.dir, 'plans', 'eu', 'jpm-live.yaml'), 'utf8').catch(() => '');
    expect(pinnedIds(text, 'id')).toHaveLength(3);
  });
});
