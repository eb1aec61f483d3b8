// Shared fixtures for the config tests: throwaway project directories and BlueSnap-, PayPal-,
// Constant Contact- and J.P. Morgan MPS-like provider doubles (the real provider modules are built separately; the loader only needs their
// declared surface). The doubles carry the real providers' options parsers and plans rules, which
// the loader reaches through the provider module.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, formatIssue } from '../../src/errors.js';
import type { ConfigIssue } from '../../src/errors.js';
import { loadProject } from '../../src/config/load-project.js';
import type { Project, ProviderLookup } from '../../src/config/types.js';
import { bluesnapRules } from '../../src/providers/bluesnap/rules.js';
import { constantcontactOptions } from '../../src/providers/constantcontact/options.js';
import { constantcontactRules } from '../../src/providers/constantcontact/rules.js';
import { jpmmpsOptions } from '../../src/providers/jpmmps/options.js';
import { jpmmpsRules } from '../../src/providers/jpmmps/rules.js';
import { paypalRules } from '../../src/providers/paypal/rules.js';
import { providers as registry } from '../../src/providers/registry.js';
import { noOptions } from '../../src/providers/rules.js';
import type { ProviderRules } from '../../src/providers/rules.js';
import type { AnyProvider as Provider } from '../../src/providers/types.js';

export const fakeBluesnap: Provider = {
  id: 'bluesnap',
  title: 'BlueSnap (test double)',
  contract: {
    provider: 'bluesnap',
    fields: [],
    conditions: {},
    capabilities: { create: true, update: true, retire: 'deactivate', replace: true, reads: 'list' },
    identity: { idField: 'planId', naturalKey: ['name'] },
  },
  baseUrls: { sandbox: 'https://sandbox.example.test', production: 'https://ws.example.test' },
  credentials: [
    { name: 'username', exampleEnv: 'BLUESNAP_USERNAME', doc: 'API username' },
    { name: 'password', exampleEnv: 'BLUESNAP_PASSWORD', doc: 'API password' },
  ],
  options: noOptions,
  planSchema: 'bluesnap.plans.schema.json',
  rules: bluesnapRules,
  desiredAttrs: () => ({}),
  authenticator: () => ({ headers: () => ({}) }),
  describeError: () => undefined,
  connect: () => {
    throw new Error('the config loader never connects');
  },
};

/** A PayPal-like double: OAuth2 client credentials, plan id `id`, natural key product + name. */
export const fakePaypal: Provider = {
  ...fakeBluesnap,
  id: 'paypal',
  title: 'PayPal (test double)',
  contract: {
    provider: 'paypal',
    fields: [],
    conditions: {},
    capabilities: { create: true, update: true, retire: 'deactivate', replace: true, reads: 'list' },
    identity: { idField: 'id', naturalKey: ['product_id', 'name'] },
  },
  baseUrls: { sandbox: 'https://api-m.sandbox.example.test', production: 'https://api-m.example.test' },
  credentials: [
    { name: 'client_id', exampleEnv: 'PAYPAL_CLIENT_ID', doc: 'REST app client id' },
    { name: 'client_secret', exampleEnv: 'PAYPAL_CLIENT_SECRET', doc: 'REST app secret' },
  ],
  planSchema: 'paypal.plans.schema.json',
  rules: paypalRules,
};

/**
 * A Constant Contact-like double: the managed object is a partner's client account, pinned by
 * `encoded_account_id`; partner API key plus partner client id and secret for the JWT.
 */
export const fakeConstantcontact: Provider = {
  ...fakeBluesnap,
  id: 'constantcontact',
  title: 'Constant Contact (test double)',
  contract: {
    provider: 'constantcontact',
    fields: [],
    conditions: {},
    capabilities: { create: false, update: true, retire: 'none', replace: false, reads: 'by-id' },
    identity: { idField: 'encoded_account_id', naturalKey: [] },
  },
  baseUrls: { sandbox: 'https://api.cc.example.test/v3', production: 'https://api.cc.example.test/v3' },
  credentials: [
    { name: 'api_key', exampleEnv: 'CTCT_API_KEY', doc: 'partner application API key (x-api-key)' },
    { name: 'client_id', exampleEnv: 'CTCT_PARTNER_CLIENT_ID', doc: 'partner client id' },
    { name: 'client_secret', exampleEnv: 'CTCT_PARTNER_SECRET', doc: 'partner secret' },
  ],
  options: constantcontactOptions,
  connectionDefaults: { requestsPerSecond: 4, dailyBudget: 10_000 },
  planSchema: 'constantcontact.plans.schema.json',
  rules: constantcontactRules,
};

