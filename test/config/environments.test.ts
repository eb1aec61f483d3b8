// Environments in the project file and the plans files: the merge each environment sees, and every
// rule the loader adds, each error located where the value is written.

import { afterAll, describe, expect, it } from 'vitest';
import { loadProject, loadProjects } from '../../src/config/load-project.js';
import { schemaValidator } from '../../src/config/schema-store.js';
import { parseYamlSource } from '../../src/config/yaml-source.js';
import { ConfigError, UserError } from '../../src/errors.js';
import { makeProject, providers, removeProjects } from './helpers.js';

afterAll(removeProjects);

const PROJECT = `version: 1
connections:
  bs:
    provider: bluesnap
    limits: { concurrency: 3, retries: 1 }
    safety: { max_price_change_percent: 40 }
environments:
  sandbox:
    connections:
      bs:
        credentials: { username: BS_SBX_USER, password: BS_SBX_PASSWORD }
  production:
    follows: sandbox
    connections:
      bs:
        credentials: { username: BS_USER, password: BS_PASSWORD }
        limits: { retries: 6 }
        base_url: https://ws.bluesnap.com/services/2
`;

const PLANS = `connection: bs
plans:
  basic:
    name: Basic
    recurringChargeAmount: 9.99
    currency: USD
    chargeFrequency: MONTHLY
    environments:
      sandbox:
        planId: 111
      production:
        planId: 222
        name: Basic (live)
`;

async function issues(files: Record<string, string>, environment?: string): Promise<string[]> {
  const root = await makeProject(files);
  try {
    await loadProjects(root, providers, environment === undefined ? {} : { environments: [environment] });
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.issues.map(
        (issue) =>
          `${issue.location.file}:${issue.location.line}:${issue.location.column} ${issue.path}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`,
      );
    }
    throw error;
  }
  return [];
}

