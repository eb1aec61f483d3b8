import { afterAll, describe, expect, it } from 'vitest';
import {
  fakeBluesnap,
  loadErrors,
  loadIssues,
  lookupOf,
  makeProject,
  PLANS_YAML,
  PROJECT_YAML,
  projectWithPlans,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

/** A plans file with one plan whose body is `fields` (indented by the caller's lines). */
function onePlan(fields: string): string {
  return `connection: bluesnap-sandbox\nplans:\n  basic-monthly:\n${fields}`;
}

const VALID_FIELDS = `    name: Basic Monthly
    recurringChargeAmount: 9.99
    currency: USD
    chargeFrequency: MONTHLY
`;

describe('plans file: schema shape', () => {
  it('reports a misspelt key once, with the key it meant', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS.replace('currency:', 'curency:')));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:6:5: plans.basic-monthly.curency: unknown key `curency` (did you mean `currency`?)',
    ]);
  });

  it('lists the allowed keys for an unknown key nothing resembles', async () => {
    const root = await projectWithPlans(onePlan(`${VALID_FIELDS}    colour: blue\n`));

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe('unknown key `colour`');
    expect(issue?.hint).toMatch(/^allowed keys: planId, name, recurringChargeAmount, currency, /);
  });

  it('suggests the enum value for a misspelt frequency', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS.replace('MONTHLY', 'MONTLY')));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:7:22: plans.basic-monthly.chargeFrequency: expected one of ONCE, DAILY, WEEKLY, EVERY 2 WEEKS, MONTHLY, EVERY 2 MONTHS, QUARTERLY, EVERY 6 MONTHS, ANNUALLY, EVERY 2 YEARS, EVERY 3 YEARS, got `MONTLY` (did you mean `MONTHLY`?)',
    ]);
  });

  it('says what a status may be', async () => {
    const root = await projectWithPlans(onePlan(`${VALID_FIELDS}    status: ACTIV\n`));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:8:13: plans.basic-monthly.status: expected one of ACTIVE, INACTIVE, got `ACTIV` (did you mean `ACTIVE`?)',
    ]);
  });

  it('points a missing required key at the plan that lacks it', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS.replace('    currency: USD\n', '')));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:3:3: plans.basic-monthly.currency: missing required key `currency`',
    ]);
  });

  it('collapses the amount alternatives into one message for a value of the wrong type', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS.replace('9.99', 'true')));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:5:28: plans.basic-monthly.recurringChargeAmount: expected an amount greater than 0: a number like 29.99 or a decimal string like "29.99", got `true` (a boolean)',
    ]);
  });

  it('explains a malformed decimal string by the string form only', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS.replace('9.99', '"9,99"')));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:5:28: plans.basic-monthly.recurringChargeAmount: expected a decimal string greater than 0, like "29.99", got `9,99`',
    ]);
  });

  it('rejects a zero amount', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS.replace('9.99', '0')));

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe('expected a number greater than 0, got `0`');
  });

  it('rejects a plan key with capitals and suggests the lowercase key', async () => {
    const root = await projectWithPlans(onePlan(VALID_FIELDS).replace('basic-monthly:', 'Basic-Monthly:'));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:3:3: plans.Basic-Monthly: invalid key `Basic-Monthly`: expected a plan key of lowercase letters, digits, `.`, `_` and `-`, at most 64 characters (e.g. `basic-monthly`) (did you mean `basic-monthly`?)',
    ]);
  });

  it('rejects unknown lifecycle options', async () => {
    const root = await projectWithPlans(
      onePlan(`${VALID_FIELDS}    lifecycle:\n      prevent-destroy: true\n`),
    );

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:9:7: plans.basic-monthly.lifecycle.prevent-destroy: unknown key `prevent-destroy` (did you mean `prevent_destroy`?)',
    ]);
  });

  it('says how to write an empty plans mapping', async () => {
    const root = await projectWithPlans('connection: bluesnap-sandbox\nplans:\n');

    const [issue] = await loadIssues(root);

    expect(issue).toMatchObject({
      location: { file: 'plans/bluesnap.yaml', line: 2, column: 1 },
      message: 'expected a mapping, got an empty value',
      hint: 'for an empty mapping write `{}`',
    });
  });

  it('refuses YAML merge keys with a reason', async () => {
    const root = await projectWithPlans(onePlan(`${VALID_FIELDS}    <<: { gracePeriodDays: 3 }\n`));

    const [issue] = await loadIssues(root);

    expect(issue?.hint).toBe('YAML merge keys (`<<`) are not supported; write the fields out');
  });

  it('rejects a plans file that is not a mapping', async () => {
    const root = await projectWithPlans('- one\n- two\n');

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:1:1: expected a mapping with `connection` and `plans`, got a list',
    ]);
  });
});

