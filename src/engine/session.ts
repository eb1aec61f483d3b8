// A session: the loaded project, each connection's provider, desired plans and HTTP client.
// Everything effectful the engine needs starts here; the planner itself stays pure.

import { createHash } from 'node:crypto';
import type { ConnectionConfig, PlansFile, Project } from '../config/load-project.js';
import { loadProject, resolveCredentials } from '../config/load-project.js';
import { checkServiceUrl } from '../config/base-url.js';
import { closest, didYouMean, editDistance } from '../config/did-you-mean.js';
import { credentialValues, MIN_SECRET_LENGTH, type SecretValue } from '../config/secret-values.js';
import type { DesiredPlan } from '../core/model.js';
import { canonicalJson } from '../core/value.js';
import { ConfigError, UserError, type ConfigIssue } from '../errors.js';
import { HttpClient, type HttpExchange } from '../http/client.js';
import type { Clock } from '../http/pacer.js';
import { providers } from '../providers/registry.js';
import type { RunStop } from './stop.js';
import type { AnyProvider, ProviderAdapter, ProviderConnection } from '../providers/types.js';
import { guardLiveData } from './live-secrets.js';
import { changedScope, type ChangedScope } from './changed-since.js';

export interface SessionOptions {
  root: string;
  projectFile?: string;
  /** The project environment to open (required where the project declares environments). */
  environment?: string;
  env: NodeJS.ProcessEnv;
  /** Only these plan keys (`key` or `connection/key`); pruning is off when targeting. */
  targets?: string[];
  /**
   * `--changed-since REF`: only the plans changed since the Git ref REF (see changed-since.ts), as
   * targets; pruning is off. Not together with `targets`.
   */
  changedSince?: string;
  /**
   * Narrowed to `targets` even when they are none: a saved `--changed-since` plan in which nothing
   * changed is applied as made, planning nothing.
   */
  narrowed?: boolean;
  /** Backoff for retries; tests shorten it. */
  backoff?: { baseMs: number; maxMs: number };
  /** What pacing, retry waits and token expiry run on; tests drive their own. Default: the system clock. */
  clock?: Clock;
  /** Sees every HTTP exchange (for `--verbose`); headers and bodies are unmasked, so it must mask. */
  onHttpExchange?: (exchange: HttpExchange, connection: { name: string; baseUrl: string }) => void;
  /** A signal or the run's deadline stops the run (see stop.ts). Default: never stops. */
  stop?: RunStop;
  /** Credential values no live plan data may contain: the project's, as openSession finds them. */
  secrets?: readonly SecretValue[];
}

export interface ConnectionSession {
  config: ConnectionConfig;
  provider: AnyProvider;
  plansFile: PlansFile;
  desired: DesiredPlan[];
  /** True when targets narrowed the desired plans (pruning is then off). */
  targeted: boolean;
  /** Creates the HTTP client and adapter on first use (credentials are checked then). */
  adapter(): ProviderAdapter;
  /** What the adapter was connected with (its HTTP client), for reads beyond the adapter's (import). */
  providerConnection(): ProviderConnection;
  close(): Promise<void>;
}

export interface Session {
  project: Project;
  connections: ConnectionSession[];
  /** Connections with no plans file: nothing is read or written for them. */
  skipped: string[];
  /** What `--changed-since` found: the targets the session was narrowed to, and what to report. */
  changes?: ChangedScope;
  /** Whether the run is asked to stop: every HTTP client of the session aborts with it. Absent: never. */
  stop?: RunStop;
  close(): Promise<void>;
}

/**
 * Environment variable that overrides a connection's base URL, e.g. PLANSYNC_BASE_URL_BLUESNAP_SANDBOX;
 * in a project with environments, the connection's name and then the environment's
 * (PLANSYNC_BASE_URL_PAYPAL_PRODUCTION for connection `paypal` in environment `production`).
 */
export function baseUrlEnvName(connection: string, environment?: string): string {
  const name = environment === undefined ? connection : `${connection}-${environment}`;
  return `PLANSYNC_BASE_URL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** A connection's effective base URL and where it came from, for messages. */
export interface ResolvedBaseUrl {
  url: string;
  /** E.g. `environment variable PLANSYNC_BASE_URL_BS` or `base_url in plansync.yaml`. */
  source: string;
}

/**
 * The base URL a connection talks to: the environment override, else the project's `base_url`, else
 * the provider's default for the environment; undefined when there is none. Refused (UserError) when
 * it is not https, or plain http to a host that is not loopback: credentials would travel in clear.
 * An empty override counts as unset, as CI systems write empty values for undefined variables.
 */
export function resolveBaseUrl(
  config: ConnectionConfig,
  provider: AnyProvider,
  env: NodeJS.ProcessEnv,
  projectFile: string,
): ResolvedBaseUrl | undefined {
  const envName = baseUrlEnvName(config.name, config.boundIn);
  const override = env[envName];
  const resolved: ResolvedBaseUrl | undefined =
    override !== undefined && override !== ''
      ? { url: override, source: `environment variable ${envName}` }
      : config.baseUrl !== undefined
        ? { url: config.baseUrl, source: `base_url in ${projectFile}` }
        : provider.baseUrls[config.environment] !== undefined
          ? {
              url: provider.baseUrls[config.environment] as string,
              source: `${provider.title}'s ${config.environment} default`,
            }
          : undefined;
  if (resolved === undefined) return undefined;
  const verdict = checkServiceUrl(resolved.url);
  if (!verdict.ok) {
    throw new UserError(
      `connection ${config.name}: refusing the base URL from ${resolved.source}: ${verdict.reason} (${verdict.hint}). Nothing was sent.`,
    );
  }
  return resolved;
}

