import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import {
  constantcontactProjectWithPlans,
  constantcontactProjectYaml,
  constantcontactProviders,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

const PLANS = `connection: cc-partner
plans:
  gold-accounts: # a group
    encoded_account_ids:
      - a07e1lwvtuw0
      - a08e1izzh8t9
    plan_type: GOLD
    billing_day_of_month: 1
    lifecycle: { prevent_destroy: true }
  reactivate:
    encoded_account_id: c09x2kd
    plan_type: SILVER
    billing_status: Open
`;

describe('Constant Contact: loading', () => {
  it('expands a group into one plan per account, keyed <entry>/<account>', async () => {
    const root = await constantcontactProjectWithPlans(PLANS);

    const [file] = (await loadProject(root, constantcontactProviders)).plansFiles;

    expect(
      file?.plans.map(({ key, id, spec, lifecycle, group }) => ({ key, id, spec, lifecycle, group })),
    ).toEqual([
      {
        key: 'gold-accounts/a07e1lwvtuw0',
        id: 'a07e1lwvtuw0',
        spec: { plan_type: 'GOLD', billing_day_of_month: 1 },
        lifecycle: { replace: false, preventDestroy: true },
        group: { key: 'gold-accounts', index: 0 },
      },
      {
        key: 'gold-accounts/a08e1izzh8t9',
        id: 'a08e1izzh8t9',
        spec: { plan_type: 'GOLD', billing_day_of_month: 1 },
        lifecycle: { replace: false, preventDestroy: true },
        group: { key: 'gold-accounts', index: 1 },
      },
      {
        key: 'reactivate',
        id: 'c09x2kd',
        spec: { plan_type: 'SILVER', billing_status: 'Open' },
        lifecycle: { replace: false, preventDestroy: false },
        group: undefined,
      },
    ]);
  });

  it("points each group member at its account's line, and its fields at the entry's", async () => {
    const root = await constantcontactProjectWithPlans(PLANS);

    const plans = (await loadProject(root, constantcontactProviders)).plansFiles[0]?.plans ?? [];

    expect(
      plans.map((plan) => [plan.location, plan.locate('encoded_account_id'), plan.locate('plan_type')]),
    ).toEqual([
      [
        { file: 'plans/constantcontact.yaml', line: 5, column: 9 },
        { file: 'plans/constantcontact.yaml', line: 5, column: 9 },
        { file: 'plans/constantcontact.yaml', line: 7, column: 16 },
      ],
      [
        { file: 'plans/constantcontact.yaml', line: 6, column: 9 },
        { file: 'plans/constantcontact.yaml', line: 6, column: 9 },
        { file: 'plans/constantcontact.yaml', line: 7, column: 16 },
      ],
      [
        { file: 'plans/constantcontact.yaml', line: 10, column: 3 },
        { file: 'plans/constantcontact.yaml', line: 11, column: 25 },
        { file: 'plans/constantcontact.yaml', line: 12, column: 16 },
      ],
    ]);
  });

  it("applies Constant Contact's documented quotas: 4 requests/s and 10,000 a day", async () => {
    const root = await constantcontactProjectWithPlans(PLANS);

    const [connection] = (await loadProject(root, constantcontactProviders)).connections;

    expect(connection?.limits).toEqual({
      concurrency: 2,
      requestsPerSecond: 4,
      timeoutMs: 30000,
      maxRetryWaitMs: 30000,
      maxResponseBytes: 33554432,
      retries: 4,
      dailyBudget: 10000,
    });
  });

  it('lets the project file raise the quotas (a partner key with raised limits)', async () => {
    const project = constantcontactProjectYaml(
      '    limits: { requests_per_second: 10, daily_budget: 250000 }\n    options: { plan_types: [GOLD] }\n',
    );
    const root = await constantcontactProjectWithPlans('connection: cc-partner\nplans: {}\n', project);

    const [connection] = (await loadProject(root, constantcontactProviders)).connections;

    expect(connection?.limits).toMatchObject({ requestsPerSecond: 10, dailyBudget: 250000 });
  });

  it('keeps the options as written, for the provider', async () => {
    const project = constantcontactProjectYaml(
      '    options:\n      plan_types: [TRIAL, GOLD]\n      token_url: http://127.0.0.1:4020/oauth2/token\n',
    );
    const root = await constantcontactProjectWithPlans('connection: cc-partner\nplans: {}\n', project);

    const [connection] = (await loadProject(root, constantcontactProviders)).connections;

    expect(connection?.options).toEqual({
      plan_types: ['TRIAL', 'GOLD'],
      token_url: 'http://127.0.0.1:4020/oauth2/token',
    });
  });

  it('accepts billing_status Canceled (compared, never acted on by cancelling)', async () => {
    const root = await constantcontactProjectWithPlans(
      'connection: cc-partner\nplans:\n  gone:\n    encoded_account_id: z1\n    plan_type: BRONZE\n    billing_status: Canceled\n',
    );

    const plans = (await loadProject(root, constantcontactProviders)).plansFiles[0]?.plans;

    expect(plans?.[0]?.spec).toEqual({ plan_type: 'BRONZE', billing_status: 'Canceled' });
  });
});
