// Environments: one catalog of plans, several provider accounts (sandbox, production). The project
// file's `environments:` binds each logical connection, per environment, to its own account (its
// provider environment, credentials, base URL, limits, safety); a plan's own `environments:` holds
// the values that differ per environment (a PayPal product id, a pinned id). Loading for one
// environment is a merge: the rest of plansync then sees one plain project, as without environments.
//
// The merge is plansync's own rule, so it is written here: a connection's mapping-valued settings
// (`credentials`, `limits`, `safety`, `options`) merge key by key, other settings are replaced; a
// plan's overlay replaces whole top-level fields (a `billing_cycles` list is written in full).

import type { SourceLocation } from '../errors.js';
import { entry, isMapping } from './data.js';
import type { Data } from './data.js';
import { quote } from './describe-value.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath } from './paths.js';
import type { DocPath } from './paths.js';
import type { PathedIssue } from './schema-issues.js';
import type { LocateTarget, YamlSource } from './yaml-source.js';

export const ENVIRONMENTS_KEY = 'environments';
/** `--env all`: every declared environment. */
export const ALL_ENVIRONMENTS = 'all';

/** One declared environment of the project. */
export interface EnvironmentDecl {
  name: string;
  /** The environment whose live plans must already hold a change before this one receives it. */
  follows?: string;
  location: SourceLocation;
}

/** Connection settings that merge key by key when an environment sets some of them. */
const MERGED_SETTINGS = new Set(['credentials', 'limits', 'safety', 'options']);

function issueAt(source: YamlSource, at: DocPath, target: LocateTarget, message: string, hint?: string) {
  return {
    at,
    issue: { location: source.locate(at, target), path: formatPath(at), message, ...(hint && { hint }) },
  };
}

/**
 * The project file's environments, in an order where each comes after the one it follows, and the
 * rules the schema cannot express: `follows` names another environment without a cycle; every
 * environment binds every connection (an environment silently sharing another's account would
 * rehearse on production); no two environments reach one account with the same credentials.
 */
export function checkEnvironments(
  source: YamlSource,
  connectionNames: readonly string[],
): { environments: EnvironmentDecl[]; issues: PathedIssue[] } {
  const data = isMapping(source.data) ? source.data : {};
  const raw = entry(data, ENVIRONMENTS_KEY);
  if (!isMapping(raw)) return { environments: [], issues: [] };
  const issues: PathedIssue[] = [];
  const names = Object.keys(raw);
  const declared: EnvironmentDecl[] = [];
  for (const name of names) {
    const at: DocPath = [ENVIRONMENTS_KEY, name];
    const body = entry(raw, name);
    if (name === ALL_ENVIRONMENTS) {
      issues.push(
        issueAt(
          source,
          at,
          'key',
          `\`${ALL_ENVIRONMENTS}\` cannot name an environment`,
          '`--env all` means every environment: choose another name',
        ),
      );
      continue;
    }
    if (!isMapping(body)) continue; // the schema says so
    const follows = entry(body, 'follows');
    if (typeof follows === 'string') {
      if (follows === name) {
        issues.push(
          issueAt(source, [...at, 'follows'], 'value', `environment \`${name}\` cannot follow itself`),
        );
      } else if (!names.includes(follows)) {
        issues.push(
          issueAt(
            source,
            [...at, 'follows'],
            'value',
            `unknown environment ${quote(follows)}`,
            didYouMean(follows, names) ?? `environments: ${names.join(', ')}`,
          ),
        );
      }
    }
    const bound = entry(body, 'connections');
    const bindings = isMapping(bound) ? bound : {};
    for (const connection of Object.keys(bindings)) {
      if (connectionNames.includes(connection)) continue;
      issues.push(
        issueAt(
          source,
          [...at, 'connections', connection],
          'key',
          `unknown connection ${quote(connection)}`,
          didYouMean(connection, connectionNames) ??
            `an environment binds the connections declared under \`connections:\`: ${connectionNames.join(', ')}`,
        ),
      );
    }
    for (const connection of connectionNames) {
      if (Object.hasOwn(bindings, connection)) continue;
      issues.push(
        issueAt(
          source,
          isMapping(bound) ? [...at, 'connections'] : at,
          'key',
          `environment \`${name}\` does not bind connection \`${connection}\``,
          `add \`${connection}:\` under environments.${name}.connections with this environment's credentials (and base_url, limits, safety where they differ)`,
        ),
      );
    }
    declared.push({
      name,
      ...(typeof follows === 'string' && follows !== name && names.includes(follows) && { follows }),
      location: source.locate(at, 'key'),
    });
  }
  issues.push(...cycleIssues(source, declared));
  issues.push(...sharedAccountIssues(source, data, declared, connectionNames));
  return { environments: followOrder(declared), issues };
}