/** A connection whose provider has no default host for its environment, and none is given. */
function missingBaseUrlIssue(config: ConnectionConfig, provider: AnyProvider): ConfigIssue {
  return {
    location: config.location,
    path: `connections.${config.name}`,
    message: `\`base_url\` is required: ${provider.title} publishes no ${config.environment} host`,
    hint: `set \`base_url\` to the host your provider gave you, or the environment variable ${baseUrlEnvName(config.name, config.boundIn)}`,
  };
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const project = await loadProject(options.root, providers, {
    ...(options.projectFile ? { projectFile: options.projectFile } : {}),
    ...(options.environment !== undefined && { environment: options.environment }),
  });
  if (options.changedSince !== undefined && (options.targets ?? []).length > 0) {
    throw new UserError('--changed-since and --target both choose the plans: give one of them');
  }
  const changes =
    options.changedSince === undefined ? undefined : await changedScope(project, options.changedSince);
  const targets = parseTargets(changes?.targets ?? options.targets ?? [], project);
  // Narrowed to the targets, even to none: `--changed-since` with nothing changed plans nothing.
  const narrowed = targets.size > 0 || changes !== undefined || options.narrowed === true;
  const secrets = options.secrets ?? credentialValues(project, options.env);
  const connections: ConnectionSession[] = [];
  const skipped: string[] = [];
  const missingHosts: ConfigIssue[] = [];

  for (const config of project.connections) {
    const provider = providers.get(config.provider) as AnyProvider;
    const plansFile = project.plansFiles.find((file) => file.connection === config.name);
    if (!plansFile) {
      skipped.push(config.name);
      continue;
    }
    const wanted = targets.get(config.name);
    if (narrowed && !wanted) continue;
    // Checked for every connection before any of them sends a request or reads a credential.
    const baseUrl = resolveBaseUrl(config, provider, options.env, project.file)?.url;
    if (baseUrl === undefined) missingHosts.push(missingBaseUrlIssue(config, provider));
    const desired = plansFile.plans
      .filter((source) => !wanted || wanted.has(source.key))
      .map((source) => ({
        key: source.key,
        ...(source.id === undefined ? {} : { id: source.id }),
        attrs: provider.desiredAttrs(source.spec),
        lifecycle: source.lifecycle,
        location: source.location,
      }));
    connections.push(
      connectionSession(config, provider, plansFile, desired, narrowed, baseUrl, {
        ...options,
        secrets,
      }),
    );
  }

  // A provider that publishes no host for the environment (baseUrls has none) needs `base_url`:
  // refused here, located, so `validate` catches it rather than the first `plan`.
  if (missingHosts.length > 0) throw new ConfigError(missingHosts);

  return {
    project,
    connections,
    skipped,
    ...(changes && { changes }),
    ...(options.stop ? { stop: options.stop } : {}),
    async close() {
      await Promise.all(connections.map((connection) => connection.close()));
    },
  };
}