/** A J.P. Morgan MPS-like double: one merchant key (`x-api-key`), plan id `id`, retired by delete. */
export const fakeJpmmps: Provider = {
  ...fakeBluesnap,
  id: 'jpmmps',
  title: 'J.P. Morgan MPS (test double)',
  contract: {
    provider: 'jpmmps',
    fields: [],
    conditions: {},
    capabilities: { create: true, update: true, retire: 'delete', replace: true, reads: 'list' },
    identity: { idField: 'id', naturalKey: ['name'] },
  },
  baseUrls: {},
  credentials: [{ name: 'api_key', exampleEnv: 'JPMMPS_MERCHANT_KEY', doc: 'merchant key (x-api-key)' }],
  options: jpmmpsOptions,
  // The real provider's opt-in: `options.prune_delete`.
  pruneAllowed: (options) => registry.get('jpmmps')?.pruneAllowed?.(options) === true,
  planSchema: 'jpmmps.plans.schema.json',
  rules: jpmmpsRules,
};

/** A registered provider's plans rules, through its module (the registry is the only list of providers). */
export function rulesFor(id: string): ProviderRules | undefined {
  return registry.get(id)?.rules;
}

export function lookupOf(...providers: Provider[]): ProviderLookup {
  return {
    get: (id) => providers.find((provider) => provider.id === id),
    ids: () => providers.map((provider) => provider.id),
  };
}

export const providers = lookupOf(fakeBluesnap);

export const PROJECT_YAML = `# plansync project
version: 1
connections:
  bluesnap-sandbox:
    provider: bluesnap
    credentials:
      username: BLUESNAP_USERNAME
      password: BLUESNAP_PASSWORD
`;

/** A project whose one connection is PayPal's, with a plans file at `plans/paypal.yaml`. */
export const PAYPAL_PROJECT_YAML = `version: 1
connections:
  paypal-sandbox:
    provider: paypal
    credentials:
      client_id: PAYPAL_CLIENT_ID
      client_secret: PAYPAL_CLIENT_SECRET
`;

export const paypalProviders = lookupOf(fakeBluesnap, fakePaypal);

/** A project whose one connection is a Constant Contact partner's, with `options` lines appended. */
export function constantcontactProjectYaml(
  options = '    options:\n      plan_types: [TRIAL, BRONZE, SILVER, GOLD]\n',
): string {
  return `version: 1
connections:
  cc-partner:
    provider: constantcontact
    credentials:
      api_key: CTCT_API_KEY
      client_id: CTCT_PARTNER_CLIENT_ID
      client_secret: CTCT_PARTNER_SECRET
${options}`;
}

export const constantcontactProviders = lookupOf(fakeBluesnap, fakePaypal, fakeConstantcontact);

/** A Constant Contact project with `plans` as `plans/constantcontact.yaml` (and `project` as its project file). */
export function constantcontactProjectWithPlans(
  plans: string,
  project: string = constantcontactProjectYaml(),
): Promise<string> {
  return makeProject({ 'plansync.yaml': project, 'plans/constantcontact.yaml': plans });
}

/** A project whose one connection is J.P. Morgan MPS', with `options` lines appended. */
export function jpmmpsProjectYaml(options = ''): string {
  return `version: 1
connections:
  jpm-test:
    provider: jpmmps
    base_url: https://jpmmps.example.test/api
    credentials:
      api_key: JPMMPS_MERCHANT_KEY
${options}`;
}

export const jpmmpsProviders = lookupOf(fakeBluesnap, fakePaypal, fakeConstantcontact, fakeJpmmps);

/** A J.P. Morgan MPS project with `plans` as `plans/jpmmps.yaml` (and `project` as its project file). */
export function jpmmpsProjectWithPlans(
  plans: string,
  project: string = jpmmpsProjectYaml(),
): Promise<string> {
  return makeProject({ 'plansync.yaml': project, 'plans/jpmmps.yaml': plans });
}

export const PLANS_YAML = `connection: bluesnap-sandbox
plans:
  basic-monthly:
    planId: 2185251
    name: Basic Monthly
    recurringChargeAmount: 9.99
    currency: USD
    chargeFrequency: MONTHLY
    gracePeriodDays: 7
`;

const created: string[] = [];

/** A temporary project directory holding `files` (path relative to the root → content). */
export async function makeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'plansync-config-'));
  created.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return root;
}

/** A project with the standard project file and one plans file with `plans` as its content. */
export function projectWithPlans(
  plans: string | Uint8Array,
  extra: Record<string, string | Uint8Array> = {},
): Promise<string> {
  return makeProject({ 'plansync.yaml': PROJECT_YAML, 'plans/bluesnap.yaml': plans, ...extra });
}

/** A PayPal project with `plans` as the content of `plans/paypal.yaml`. */
export function paypalProjectWithPlans(plans: string): Promise<string> {
  return makeProject({ 'plansync.yaml': PAYPAL_PROJECT_YAML, 'plans/paypal.yaml': plans });
}

export async function removeProjects(): Promise<void> {
  await Promise.all(created.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/** The issues of the ConfigError that loading `root` must throw. */
export async function loadIssues(root: string, lookup: ProviderLookup = providers): Promise<ConfigIssue[]> {
  let project: Project | undefined;
  try {
    project = await loadProject(root, lookup);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error(`expected a ConfigError, but the project loaded: ${JSON.stringify(project)}`);
}

/** Issues as the CLI prints them, one line each. */
export async function loadErrors(root: string, lookup: ProviderLookup = providers): Promise<string[]> {
  return (await loadIssues(root, lookup)).map(formatIssue);
}