function cycleIssues(source: YamlSource, declared: readonly EnvironmentDecl[]): PathedIssue[] {
  const byName = new Map(declared.map((environment) => [environment.name, environment]));
  const out: PathedIssue[] = [];
  const reported = new Set<string>();
  for (const start of declared) {
    const seen: string[] = [];
    let at: EnvironmentDecl | undefined = start;
    while (at?.follows !== undefined && !seen.includes(at.name)) {
      seen.push(at.name);
      at = byName.get(at.follows);
    }
    if (at === undefined || !seen.includes(at.name) || at.name !== start.name) continue;
    const cycle = seen.join(' → ');
    if (reported.has([...seen].sort().join())) continue;
    reported.add([...seen].sort().join());
    out.push(
      issueAt(
        source,
        [ENVIRONMENTS_KEY, start.name, 'follows'],
        'value',
        `environments follow each other in a circle: ${cycle} → ${start.name}`,
        'the first environment of a chain (usually `sandbox`) follows none',
      ),
    );
  }
  return out;
}

/** Predecessors first; otherwise the file's order. A cycle (reported) leaves the rest in file order. */
function followOrder(declared: readonly EnvironmentDecl[]): EnvironmentDecl[] {
  const placed: EnvironmentDecl[] = [];
  const byName = new Map(declared.map((environment) => [environment.name, environment]));
  const visit = (environment: EnvironmentDecl, path: string[]) => {
    if (placed.includes(environment) || path.includes(environment.name)) return;
    const before = environment.follows === undefined ? undefined : byName.get(environment.follows);
    if (before) visit(before, [...path, environment.name]);
    if (!placed.includes(environment)) placed.push(environment);
  };
  for (const environment of declared) visit(environment, []);
  return placed;
}

/** What makes two bindings the same account: provider environment, base URL, credential variables. */
function accountOf(merged: Data, environmentName: string): string {
  const credentials = entry(merged, 'credentials');
  return JSON.stringify([
    providerEnvironment(merged, environmentName),
    entry(merged, 'base_url') ?? null,
    isMapping(credentials) ? Object.entries(credentials).sort() : null,
  ]);
}

function sharedAccountIssues(
  source: YamlSource,
  data: Data,
  declared: readonly EnvironmentDecl[],
  connectionNames: readonly string[],
): PathedIssue[] {
  const out: PathedIssue[] = [];
  for (const connection of connectionNames) {
    const first = new Map<string, string>();
    for (const environment of declared) {
      const merged = mergedConnection(data, environment.name, connection);
      if (merged === undefined) continue;
      const account = accountOf(merged, environment.name);
      const other = first.get(account);
      if (other === undefined) {
        first.set(account, environment.name);
        continue;
      }
      out.push(
        issueAt(
          source,
          [ENVIRONMENTS_KEY, environment.name, 'connections', connection],
          'key',
          `environments \`${other}\` and \`${environment.name}\` reach connection \`${connection}\` through the same account (same provider environment, base URL and credential variables)`,
          `give each environment its own credentials, e.g. \`credentials:\` naming ${environment.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_… variables`,
        ),
      );
    }
  }
  return out;
}

/**
 * The provider environment an environment's binding reaches: as written, else the environment's own
 * name when it is `sandbox` or `production`, else the connection's, else sandbox.
 */
function providerEnvironment(merged: Data, environmentName: string): unknown {
  const written = entry(merged, 'environment');
  if (written !== undefined) return written;
  return environmentName === 'production' ? 'production' : 'sandbox';
}

/** The connection as environment `name` binds it: the shared settings with the environment's own. */
function mergedConnection(data: Data, name: string, connection: string): Data | undefined {
  const connections = entry(data, 'connections');
  const base = isMapping(connections) ? entry(connections, connection) : undefined;
  if (!isMapping(base)) return undefined;
  const environments = entry(data, ENVIRONMENTS_KEY);
  const body = isMapping(environments) ? entry(environments, name) : undefined;
  const bindings = isMapping(body) ? entry(body, 'connections') : undefined;
  const overlay = isMapping(bindings) ? entry(bindings, connection) : undefined;
  const merged: Data = { ...base };
  if (isMapping(overlay)) {
    for (const [key, value] of Object.entries(overlay)) {
      const shared = entry(base, key);
      merged[key] =
        MERGED_SETTINGS.has(key) && isMapping(shared) && isMapping(value) ? { ...shared, ...value } : value;
    }
  }
  if (entry(merged, 'environment') === undefined && (name === 'sandbox' || name === 'production')) {
    merged.environment = name;
  }
  return merged;
}

