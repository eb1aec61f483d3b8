// The project file (`plansync.yaml`): schema check, then connections normalised with defaults, then
// the rules a schema cannot express (the provider exists; credentials fill exactly its slots; the
// options are the provider's, read by its options parser into the typed options it gets later).

import type { ConfigIssue } from '../errors.js';
import type { AnyProvider } from '../providers/types.js';
import { checkServiceUrl } from './base-url.js';
import { entry, isMapping } from './data.js';
import type { Data } from './data.js';
import { closest, didYouMean } from './did-you-mean.js';
import { quote } from './describe-value.js';
import { formatPath } from './paths.js';
import type { DocPath } from './paths.js';
import { validateInChunks } from './schema-issues.js';
import type { PathedIssue } from './schema-issues.js';
import { schemaValidator } from './schema-store.js';
import type {
  ConnectionConfig,
  ConnectionLimits,
  Environment,
  ProviderLookup,
  SafetyThresholds,
} from './types.js';
import { checkEnvironments, projectView } from './environments.js';
import type { EnvironmentDecl } from './environments.js';
import { capIssues } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

const PROJECT_SCHEMA = 'project.schema.json';
const DEFAULT_PLANS_DIR = 'plans';

/**
 * Defaults for what a connection leaves out; `schemas/project.schema.json` documents the same values.
 * A provider's documented quotas (its module's `connectionDefaults`) come first where it has them.
 */
export const CONNECTION_DEFAULTS: {
  environment: Environment;
  prune: boolean;
  limits: ConnectionLimits;
  safety: SafetyThresholds;
} = {
  environment: 'sandbox',
  prune: false,
  limits: {
    concurrency: 2,
    requestsPerSecond: 5,
    timeoutMs: 30_000,
    maxRetryWaitMs: 30_000,
    maxResponseBytes: 32 * 1024 * 1024,
    retries: 4,
  },
  safety: {
    maxChangeShare: 0.3,
    maxRetireShare: 0.1,
    maxPriceChangePercent: 50,
    minExisting: 10,
  },
};

