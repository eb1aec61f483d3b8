import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import { ConfigError } from '../../src/errors.js';
import { loadErrors, loadIssues, makeProject, PLANS_YAML, removeProjects } from './helpers.js';

afterAll(removeProjects);

function project(body: string): Promise<string> {
  return makeProject({ 'plansync.yaml': body, 'plans/bluesnap.yaml': PLANS_YAML });
}

const CONNECTION = `connections:
  bluesnap-sandbox:
    provider: bluesnap
    credentials:
      username: BLUESNAP_USERNAME
      password: BLUESNAP_PASSWORD
`;

describe('project file errors', () => {
  it('names the expected path when the project file is missing', async () => {
    const root = await makeProject({ 'plans/bluesnap.yaml': PLANS_YAML });

    const error = await loadProject(root, { get: () => undefined, ids: () => [] }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(
      `project file not found: expected ${root}/plansync.yaml`,
    );
  });

  it('accepts only version 1', async () => {
    const root = await project(`version: 2\n${CONNECTION}`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:1:10: version: expected `1` (the only project file format this plansync reads), got `2`',
    ]);
  });

  it('reports a missing required key at the mapping that lacks it', async () => {
    const root = await project(CONNECTION);

    const errors = await loadErrors(root);

    expect(errors).toEqual(['plansync.yaml:1:1: version: missing required key `version`']);
  });

  it('rejects an unknown key and suggests the one meant', async () => {
    const root = await project(`version: 1\nplan: plans\n${CONNECTION}`);

    const errors = await loadErrors(root);

    expect(errors).toEqual(['plansync.yaml:2:1: plan: unknown key `plan` (did you mean `plans`?)']);
  });

  it('suggests the snake_case key for a camelCase spelling', async () => {
    const root = await project(`version: 1\n${CONNECTION}    limits:\n      timeoutMs: 100\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:7: connections.bluesnap-sandbox.limits.timeoutMs: unknown key `timeoutMs` (did you mean `timeout_ms`?)',
    ]);
  });

  it('says what range a limit must be in', async () => {
    const root = await project(`version: 1\n${CONNECTION}    limits:\n      concurrency: 40\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:20: connections.bluesnap-sandbox.limits.concurrency: expected a whole number from 1 to 32, got `40`',
    ]);
  });

  it('rejects a share above 1', async () => {
    const root = await project(`version: 1\n${CONNECTION}    safety:\n      max_retire_share: 1.5\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:25: connections.bluesnap-sandbox.safety.max_retire_share: expected a number from 0 to 1, got `1.5`',
    ]);
  });

  it('tells to drop the quotes around a quoted number', async () => {
    const root = await project(`version: 1\n${CONNECTION}    limits:\n      retries: "3"\n`);

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe('expected a whole number, got `3` (a string)');
    expect(issue?.hint).toBe('write the number without quotes');
  });

  it('suggests the registered provider for a misspelt one', async () => {
    const root = await project(
      `version: 1\n${CONNECTION.replace('provider: bluesnap', 'provider: bluesnapp')}`,
    );

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:4:15: connections.bluesnap-sandbox.provider: unknown provider `bluesnapp` (did you mean `bluesnap`?)',
    ]);
  });

  it('lists the registered providers when nothing is close', async () => {
    const root = await project(`version: 1\n${CONNECTION.replace('provider: bluesnap', 'provider: stripe')}`);

    const [issue] = await loadIssues(root);

    expect(issue?.hint).toBe('registered providers: bluesnap');
  });

  it('rejects a connection id that is not lowercase', async () => {
    const root = await project(`version: 1\n${CONNECTION.replace('bluesnap-sandbox:', 'BlueSnap:')}`);

    const [issue] = await loadIssues(root);

    expect(issue).toMatchObject({
      location: { file: 'plansync.yaml', line: 3, column: 3 },
      path: 'connections.BlueSnap',
      hint: 'did you mean `bluesnap`?',
    });
  });

  it('refuses a base URL that is not http(s)', async () => {
    const root = await project(`version: 1\n${CONNECTION}    base_url: ftp://example.test\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:8:15: connections.bluesnap-sandbox.base_url: expected an http:// or https:// URL, got `ftp://example.test`',
    ]);
  });

  it('requires at least one connection', async () => {
    const root = await project('version: 1\nconnections: {}\n');

    const errors = await loadErrors(root);

    expect(errors).toContain('plansync.yaml:2:1: connections: expected at least 1 entry, got none');
  });
});