/** Where a path into a merged value was written: in the overlay when it set it, else in the base. */
function overlayHolds(overlay: unknown, rest: DocPath): boolean {
  if (rest.length === 0) return false;
  let node = overlay;
  for (const segment of rest) {
    // The overlay replaced this value whole (a scalar or a list): everything inside is the overlay's.
    if (!isMapping(node)) return node !== undefined && node !== overlay;
    if (typeof segment !== 'string' || !Object.hasOwn(node, segment)) return false;
    node = node[segment];
  }
  return true;
}

/**
 * The project file as environment `name` sees it: each connection merged with its binding, located
 * where each setting is written. Connection rules then run on it unchanged.
 */
export function projectView(source: YamlSource, name: string): YamlSource {
  const data = isMapping(source.data) ? source.data : {};
  const connections = entry(data, 'connections');
  const view: Data = { ...data };
  const merged: Data = {};
  if (isMapping(connections)) {
    for (const connection of Object.keys(connections)) {
      const value = mergedConnection(data, name, connection);
      Object.defineProperty(merged, connection, {
        value: value ?? entry(connections, connection),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  view.connections = merged;
  const environments = entry(data, ENVIRONMENTS_KEY);
  const body = isMapping(environments) ? entry(environments, name) : undefined;
  const bindings = isMapping(body) ? entry(body, 'connections') : undefined;
  return {
    file: source.file,
    data: view,
    locate(path, target) {
      const [head, connection, ...rest] = path;
      if (head === 'connections' && typeof connection === 'string' && isMapping(bindings)) {
        const overlay = entry(bindings, connection);
        if (overlayHolds(overlay, rest)) {
          return source.locate([ENVIRONMENTS_KEY, name, 'connections', connection, ...rest], target);
        }
      }
      return source.locate(path, target);
    },
  };
}

/**
 * A plan entry as environment `name` sees it: its fields with the environment's overlay on top, the
 * `environments` key removed; and which fields any environment's overlay sets (environment-bound
 * values, which `compare` leaves out). Undefined overlay issues are reported by `overlayIssues`.
 */
export function planView(
  raw: Data,
  name: string | undefined,
): { fields: Data; overlaid: Set<string>; bound: string[] } {
  const { [ENVIRONMENTS_KEY]: environments, ...fields } = raw;
  const overlaid = new Set<string>();
  const bound = new Set<string>();
  if (isMapping(environments)) {
    for (const [environment, overlay] of Object.entries(environments)) {
      if (!isMapping(overlay)) continue;
      for (const [field, value] of Object.entries(overlay)) {
        bound.add(field);
        if (environment !== name) continue;
        overlaid.add(field);
        Object.defineProperty(fields, field, { value, enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return { fields, overlaid, bound: [...bound].sort() };
}

/** A plan's `environments` must name declared environments, and only where the project has some. */
export function overlayIssues(
  source: YamlSource,
  at: DocPath,
  raw: Data,
  declared: readonly string[],
  projectFile: string,
): PathedIssue[] {
  const environments = entry(raw, ENVIRONMENTS_KEY);
  if (environments === undefined) return [];
  const here: DocPath = [...at, ENVIRONMENTS_KEY];
  if (declared.length === 0) {
    return [
      issueAt(
        source,
        here,
        'key',
        `${projectFile} declares no environments`,
        `declare them under \`environments:\` in ${projectFile}, or write these values on the plan itself`,
      ),
    ];
  }
  if (!isMapping(environments)) return []; // the schema says so
  return Object.keys(environments)
    .filter((environment) => !declared.includes(environment))
    .map((environment) =>
      issueAt(
        source,
        [...here, environment],
        'key',
        `unknown environment ${quote(environment)}`,
        didYouMean(environment, declared) ?? `environments in ${projectFile}: ${declared.join(', ')}`,
      ),
    );
}

/**
 * Where a path inside a plan (from its fields down) is written for environment `name`: under the
 * plan's `environments.<name>` when that environment's overlay sets the field, else on the plan.
 */
export function planPathOf(
  key: string,
  name: string | undefined,
  overlaid: ReadonlySet<string>,
): (rest: DocPath) => DocPath {
  return (rest) => {
    const [field] = rest;
    if (name !== undefined && typeof field === 'string' && overlaid.has(field)) {
      return ['plans', key, ENVIRONMENTS_KEY, name, ...rest];
    }
    return ['plans', key, ...rest];
  };
}