export interface ProjectFileResult {
  /**
   * Connections whose provider is known, in file order, with defaults applied. When `issues` is not
   * empty some of them may hold invalid values; the loader then throws instead of returning them.
   */
  connections: ConnectionConfig[];
  /** Connection ids whose provider is missing or unknown: plans files naming them are not checked further. */
  broken: Set<string>;
  /** The `plans` directory as written, or the default. */
  plansDir: string;
  /** Path of the `plans` key when it is written, for messages about the directory. */
  plansDirPath: DocPath;
  /** Declared environments, each after the one it follows; empty when the project declares none. */
  environments: EnvironmentDecl[];
  issues: ConfigIssue[];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * Checks the project file. With `environment`, each connection is read as that environment binds it
 * (see environments.ts); the file-wide rules (schema, environments) are the same for every one.
 */
export function checkProjectFile(
  source: YamlSource,
  providers: ProviderLookup,
  environment?: string,
): ProjectFileResult {
  const validate = schemaValidator(PROJECT_SCHEMA);
  const pathed: PathedIssue[] = validateInChunks(validate, 'connections', source);
  const raw = isMapping(source.data) ? source.data : {};
  const rawConnections = entry(raw, 'connections');
  const declared = checkEnvironments(source, isMapping(rawConnections) ? Object.keys(rawConnections) : []);
  pathed.push(...declared.issues);
  if (environment !== undefined) source = projectView(source, environment);
  const data = isMapping(source.data) ? source.data : {};
  const plans = entry(data, 'plans');
  const result: ProjectFileResult = {
    connections: [],
    broken: new Set(),
    plansDir: typeof plans === 'string' && plans !== '' ? plans : DEFAULT_PLANS_DIR,
    plansDirPath: plans === undefined ? [] : ['plans'],
    environments: declared.environments,
    issues: [],
  };
  const connections = entry(data, 'connections');
  if (isMapping(connections)) {
    for (const [name, raw] of Object.entries(connections)) {
      const at: DocPath = ['connections', name];
      const checked = connectionRules(source, at, raw, providers);
      pathed.push(...checked.issues, ...baseUrlRule(source, at, raw));
      // Other mistakes in a connection still let its plans files be checked; an unknown provider does not.
      if (!isMapping(raw) || !checked.provider) {
        result.broken.add(name);
        continue;
      }
      result.connections.push({
        ...normaliseConnection(source, name, raw, checked.provider, checked.options),
        ...(environment !== undefined && { boundIn: environment }),
      });
    }
  }
  result.issues = capIssues(
    source.file,
    pathed.map((item) => item.issue),
  );
  return result;
}

interface CheckedConnection {
  issues: PathedIssue[];
  /** The connection's provider, when it names a registered one. */
  provider?: AnyProvider;
  /** The options as the provider's parser read them, when it could. */
  options?: unknown;
}

/** Rules beyond the schema; each checks the types it relies on, since the schema may have failed. */
function connectionRules(
  source: YamlSource,
  at: DocPath,
  raw: unknown,
  providers: ProviderLookup,
): CheckedConnection {
  if (!isMapping(raw)) return { issues: [] };
  const issue = (path: DocPath, target: 'key' | 'value' | 'parent', message: string, hint?: string) => ({
    at: path,
    issue: { location: source.locate(path, target), path: formatPath(path), message, ...(hint && { hint }) },
  });
  const providerId = entry(raw, 'provider');
  if (typeof providerId !== 'string' || providerId === '') return { issues: [] };
  const provider = providers.get(providerId);
  if (!provider) {
    const known = providers.ids();
    const hint =
      didYouMean(providerId, known) ??
      (known.length > 0 ? `registered providers: ${known.join(', ')}` : 'no providers are registered');
    return { issues: [issue([...at, 'provider'], 'value', `unknown provider ${quote(providerId)}`, hint)] };
  }
  const credentials = entry(raw, 'credentials');
  const options = entry(raw, 'options');
  const issues = isMapping(credentials)
    ? credentialRules(provider, credentials, [...at, 'credentials'], issue)
    : [];
  // Not required by the schema, as an environment may hold a connection's credentials.
  if (credentials === undefined) {
    const slots = provider.credentials.map((slot) => `\`${slot.name}\``).join(', ');
    issues.push(
      issue(
        [...at, 'credentials'],
        'parent',
        `missing required key ${quote('credentials')}`,
        `name the environment variables holding ${slots}, here or under each environment's binding of this connection`,
      ),
    );
  }
  // Not a mapping: the schema says so.
  if (options !== undefined && !isMapping(options)) return { issues, provider };
  const parsed = optionRules(provider, at, options ?? {}, issue);
  issues.push(...parsed.issues);
  return { issues, provider, ...(parsed.options !== undefined && { options: parsed.options }) };
}

/**
 * `base_url` must be https (plain http only to loopback) and carry no user info. The schema already
 * reports a value that is no http(s) URL at all, so only what it cannot express is checked here.
 */
function baseUrlRule(source: YamlSource, at: DocPath, raw: unknown): PathedIssue[] {
  const baseUrl = isMapping(raw) ? entry(raw, 'base_url') : undefined;
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl) || !URL.canParse(baseUrl)) return [];
  const verdict = checkServiceUrl(baseUrl);
  if (verdict.ok) return [];
  const path: DocPath = [...at, 'base_url'];
  return [
    {
      at: path,
      issue: {
        location: source.locate(path, 'value'),
        path: formatPath(path),
        message: `refusing ${verdict.reason}`,
        hint: verdict.hint,
      },
    },
  ];
}

/** Options belong to the provider: its options parser names the keys it takes and reads their values. */
function optionRules(
  provider: AnyProvider,
  at: DocPath,
  options: Data,
  issue: (path: DocPath, target: 'key' | 'value' | 'parent', message: string, hint?: string) => PathedIssue,
): { issues: PathedIssue[]; options?: unknown } {
  const providerId = provider.id;
  const known = Object.keys(provider.options.keys);
  const out: PathedIssue[] = [];
  const valid: Data = {};
  // A misspelt option is one mistake: its "did you mean" stands in for the "missing" message.
  const meant = new Set<string>();
  for (const [key, value] of Object.entries(options)) {
    if (known.includes(key)) {
      valid[key] = value;
      continue;
    }
    const suggestion = closest(key, known);
    if (suggestion !== undefined) meant.add(suggestion);
    const hint =
      suggestion !== undefined
        ? `did you mean \`${suggestion}\`?`
        : known.length > 0
          ? `${providerId} takes: ${known.join(', ')}`
          : `${providerId} takes no options`;
    out.push(
      issue([...at, 'options', key], 'key', `unknown option ${quote(key)} for provider ${providerId}`, hint),
    );
  }
  const parsed = provider.options.parse({ name: String(at[at.length - 1]), options: valid });
  for (const finding of parsed.findings) {
    const [first, option] = finding.at ?? [];
    const missing = finding.target === 'parent' && finding.at?.length === 2 && first === 'options';
    if (missing && typeof option === 'string' && meant.has(option)) continue;
    const path = [...at, ...(finding.at ?? [])];
    const target = finding.target ?? (finding.at?.length ? 'value' : 'key');
    out.push(issue(path, target, finding.message, finding.hint));
  }
  return { issues: out, ...(parsed.options !== undefined && { options: parsed.options }) };
}