describe('credentials in the project file', () => {
  it('rejects an unknown credential slot and suggests the provider slot', async () => {
    const root = await project(`version: 1\n${CONNECTION.replace('username:', 'usernme:')}`);

    const errors = await loadErrors(root);

    expect(errors[0]).toBe(
      'plansync.yaml:6:7: connections.bluesnap-sandbox.credentials.usernme: unknown credential slot `usernme` for provider bluesnap (did you mean `username`?)',
    );
  });

  it('names a missing credential slot at the credentials mapping', async () => {
    const root = await project(
      `version: 1\n${CONNECTION.replace('      password: BLUESNAP_PASSWORD\n', '')}`,
    );

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:5:5: connections.bluesnap-sandbox.credentials.password: missing credential slot `password` (API password) (name the environment variable that holds it, e.g. `password: BLUESNAP_PASSWORD`)',
    ]);
  });

  it('never echoes a secret pasted where a variable name belongs', async () => {
    const root = await project(`version: 1\n${CONNECTION.replace('BLUESNAP_PASSWORD', 's3cr3t-Pa55word')}`);

    const errors = await loadErrors(root);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('plansync.yaml:7:17: connections.bluesnap-sandbox.credentials.password:');
    expect(errors[0]).not.toContain('s3cr3t');
  });

  it('suggests the uppercase form of a lowercase variable name without echoing it', async () => {
    const root = await project(`version: 1\n${CONNECTION.replace('BLUESNAP_USERNAME', 'bluesnap_username')}`);

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe(
      'expected the NAME of an environment variable, like BLUESNAP_PASSWORD (not the secret itself), got something else (not shown, in case it is a secret)',
    );
  });
});

describe('the plans directory', () => {
  it('must exist', async () => {
    const root = await makeProject({ 'plansync.yaml': `version: 1\nplans: catalogue\n${CONNECTION}` });

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:2:8: plans: plans directory `catalogue` does not exist (create it, or set `plans:` to the directory holding your plans files)',
    ]);
  });

  it('must stay inside the project root', async () => {
    const root = await project(`version: 1\nplans: ../elsewhere\n${CONNECTION}`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:2:8: plans: plans directory `../elsewhere` is outside the project root',
    ]);
  });
});

describe('generic connection options and daily budget', () => {
  it('rejects options for a provider that takes none', async () => {
    const root = await project(`version: 1\n${CONNECTION}    options:\n      plan_types: [GOLD]\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:7: connections.bluesnap-sandbox.options.plan_types: unknown option `plan_types` for provider bluesnap (bluesnap takes no options)',
    ]);
  });

  it('wants options to be a mapping', async () => {
    const root = await project(`version: 1\n${CONNECTION}    options: [a]\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:8:5: connections.bluesnap-sandbox.options: expected a mapping, got a list',
    ]);
  });

  it('wants daily_budget to be a whole number of at least 1', async () => {
    const root = await project(`version: 1\n${CONNECTION}    limits:\n      daily_budget: 0\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:21: connections.bluesnap-sandbox.limits.daily_budget: expected a whole number from 1 to 100000000, got `0`',
    ]);
  });

  it('refuses an absurd request rate: below one request every 10 s', async () => {
    const root = await project(`version: 1\n${CONNECTION}    limits:\n      requests_per_second: 0.00001\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plansync.yaml:9:28: connections.bluesnap-sandbox.limits.requests_per_second: expected a number from 0.1 to 1000, got `0.00001`',
    ]);
  });
});