describe('an environment binds each connection', () => {
  it('merges credentials, limits and safety key by key, and replaces the rest', async () => {
    const root = await makeProject({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': PLANS });

    const [sandbox, production] = await loadProjects(root, providers);

    expect(sandbox?.environment?.name).toBe('sandbox');
    expect(sandbox?.connections[0]).toMatchObject({
      name: 'bs',
      boundIn: 'sandbox',
      environment: 'sandbox',
      credentials: { username: 'BS_SBX_USER', password: 'BS_SBX_PASSWORD' },
      limits: { concurrency: 3, retries: 1 },
      safety: { maxPriceChangePercent: 40 },
    });
    expect(sandbox?.connections[0]?.baseUrl).toBeUndefined();
    expect(production?.environment).toMatchObject({ name: 'production', follows: 'sandbox' });
    expect(production?.connections[0]).toMatchObject({
      environment: 'production',
      baseUrl: 'https://ws.bluesnap.com/services/2',
      credentials: { username: 'BS_USER', password: 'BS_PASSWORD' },
      limits: { concurrency: 3, retries: 6 },
    });
  });

  it('gives each environment its own values of a plan, and says which fields are environment-bound', async () => {
    const root = await makeProject({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': PLANS });

    const sandbox = await loadProject(root, providers, { environment: 'sandbox' });
    const production = await loadProject(root, providers, { environment: 'production' });

    const [sandboxPlan] = sandbox.plansFiles[0]?.plans ?? [];
    const [productionPlan] = production.plansFiles[0]?.plans ?? [];
    expect(sandboxPlan).toMatchObject({ key: 'basic', id: '111', spec: { name: 'Basic' } });
    expect(productionPlan).toMatchObject({ key: 'basic', id: '222', spec: { name: 'Basic (live)' } });
    expect(productionPlan?.environmentBound).toEqual(['name', 'planId']);
    // Located where each environment's value is written.
    expect(productionPlan?.locate('name')).toEqual({ file: 'plans/bs.yaml', line: 13, column: 15 });
    expect(sandboxPlan?.locate('name')).toEqual({ file: 'plans/bs.yaml', line: 4, column: 11 });
  });

  it('orders environments so each comes after the one it follows', async () => {
    const root = await makeProject({
      'plansync.yaml': PROJECT.replace(
        'environments:\n',
        'environments:\n  staging:\n    follows: sandbox\n    environment_placeholder: 1\n',
      ).replace(
        '    environment_placeholder: 1\n',
        '    connections:\n      bs:\n        environment: sandbox\n        credentials: { username: BS_STG_USER, password: BS_STG_PASSWORD }\n',
      ),
      'plans/bs.yaml': PLANS,
    });

    const projects = await loadProjects(root, providers);

    expect(projects.map((project) => project.environment?.name)).toEqual([
      'sandbox',
      'staging',
      'production',
    ]);
  });

  it('needs --env to load one environment, and names the environments it declares', async () => {
    const root = await makeProject({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': PLANS });

    await expect(loadProject(root, providers)).rejects.toThrow(
      'plansync.yaml declares environments (sandbox, production): choose one with --env NAME.',
    );
    await expect(loadProject(root, providers, { environment: 'prod' })).rejects.toThrow(UserError);
  });
});

describe('environment rules, located', () => {
  it('an environment that does not bind a connection', async () => {
    const project = PROJECT.replace(
      '      bs:\n        credentials: { username: BS_USER, password: BS_PASSWORD }\n        limits: { retries: 6 }\n        base_url: https://ws.bluesnap.com/services/2\n',
      '      bz:\n        credentials: { username: BS_USER, password: BS_PASSWORD }\n',
    );
    expect(await issues({ 'plansync.yaml': project, 'plans/bs.yaml': PLANS }, 'sandbox')).toEqual([
      "plansync.yaml:14:5 environments.production.connections: environment `production` does not bind connection `bs` (add `bs:` under environments.production.connections with this environment's credentials (and base_url, limits, safety where they differ))",
      'plansync.yaml:15:7 environments.production.connections.bz: unknown connection `bz` (did you mean `bs`?)',
    ]);
  });

  it('follows naming no environment, itself, or a circle', async () => {
    const unknown = PROJECT.replace('follows: sandbox', 'follows: sandbx');
    expect(await issues({ 'plansync.yaml': unknown, 'plans/bs.yaml': PLANS }, 'sandbox')).toEqual([
      'plansync.yaml:13:14 environments.production.follows: unknown environment `sandbx` (did you mean `sandbox`?)',
    ]);
    const circle = PROJECT.replace(
      '  sandbox:\n    connections:',
      '  sandbox:\n    follows: production\n    connections:',
    );
    const found = await issues({ 'plansync.yaml': circle, 'plans/bs.yaml': PLANS }, 'sandbox');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('environments follow each other in a circle');
  });

  it('two environments reaching one account are refused', async () => {
    const shared = PROJECT.replace(
      'username: BS_USER, password: BS_PASSWORD',
      'username: BS_SBX_USER, password: BS_SBX_PASSWORD',
    )
      .replace('        base_url: https://ws.bluesnap.com/services/2\n', '')
      .replace(
        '  production:\n    follows: sandbox\n    connections:\n      bs:\n',
        '  production:\n    follows: sandbox\n    connections:\n      bs:\n        environment: sandbox\n',
      );
    const found = await issues({ 'plansync.yaml': shared, 'plans/bs.yaml': PLANS }, 'sandbox');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      'environments `sandbox` and `production` reach connection `bs` through the same account',
    );
  });

  it('`all` cannot name an environment', async () => {
    const project = PROJECT.replace('  production:\n    follows: sandbox', '  all:\n    follows: sandbox');
    const found = await issues({ 'plansync.yaml': project, 'plans/bs.yaml': PLANS }, 'sandbox');
    expect(found.some((line) => line.includes('`all` cannot name an environment'))).toBe(true);
  });

  it('a plan naming an environment the project does not declare', async () => {
    const plans = PLANS.replace('      production:\n', '      prodution:\n');
    expect(await issues({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': plans }, 'sandbox')).toEqual([
      'plans/bs.yaml:11:7 plans.basic.environments.prodution: unknown environment `prodution` (did you mean `production`?)',
    ]);
  });

  it('a plan with environments in a project without them', async () => {
    const project = `version: 1
connections:
  bs:
    provider: bluesnap
    credentials: { username: BS_USER, password: BS_PASSWORD }
`;
    expect(await issues({ 'plansync.yaml': project, 'plans/bs.yaml': PLANS })).toEqual([
      'plans/bs.yaml:8:5 plans.basic.environments: plansync.yaml declares no environments (declare them under `environments:` in plansync.yaml, or write these values on the plan itself)',
    ]);
  });

  it('a required field missing once merged is reported for the environment that lacks it', async () => {
    const plans = PLANS.replace('    name: Basic\n', '').replace(
      '        planId: 111\n',
      '        planId: 111\n        name: Basic\n',
    );
    const found = await issues({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': plans });
    expect(found).toEqual([]);
    const lacking = PLANS.replace('    name: Basic\n', '');
    expect(await issues({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': lacking })).toEqual([
      'plans/bs.yaml:3:3 plans.basic.name: missing required key `name` (environment sandbox has no value for it: write it on the plan, or under its `environments.sandbox`)',
    ]);
  });

  it('a bad value in an environment is located there, once', async () => {
    const plans = PLANS.replace('        planId: 222\n', '        planId: 222\n        currency: usd\n');
    const found = await issues({ 'plansync.yaml': PROJECT, 'plans/bs.yaml': plans });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^plans\/bs\.yaml:13:19 plans\.basic\.environments\.production\.currency: /);
  });

  it('a connection without credentials anywhere', async () => {
    const project = PROJECT.replace(
      '        credentials: { username: BS_SBX_USER, password: BS_SBX_PASSWORD }\n',
      '        limits: { retries: 2 }\n',
    );
    const found = await issues({ 'plansync.yaml': project, 'plans/bs.yaml': PLANS }, 'sandbox');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('missing required key `credentials`');
  });
});

describe('the schemas editors read', () => {
  it('accept a project with environments and a plan whose required field is per environment', () => {
    const project = parseYamlSource('plansync.yaml', new TextEncoder().encode(PROJECT)).source?.data;
    const plans = parseYamlSource(
      'plans/bs.yaml',
      new TextEncoder().encode(PLANS.replace('    name: Basic\n', '')),
    ).source?.data;

    expect(schemaValidator('project.schema.json')(project)).toBe(true);
    expect(schemaValidator('bluesnap.plans.schema.json')(plans)).toBe(true);
  });

  it('still require every field of a plan without environments', () => {
    const plans = parseYamlSource(
      'plans/bs.yaml',
      new TextEncoder().encode('connection: bs\nplans:\n  basic:\n    currency: USD\n'),
    ).source?.data;

    expect(schemaValidator('bluesnap.plans.schema.json')(plans)).toBe(false);
  });
});
