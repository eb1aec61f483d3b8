// `--changed-since REF`: the plans a change touches, worked out from Git (git-changes.ts) and the two
// versions of each changed file, so a pull request's plan reads and plans only what it changes.
//
// Plans are compared by key, entry against entry (canonical JSON of the whole YAML entry, with its
// `environments:` overlay and `lifecycle`): a key added or changed is planned, as `--target
// connection/key` would plan it; a key removed is reported and left alone (pruning is off, as with
// `--target`); a rename is a removal and an addition. A plans file whose `connection:` changed counts
// every key on both sides. Keys are gathered per connection over every changed file, so plans moved
// from one file to another unchanged are not planned. A change in plansync.yaml that touches a
// connection (its settings, or an environment's binding of it) plans all of that connection's plans;
// one that touches the file as a whole (`plans:` directory, `version`, an environment's `follows`)
// plans every connection's.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project } from '../config/load-project.js';
import { isMapping, type Data } from '../config/data.js';
import { MAX_CONFIG_BYTES } from '../config/read-config-file.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { canonicalJson } from '../core/value.js';
import { gitChangesSince, type GitChanges } from './git-changes.js';

export interface ChangedScope {
  ref: string;
  /** The commit REF names, abbreviated for messages. */
  commit: string;
  /** `connection/key` of every plan to plan: changed and added ones, and all of a fallen-back connection's. */
  targets: string[];
  /** Connections planned in full because plansync.yaml changed for them, with why. */
  fallbacks: { connection: string; reason: string }[];
  /** `connection/key` of plans declared at REF and no longer (not read, not retired). */
  removed: string[];
  /** Files Git reports changed (plans files and the project file), for the summary. */
  files: string[];
}

type KeyedEntries = Map<string, Map<string, string>>;

/** The change set since `ref` for a loaded project (one environment's view; keys are the same in all). */
export async function changedScope(project: Project, ref: string): Promise<ChangedScope> {
  const plansDir = project.plansDir;
  const paths = [project.file, ...(plansDir === undefined ? [] : [plansDir])];
  const git = await gitChangesSince(project.root, ref, paths);
  const isPlansFile = (file: string) =>
    plansDir !== undefined && file.startsWith(`${plansDir}/`) && /\.ya?ml$/i.test(file);
  const plansFiles = git.changed.filter(isPlansFile);

  const before: KeyedEntries = new Map();
  const after: KeyedEntries = new Map();
  for (const file of plansFiles) {
    collect(before, file, await git.contentAt(file, MAX_CONFIG_BYTES));
    // The working tree's version was read by the loader, with the same reader: not parsed again.
    const loaded = project.plansFiles.find((candidate) => candidate.file === file);
    if (loaded?.raw) addEntries(after, loaded.connection, loaded.raw);
    else collect(after, file, await current(project.root, file));
  }

  const targets = new Set<string>();
  const removed: string[] = [];
  for (const connection of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(connection) ?? new Map<string, string>();
    const now = after.get(connection) ?? new Map<string, string>();
    for (const [key, entry] of now) if (old.get(key) !== entry) targets.add(`${connection}/${key}`);
    for (const key of old.keys()) if (!now.has(key)) removed.push(`${connection}/${key}`);
  }

  const fallbacks = git.changed.includes(project.file) ? await projectFallbacks(project, git) : [];
  const planned = new Set(project.plansFiles.map((file) => file.connection));
  for (const { connection } of fallbacks) {
    const file = project.plansFiles.find((candidate) => candidate.connection === connection);
    for (const plan of file?.plans ?? []) targets.add(`${connection}/${plan.group?.key ?? plan.key}`);
  }
  // Only what this project (this environment's view of it) declares: a connection with no plans file
  // has nothing to plan.
  const declared = new Set(
    project.plansFiles.flatMap((file) =>
      file.plans.map((plan) => `${file.connection}/${plan.group?.key ?? plan.key}`),
    ),
  );
  return {
    ref,
    commit: git.commit.slice(0, 12),
    targets: [...targets].filter((target) => declared.has(target)).sort(),
    fallbacks: fallbacks.filter(({ connection }) => planned.has(connection)),
    removed: removed.sort(),
    files: git.changed,
  };
}

/** A plans file's entries by connection and key, as canonical JSON; nothing for a missing or broken file. */
function collect(into: KeyedEntries, file: string, bytes: Uint8Array | undefined): void {
  if (bytes === undefined) return;
  const data = parseYamlSource(file, bytes).source?.data;
  if (!isMapping(data)) return;
  const connection = data.connection;
  const plans = data.plans;
  if (typeof connection !== 'string' || !isMapping(plans)) return;
  addEntries(into, connection, plans);
}

function addEntries(into: KeyedEntries, connection: string, plans: Data): void {
  const entries = into.get(connection) ?? new Map<string, string>();
  for (const [key, entry] of Object.entries(plans)) entries.set(key, canonicalJson(entry));
  into.set(connection, entries);
}

async function current(root: string, file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(join(root, file));
  } catch {
    return undefined;
  }
}

/**
 * The connections a plansync.yaml change falls back to planning in full: each whose settings or whose
 * binding in some environment changed, and all of them when something file-wide changed.
 */
async function projectFallbacks(
  project: Project,
  git: GitChanges,
): Promise<{ connection: string; reason: string }[]> {
  const names = project.connections.map((connection) => connection.name);
  const oldBytes = await git.contentAt(project.file, MAX_CONFIG_BYTES);
  const oldData = oldBytes === undefined ? undefined : parseYamlSource(project.file, oldBytes).source?.data;
  const newBytes = await current(project.root, project.file);
  const newData = newBytes === undefined ? undefined : parseYamlSource(project.file, newBytes).source?.data;
  const at = `${project.file} since ${git.ref}`;
  if (!isMapping(oldData) || !isMapping(newData)) {
    return names.map((connection) => ({
      connection,
      reason: `${project.file} did not exist or could not be read at ${git.ref}`,
    }));
  }
  if (canonicalJson(fileWide(oldData)) !== canonicalJson(fileWide(newData))) {
    return names.map((connection) => ({
      connection,
      reason: `a setting for the whole project changed in ${at}`,
    }));
  }
  return names
    .filter(
      (name) => canonicalJson(connectionPart(oldData, name)) !== canonicalJson(connectionPart(newData, name)),
    )
    .map((connection) => ({ connection, reason: `its settings changed in ${at}` }));
}

/** Everything in the project file but the connections and the environments' bindings of them. */
function fileWide(data: Data): unknown {
  const { connections: _connections, environments, ...rest } = data;
  const envs = isMapping(environments)
    ? Object.fromEntries(
        Object.entries(environments).map(([name, body]) => {
          if (!isMapping(body)) return [name, body];
          const { connections: _bound, ...others } = body;
          return [name, others];
        }),
      )
    : environments;
  return { rest, environments: envs };
}

/** One connection's settings and every environment's binding of it. */
function connectionPart(data: Data, name: string): unknown {
  const connections = isMapping(data.connections) ? data.connections : {};
  const environments = isMapping(data.environments) ? data.environments : {};
  const bindings: Data = {};
  for (const [environment, body] of Object.entries(environments)) {
    const bound = isMapping(body) && isMapping(body.connections) ? body.connections : undefined;
    if (bound && Object.hasOwn(bound, name)) bindings[environment] = bound[name];
  }
  return { settings: Object.hasOwn(connections, name) ? connections[name] : null, bindings };
}
