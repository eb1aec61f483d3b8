import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import {
  makeProject,
  PLANS_YAML,
  PROJECT_YAML,
  projectWithPlans,
  providers,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

describe('loadProject: a valid project', () => {
  it('applies the documented defaults to a minimal connection', async () => {
    const root = await projectWithPlans(PLANS_YAML);

    const project = await loadProject(root, providers);

    expect(project.connections).toEqual([
      {
        name: 'bluesnap-sandbox',
        provider: 'bluesnap',
        environment: 'sandbox',
        credentials: { username: 'BLUESNAP_USERNAME', password: 'BLUESNAP_PASSWORD' },
        limits: {
          concurrency: 2,
          requestsPerSecond: 5,
          timeoutMs: 30000,
          maxRetryWaitMs: 30000,
          maxResponseBytes: 33554432,
          retries: 4,
        },
        options: {},
        prune: false,
        safety: { maxChangeShare: 0.3, maxRetireShare: 0.1, maxPriceChangePercent: 50, minExisting: 10 },
        location: { file: 'plansync.yaml', line: 4, column: 3 },
      },
    ]);
  });

  it('reads every connection option, renamed to camelCase', async () => {
    const root = await makeProject({
      'plansync.yaml': `version: 1
plans: catalogue
connections:
  bluesnap-live:
    provider: bluesnap
    environment: production
    base_url: http://127.0.0.1:4010/services/2
    credentials: { username: BS_USER, password: BS_PASS }
    limits: { concurrency: 8, requests_per_second: 0.5, timeout_ms: 1000, max_retry_wait_ms: 5000, max_response_bytes: 1048576, retries: 0, daily_budget: 500 }
    prune: true
    safety: { max_change_share: 1, max_retire_share: 0, max_price_change_percent: 200, min_existing: 0 }
`,
      'catalogue/live.yaml': 'connection: bluesnap-live\nplans: {}\n',
    });

    const [connection] = (await loadProject(root, providers)).connections;

    expect(connection).toMatchObject({
      environment: 'production',
      baseUrl: 'http://127.0.0.1:4010/services/2',
      credentials: { username: 'BS_USER', password: 'BS_PASS' },
      limits: {
        concurrency: 8,
        requestsPerSecond: 0.5,
        timeoutMs: 1000,
        maxRetryWaitMs: 5000,
        maxResponseBytes: 1048576,
        retries: 0,
        dailyBudget: 500,
      },
      options: {},
      prune: true,
      safety: { maxChangeShare: 1, maxRetireShare: 0, maxPriceChangePercent: 200, minExisting: 0 },
    });
  });

  it('turns each plan into a key, a pinned id string, provider fields and lifecycle options', async () => {
    const root = await projectWithPlans(`connection: bluesnap-sandbox
plans:
  gold-annual:
    planId: "2283845"
    name: Gold
    recurringChargeAmount: "299.00"
    currency: EUR
    chargeFrequency: ANNUALLY
    lifecycle:
      replace: true
`);

    const [plan] = (await loadProject(root, providers)).plansFiles[0]?.plans ?? [];

    expect(plan).toMatchObject({
      key: 'gold-annual',
      id: '2283845',
      spec: { name: 'Gold', recurringChargeAmount: '299.00', currency: 'EUR', chargeFrequency: 'ANNUALLY' },
      lifecycle: { replace: true, preventDestroy: false },
      location: { file: 'plans/bluesnap.yaml', line: 3, column: 3 },
    });
  });

  it('leaves the id out of the spec and the plan without one unpinned', async () => {
    const root = await projectWithPlans(`connection: bluesnap-sandbox
plans:
  starter:
    name: Starter
    recurringChargeAmount: 5
    currency: USD
    chargeFrequency: MONTHLY
`);

    const [plan] = (await loadProject(root, providers)).plansFiles[0]?.plans ?? [];

    expect(plan?.id).toBeUndefined();
    expect(Object.keys(plan?.spec ?? {})).toEqual([
      'name',
      'recurringChargeAmount',
      'currency',
      'chargeFrequency',
    ]);
  });

  it('locates a plan field, and falls back to the plan key for an absent one', async () => {
    const root = await projectWithPlans(PLANS_YAML);
    const [plan] = (await loadProject(root, providers)).plansFiles[0]?.plans ?? [];

    const currency = plan?.locate('currency');
    const trial = plan?.locate('trialPeriodDays');

    expect(currency).toEqual({ file: 'plans/bluesnap.yaml', line: 7, column: 15 });
    expect(trial).toEqual({ file: 'plans/bluesnap.yaml', line: 3, column: 3 });
  });

  it('finds .yaml and .yml plans files in subdirectories, named relative to the root', async () => {
    const root = await makeProject({
      'plansync.yaml': `${PROJECT_YAML}  second:
    provider: bluesnap
    credentials: { username: U2, password: P2 }
`,
      'plans/eu/bluesnap.yml': PLANS_YAML,
      'plans/second.yaml': 'connection: second\nplans: {}\n',
      'plans/.hidden/ignored.yaml': 'not: [valid',
      'plans/readme.md': '# not a plans file',
    });

    const project = await loadProject(root, providers);

    expect(project.plansFiles.map((file) => [file.file, file.connection])).toEqual([
      ['plans/eu/bluesnap.yml', 'bluesnap-sandbox'],
      ['plans/second.yaml', 'second'],
    ]);
  });

  it('reads another project file when asked', async () => {
    const root = await makeProject({
      'config/staging.yaml': PROJECT_YAML,
      'plans/bluesnap.yaml': PLANS_YAML,
    });

    const project = await loadProject(root, providers, { projectFile: 'config/staging.yaml' });

    expect(project.file).toBe('config/staging.yaml');
  });

  it('accepts plansync.yml when there is no plansync.yaml', async () => {
    const root = await makeProject({ 'plansync.yml': PROJECT_YAML, 'plans/bluesnap.yaml': PLANS_YAML });

    const project = await loadProject(root, providers);

    expect(project.file).toBe('plansync.yml');
  });

  it('accepts a connection without a plans file', async () => {
    const root = await makeProject({ 'plansync.yaml': PROJECT_YAML, 'plans/.gitkeep': '' });

    const project = await loadProject(root, providers);

    expect(project.plansFiles).toEqual([]);
  });
});