/** A connection's session; `import` also opens one for a connection that has no plans file yet. */
export function connectionSession(
  config: ConnectionConfig,
  provider: AnyProvider,
  plansFile: PlansFile,
  desired: DesiredPlan[],
  targeted: boolean,
  baseUrl: string | undefined,
  options: SessionOptions,
): ConnectionSession {
  let http: HttpClient | undefined;
  let adapter: ProviderAdapter | undefined;
  let connected: ProviderConnection | undefined;
  return {
    config,
    provider,
    plansFile,
    desired,
    targeted,
    adapter() {
      if (adapter) return adapter;
      if (baseUrl === undefined) {
        throw new UserError(
          `connection ${config.name}: ${provider.title} publishes no ${config.environment} host; set \`base_url\` (or ${baseUrlEnvName(config.name, config.boundIn)})`,
        );
      }
      const credentials = resolveCredentials(config, provider, options.env);
      const onHttpExchange = options.onHttpExchange;
      http = new HttpClient({
        provider: provider.id,
        connection: config.name,
        baseUrl,
        concurrency: config.limits.concurrency,
        requestsPerSecond: config.limits.requestsPerSecond,
        timeoutMs: config.limits.timeoutMs,
        maxRetryWaitMs: config.limits.maxRetryWaitMs,
        maxResponseBytes: config.limits.maxResponseBytes,
        retries: config.limits.retries,
        auth: provider.authenticator(credentials, { baseUrl, options: config.options }),
        describeError: (status, body) => provider.describeError(status, body),
        authHint: `check ${Object.values(config.credentials).join(', ')} (connection ${config.name})`,
        ...(provider.retryableStatuses ? { retryableStatuses: provider.retryableStatuses } : {}),
        ...(provider.retryHint ? { retryHint: provider.retryHint } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.stop ? { signal: options.stop.aborting } : {}),
        ...(onHttpExchange
          ? { onExchange: (exchange) => onHttpExchange(exchange, { name: config.name, baseUrl }) }
          : {}),
      });
      connected = {
        name: config.name,
        options: config.options,
        baseUrl,
        credentials,
        http,
        concurrency: config.limits.concurrency,
      };
      // Live data carrying a credential's value stops the run (plan data is never masked).
      const secrets =
        options.secrets ??
        Object.entries(config.credentials)
          .map(([slot, name]) => ({ name, value: credentials[slot] ?? '' }))
          .filter((secret) => secret.value.length >= MIN_SECRET_LENGTH);
      adapter = guardLiveData(provider.connect(connected), secrets, {
        provider: provider.id,
        connection: config.name,
      });
      return adapter;
    },
    providerConnection() {
      this.adapter();
      return connected as ProviderConnection;
    },
    async close() {
      await http?.close();
    },
  };
}

/** `key` targets that key in every connection; `connection/key` one connection. */
function parseTargets(targets: string[], project: Project): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const target of targets) {
    // `connection/key`, where a key may hold a `/` itself (a group member: `entry/id`).
    const slash = target.indexOf('/');
    const head = slash === -1 ? undefined : target.slice(0, slash);
    const prefixed = head !== undefined && project.connections.some((c) => c.name === head);
    const connection = prefixed ? head : target.includes('/') ? head : undefined;
    const key = prefixed || connection !== undefined ? target.slice(slash + 1) : target;
    const files = project.plansFiles.filter(
      (file) => connection === undefined || file.connection === connection,
    );
    // A group entry's key names all its members.
    const named = (plan: PlansFile['plans'][number]) => plan.key === key || plan.group?.key === key;
    const hits = files.filter((file) => file.plans.some(named));
    if (hits.length === 0) {
      throw new UserError(unknownTarget(target, key, files, project));
    }
    for (const file of hits) {
      const set = out.get(file.connection) ?? new Set<string>();
      for (const plan of file.plans) if (named(plan)) set.add(plan.key);
      out.set(file.connection, set);
    }
  }
  return out;
}

/** How many near keys an unknown `--target` lists: the message stays short with 5,000 plans. */
const NEAREST_TARGETS = 3;

/**
 * The message for a `--target` that names no plan: a "did you mean" when a key is a plausible typo,
 * else the few nearest keys, and how many plans each searched connection holds, never the whole list.
 */
function unknownTarget(target: string, key: string, files: readonly PlansFile[], project: Project): string {
  const connection = target.includes('/') ? target.split('/', 1)[0] : undefined;
  if (connection !== undefined && !project.connections.some((c) => c.name === connection)) {
    const names = project.connections.map((c) => c.name);
    return `--target ${target}: no connection \`${connection}\`; ${
      didYouMean(connection, names) ?? `connections: ${names.join(', ') || '(none)'}`
    }`;
  }
  const keys = files.flatMap((file) =>
    file.plans.map((plan) => ({
      label: connection === undefined ? `${file.connection}/${plan.key}` : plan.key,
      key: plan.key,
    })),
  );
  const suggestion = closest(
    key,
    keys.map((k) => k.key),
  );
  const lines = [`--target ${target}: no plan with that key.`];
  if (suggestion !== undefined) {
    const match = keys.find((k) => k.key === suggestion) as { label: string };
    lines.push(`  did you mean \`${match.label}\`?`);
  } else if (keys.length > 0) {
    const nearest = keys
      .map((k) => ({ ...k, distance: editDistance(key.toLowerCase(), k.key.toLowerCase()) }))
      .sort((a, b) => a.distance - b.distance || a.label.localeCompare(b.label))
      .slice(0, NEAREST_TARGETS);
    lines.push(`  nearest: ${nearest.map((k) => `\`${k.label}\``).join(', ')}`);
  }
  const counts = files.map(
    (file) =>
      `${file.plans.length} plan${file.plans.length === 1 ? '' : 's'} in connection ${file.connection}`,
  );
  lines.push(`  ${counts.join('; ') || 'no plans declared'}; the plans files list every key`);
  return lines.join('\n');
}

/** Stable idempotency key for creating a desired plan: the same plan content gives the same key. */
export function idempotencyKeyFor(connection: string, key: string, attrs: unknown): string {
  const hash = createHash('sha256').update(canonicalJson({ connection, key, attrs })).digest('hex');
  return `plansync-${hash.slice(0, 40)}`;
}