describe('plans file: connections', () => {
  it('suggests the connection meant by a misspelt name', async () => {
    const root = await projectWithPlans(PLANS_YAML.replace('bluesnap-sandbox', 'bluesnap-sandbx'));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:1:13: connection: unknown connection `bluesnap-sandbx` (did you mean `bluesnap-sandbox`?)',
    ]);
  });

  it('requires the connection key and lists the connections', async () => {
    const root = await projectWithPlans('plans: {}\n');

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:1:1: connection: missing required key `connection` (connections in plansync.yaml: bluesnap-sandbox)',
    ]);
  });

  it('names both files when two plans files claim one connection', async () => {
    const root = await projectWithPlans(PLANS_YAML, {
      'plans/more.yaml': 'connection: bluesnap-sandbox\nplans: {}\n',
    });

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/more.yaml:1:13: connection: connection `bluesnap-sandbox` already has a plans file: plans/bluesnap.yaml:1:13 (keep all plans of a connection in one file; merge plans/more.yaml into plans/bluesnap.yaml)',
    ]);
  });

  it('does not pile plans errors onto a connection whose provider is unknown', async () => {
    const root = await makeProject({
      'plansync.yaml': PROJECT_YAML.replace('provider: bluesnap', 'provider: bluesnapp'),
      'plans/bluesnap.yaml': onePlan('    nonsense: 1\n'),
    });

    const errors = await loadErrors(root);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('unknown provider `bluesnapp`');
  });

  it('still checks plans files when a connection has other mistakes', async () => {
    const root = await makeProject({
      'plansync.yaml': `${PROJECT_YAML}    prune: yes\n`,
      'plans/bluesnap.yaml': onePlan(VALID_FIELDS.replace('USD', 'usd')),
    });

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:12: connections.bluesnap-sandbox.prune: expected true or false, got `yes` (a string)',
      'plans/bluesnap.yaml:6:15: plans.basic-monthly.currency: expected an uppercase ISO 4217 currency code (e.g. USD), got `usd` (did you mean `USD`?)',
    ]);
  });
});

describe('plans file: identity', () => {
  it('rejects one pinned id used by two plans, also across number and string forms', async () => {
    const root = await projectWithPlans(`connection: bluesnap-sandbox
plans:
  basic:
    planId: 2185251
${VALID_FIELDS}  basic-copy:
    planId: "2185251"
${VALID_FIELDS}`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:10:13: plans.basic-copy.planId: planId 2185251 is already pinned by plan `basic` (plans/bluesnap.yaml:4:13) (a live plan can be managed by one YAML plan only)',
    ]);
  });

  it('rejects a pinned id that is not a positive whole number', async () => {
    const root = await projectWithPlans(onePlan(`    planId: "P-123"\n${VALID_FIELDS}`));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:4:13: plans.basic-monthly.planId: expected a string of digits, e.g. "2185251", got `P-123`',
    ]);
  });

  it('reports a plan the provider cannot convert at the plan key', async () => {
    const picky = {
      ...fakeBluesnap,
      desiredAttrs: () => {
        throw new Error('amount out of range');
      },
    };
    const root = await projectWithPlans(onePlan(VALID_FIELDS));

    const errors = await loadErrors(root, lookupOf(picky));

    expect(errors).toEqual([
      'plans/bluesnap.yaml:3:3: plans.basic-monthly: the bluesnap provider cannot read this plan: amount out of range',
    ]);
  });
});

describe('issues across files', () => {
  it('reports every file, project file first, each in line order', async () => {
    const root = await makeProject({
      'plansync.yaml': `${PROJECT_YAML}    limits: { retries: 11 }\n`,
      'plans/a.yaml': onePlan(`${VALID_FIELDS}    status: ACTIV\n    gracePeriodDays: -1\n`),
      'plans/b.yaml': 'connection: nowhere\nplans: {}\n',
    });

    const errors = await loadErrors(root);

    expect(errors.map((error) => error.split(': ')[0])).toEqual([
      'plansync.yaml:9:24',
      'plans/a.yaml:8:13',
      'plans/a.yaml:9:22',
      'plans/b.yaml:1:13',
    ]);
  });
});