function credentialRules(
  provider: AnyProvider,
  credentials: Data,
  at: DocPath,
  issue: (path: DocPath, target: 'key' | 'value' | 'parent', message: string, hint?: string) => PathedIssue,
): PathedIssue[] {
  const slots = provider.credentials.map((slot) => slot.name);
  const out: PathedIssue[] = [];
  // A misspelt slot is one mistake: its "did you mean" stands in for the "missing" message.
  const meant = new Set<string>();
  for (const key of Object.keys(credentials)) {
    if (slots.includes(key)) continue;
    const suggestion = closest(key, slots);
    if (suggestion !== undefined) meant.add(suggestion);
    out.push(
      issue(
        [...at, key],
        'key',
        `unknown credential slot ${quote(key)} for provider ${provider.id}`,
        suggestion === undefined
          ? `${provider.id} takes: ${slots.join(', ')}`
          : `did you mean \`${suggestion}\`?`,
      ),
    );
  }
  for (const slot of provider.credentials) {
    if (Object.hasOwn(credentials, slot.name) || meant.has(slot.name)) continue;
    out.push(
      issue(
        [...at, slot.name],
        'parent',
        `missing credential slot \`${slot.name}\` (${slot.doc})`,
        `name the environment variable that holds it, e.g. \`${slot.name}: ${slot.exampleEnv}\``,
      ),
    );
  }
  return out;
}

function normaliseConnection(
  source: YamlSource,
  name: string,
  raw: Data,
  provider: AnyProvider,
  options: unknown,
): ConnectionConfig {
  const limitsRaw = entry(raw, 'limits');
  const safetyRaw = entry(raw, 'safety');
  const credentialsRaw = entry(raw, 'credentials');
  const limits = isMapping(limitsRaw) ? limitsRaw : {};
  const safety = isMapping(safetyRaw) ? safetyRaw : {};
  const defaults = CONNECTION_DEFAULTS;
  const credentials: Record<string, string> = {};
  for (const [slot, variable] of Object.entries(isMapping(credentialsRaw) ? credentialsRaw : {})) {
    if (typeof variable === 'string') credentials[slot] = variable;
  }
  const baseUrl = entry(raw, 'base_url');
  const quotas = provider.connectionDefaults ?? {};
  const dailyBudget = entry(limits, 'daily_budget');
  const budget = typeof dailyBudget === 'number' ? dailyBudget : quotas.dailyBudget;
  return {
    name,
    provider: provider.id,
    environment: entry(raw, 'environment') === 'production' ? 'production' : defaults.environment,
    ...(typeof baseUrl === 'string' && { baseUrl }),
    credentials,
    limits: {
      concurrency: numberOr(entry(limits, 'concurrency'), defaults.limits.concurrency),
      requestsPerSecond: numberOr(
        entry(limits, 'requests_per_second'),
        quotas.requestsPerSecond ?? defaults.limits.requestsPerSecond,
      ),
      timeoutMs: numberOr(entry(limits, 'timeout_ms'), defaults.limits.timeoutMs),
      maxRetryWaitMs: numberOr(entry(limits, 'max_retry_wait_ms'), defaults.limits.maxRetryWaitMs),
      maxResponseBytes: numberOr(entry(limits, 'max_response_bytes'), defaults.limits.maxResponseBytes),
      retries: numberOr(entry(limits, 'retries'), defaults.limits.retries),
      ...(budget !== undefined && { dailyBudget: budget }),
    },
    options,
    prune: entry(raw, 'prune') === true && pruneAllowed(provider, options),
    safety: {
      maxChangeShare: numberOr(entry(safety, 'max_change_share'), defaults.safety.maxChangeShare),
      maxRetireShare: numberOr(entry(safety, 'max_retire_share'), defaults.safety.maxRetireShare),
      maxPriceChangePercent: numberOr(
        entry(safety, 'max_price_change_percent'),
        defaults.safety.maxPriceChangePercent,
      ),
      minExisting: numberOr(entry(safety, 'min_existing'), defaults.safety.minExisting),
    },
    location: source.locate(['connections', name], 'key'),
  };
}

/**
 * Pruning that deletes needs the connection's own opt-in, which the provider reads from its options;
 * a provider may restrict pruning otherwise too. Unreadable options allow nothing (the load fails).
 */
function pruneAllowed(provider: AnyProvider, options: unknown): boolean {
  if (provider.pruneAllowed) return options !== undefined && provider.pruneAllowed(options);
  return provider.contract.capabilities.retire !== 'delete';
}
