import { afterAll, describe, expect, it } from 'vitest';
import {
  constantcontactProjectWithPlans,
  constantcontactProjectYaml,
  constantcontactProviders,
  loadErrors,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

const NO_PLANS = 'connection: cc-partner\nplans: {}\n';

function errors(plans: string, project?: string): Promise<string[]> {
  return constantcontactProjectWithPlans(plans, project).then((root) =>
    loadErrors(root, constantcontactProviders),
  );
}

/** A plans file with one entry, `lines` indented under it. */
function entry(...lines: string[]): string {
  return `connection: cc-partner\nplans:\n  gold:\n${lines.map((line) => `    ${line}\n`).join('')}`;
}

describe('Constant Contact: connection options', () => {
  it('rejects an unknown option with a did-you-mean, and does not also call plan_types missing', async () => {
    const project = constantcontactProjectYaml('    options:\n      plan_type: [GOLD]\n');

    expect(await errors(NO_PLANS, project)).toEqual([
      'plansync.yaml:10:7: connections.cc-partner.options.plan_type: unknown option `plan_type` for provider constantcontact (did you mean `plan_types`?)',
    ]);
  });

  it('lists the options it takes when nothing is close', async () => {
    const project = constantcontactProjectYaml(
      '    options:\n      plan_types: [GOLD]\n      region: us-east-1\n',
    );

    expect(await errors(NO_PLANS, project)).toEqual([
      'plansync.yaml:11:7: connections.cc-partner.options.region: unknown option `region` for provider constantcontact (constantcontact takes: plan_types, token_url)',
    ]);
  });

  it('requires plan_types', async () => {
    const project = constantcontactProjectYaml('');

    expect(await errors(NO_PLANS, project)).toEqual([
      'plansync.yaml:3:3: connections.cc-partner.options.plan_types: missing required option `plan_types`: the plan types enabled in your partner plan group (list them, e.g. `plan_types: [TRIAL, BRONZE, SILVER, GOLD]`; Constant Contact rejects any other plan_type)',
    ]);
  });

  it('checks each plan type: uppercase, listed once, and the list not empty', async () => {
    const bad = constantcontactProjectYaml('    options:\n      plan_types: [gold, SILVER, SILVER]\n');
    const empty = constantcontactProjectYaml('    options:\n      plan_types: []\n');

    expect([...(await errors(NO_PLANS, bad)), ...(await errors(NO_PLANS, empty))]).toEqual([
      'plansync.yaml:10:20: connections.cc-partner.options.plan_types[0]: expected an uppercase plan type like GOLD (letters, digits and `_`), got `gold` (did you mean `GOLD`?)',
      'plansync.yaml:10:34: connections.cc-partner.options.plan_types[2]: plan type `SILVER` is listed twice (also at options.plan_types[1]) (list each plan type once)',
      'plansync.yaml:10:7: connections.cc-partner.options.plan_types: expected at least 1 plan type, got none (list the plan types enabled in your partner plan group, e.g. `[TRIAL, BRONZE, SILVER, GOLD]`)',
    ]);
  });

  it('wants token_url to be an http(s) URL', async () => {
    const project = constantcontactProjectYaml(
      '    options:\n      plan_types: [GOLD]\n      token_url: authz.constantcontact.com/token\n',
    );

    expect(await errors(NO_PLANS, project)).toEqual([
      'plansync.yaml:11:18: connections.cc-partner.options.token_url: expected an http:// or https:// URL, got `authz.constantcontact.com/token` (the partner token endpoint, e.g. https://authz.constantcontact.com/partners/oauth2/default/v1/token)',
    ]);
  });
});

describe('Constant Contact: plans', () => {
  it('rejects a plan_type outside the connection’s plan group, with a did-you-mean', async () => {
    const plans = entry('encoded_account_id: a07e1lwvtuw0', 'plan_type: GOLDD');

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:5:16: plans.gold.plan_type: plan_type `GOLDD` is not enabled for connection `cc-partner`: its plan group has TRIAL, BRONZE, SILVER, GOLD (did you mean `GOLD`?)',
    ]);
  });

  it('says how to enable a plan type nothing resembles', async () => {
    const plans = entry('encoded_account_ids: [a1, a2]', 'plan_type: PLATINUM');

    expect(await errors(plans)).toEqual([
      "plans/constantcontact.yaml:5:16: plans.gold.plan_type: plan_type `PLATINUM` is not enabled for connection `cc-partner`: its plan group has TRIAL, BRONZE, SILVER, GOLD (Constant Contact rejects plan types outside the partner plan group (400); if yours has it, add it to the connection's `options.plan_types`)",
    ]);
  });

  it('needs exactly one of encoded_account_id and encoded_account_ids', async () => {
    const both = entry('encoded_account_id: a1', 'encoded_account_ids: [a2]', 'plan_type: GOLD');
    const neither = entry('plan_type: GOLD');

    expect([...(await errors(both)), ...(await errors(neither))]).toEqual([
      'plans/constantcontact.yaml:5:5: plans.gold.encoded_account_ids: `encoded_account_id` and `encoded_account_ids` exclude each other; write exactly one (`encoded_account_id` for one client account, `encoded_account_ids` for a group of client accounts)',
      'plans/constantcontact.yaml:3:3: plans.gold: missing required key: one of `encoded_account_id`, `encoded_account_ids` (`encoded_account_id` for one client account, `encoded_account_ids` for a group of client accounts)',
    ]);
  });

  it('reports a misspelt id field once, as a did-you-mean', async () => {
    const plans = entry('encoded_acount_ids: [a1]', 'plan_type: GOLD');

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:4:5: plans.gold.encoded_acount_ids: unknown key `encoded_acount_ids` (did you mean `encoded_account_ids`?)',
    ]);
  });

  it('names both places when one account is in a group and in a single entry', async () => {
    const plans = `connection: cc-partner
plans:
  gold:
    encoded_account_ids:
      - a07e1lwvtuw0
      - a08e1izzh8t9
    plan_type: GOLD
  special:
    encoded_account_id: a08e1izzh8t9
    plan_type: SILVER
`;

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:9:25: plans.special.encoded_account_id: encoded_account_id a08e1izzh8t9 is already pinned by plan `gold/a08e1izzh8t9` (plans/constantcontact.yaml:6:9) (a live plan can be managed by one YAML plan only)',
    ]);
  });

  it('names both places when two groups share an account', async () => {
    const plans = `connection: cc-partner
plans:
  gold:
    encoded_account_ids: [a1, a2]
    plan_type: GOLD
  silver:
    encoded_account_ids: [a3, a1]
    plan_type: SILVER
`;

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:7:31: plans.silver.encoded_account_ids[1]: encoded_account_id a1 is already pinned by plan `gold/a1` (plans/constantcontact.yaml:4:27) (a live plan can be managed by one YAML plan only)',
    ]);
  });

  it('rejects an account listed twice in one group', async () => {
    const plans = entry('encoded_account_ids: [a1, a2, a1]', 'plan_type: GOLD');

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:4:35: plans.gold.encoded_account_ids[2]: `a1` is listed twice (also at plans.gold.encoded_account_ids[0]); expected each item once',
    ]);
  });

  it('rejects an empty group and malformed account ids', async () => {
    const empty = entry('encoded_account_ids: []', 'plan_type: GOLD');
    const malformed = entry('encoded_account_ids: [a1, "a-2"]', 'plan_type: GOLD');

    expect([...(await errors(empty)), ...(await errors(malformed))]).toEqual([
      'plans/constantcontact.yaml:4:5: plans.gold.encoded_account_ids: expected at least 1 item, got none',
      'plans/constantcontact.yaml:4:31: plans.gold.encoded_account_ids[1]: expected an encoded account id of 1 to 64 letters and digits (e.g. a07e1lwvtuw0), got `a-2`',
    ]);
  });

  it.each([
    ['0', 'got `0`'],
    ['32', 'got `32`'],
  ])('rejects billing_day_of_month %s', async (day, got) => {
    const plans = entry('encoded_account_id: a1', 'plan_type: GOLD', `billing_day_of_month: ${day}`);

    expect(await errors(plans)).toEqual([
      `plans/constantcontact.yaml:6:27: plans.gold.billing_day_of_month: expected a whole number from 1 to 31, ${got}`,
    ]);
  });

  it('rejects billing_status Active, suggesting Open', async () => {
    const plans = entry('encoded_account_id: a1', 'plan_type: GOLD', 'billing_status: Active');

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:6:21: plans.gold.billing_status: expected one of Open, Canceled, got `Active` (did you mean `Open`?)',
    ]);
  });

  it('rejects a lower-case plan_type with the upper-case spelling', async () => {
    const plans = entry('encoded_account_id: a1', 'plan_type: gold');

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:5:16: plans.gold.plan_type: expected an uppercase plan type like GOLD (letters, digits and `_`), got `gold` (did you mean `GOLD`?)',
    ]);
  });

  it('rejects what a TRIAL account cannot have: a billing day, or billing_status Open', async () => {
    const plans = entry(
      'encoded_account_id: a1',
      'plan_type: TRIAL',
      'billing_day_of_month: 1',
      'billing_status: Open',
    );

    expect(await errors(plans)).toEqual([
      'plans/constantcontact.yaml:6:27: plans.gold.billing_day_of_month: billing_day_of_month cannot be set with plan_type TRIAL: a trial account has no billing day (the billing day is set by the change that leaves TRIAL; remove it, or pick a paid plan_type)',
      'plans/constantcontact.yaml:7:21: plans.gold.billing_status: billing_status Open cannot go with plan_type TRIAL: an account becomes Open by leaving TRIAL, and TRIAL cannot reactivate a canceled account (pick a paid plan_type, or remove billing_status)',
    ]);
  });

  it('does not check plan types against a broken plan_types list (reported on the connection)', async () => {
    const project = constantcontactProjectYaml('    options:\n      plan_types: [gold]\n');
    const plans = entry('encoded_account_id: a1', 'plan_type: SILVER');

    expect(await errors(plans, project)).toEqual([
      'plansync.yaml:10:20: connections.cc-partner.options.plan_types[0]: expected an uppercase plan type like GOLD (letters, digits and `_`), got `gold` (did you mean `GOLD`?)',
    ]);
  });
});
