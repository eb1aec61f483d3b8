// Loading the whole configuration: the project file, then every plans file, each checked in three
// steps (schema, normalisation, semantic rules). Problems are collected across all files and thrown
// together as one ConfigError, so a user fixes everything in one round.

import path from 'node:path';
import { ConfigError, formatLocation, UserError } from '../errors.js';
import type { ConfigIssue, SourceLocation } from '../errors.js';
import { quote } from './describe-value.js';
import { didYouMean } from './did-you-mean.js';
import { ALL_ENVIRONMENTS } from './environments.js';
import type { EnvironmentDecl } from './environments.js';
import { findPlansFiles } from './discover.js';
import { checkPlansFile } from './plans-file.js';
import type { PlansFileContext } from './plans-file.js';
import { checkProjectFile } from './project-file.js';
import { readConfigFile } from './read-config-file.js';
import { inspectPath, projectJail, type Jail } from './safe-file.js';
import { formatPath } from './paths.js';
import type { DocPath } from './paths.js';
import type { PlansFile, Project, ProviderLookup } from './types.js';
import type { YamlSource } from './yaml-source.js';

const DEFAULT_PROJECT_FILE = 'plansync.yaml';
const ALTERNATE_PROJECT_FILE = 'plansync.yml';

export interface LoadProjectOptions {
  /** Project file, relative to `root` or absolute. Default `plansync.yaml` (or `plansync.yml`). */
  projectFile?: string;
  /**
   * The environment to load, in a project that declares environments (required there); refused in
   * one that declares none.
   */
  environment?: string;
}

export interface LoadProjectsOptions {
  projectFile?: string;
  /**
   * Environments to load, by name, or `all`. Absent or empty: every declared environment (and the
   * project as it is when it declares none).
   */
  environments?: readonly string[];
}

/** Path as shown in messages: relative to the project root, `/`-separated on every OS. */
function display(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/') || '.';
}

/** Whether something (a directory or not) stands at `absolute`, links followed; undefined if nothing. */
async function isDirectory(jail: Jail, absolute: string): Promise<boolean | undefined> {
  const found = await inspectPath(jail, absolute, 'directory', { explicit: true });
  if (found.kind === 'missing') return undefined;
  return found.kind === 'ok';
}

/** Load and check the project at `root`. Throws ConfigError carrying every issue found in every file. */
export async function loadProject(
  root: string,
  providers: ProviderLookup,
  options: LoadProjectOptions = {},
): Promise<Project> {
  const asked = options.environment === undefined ? [] : [options.environment];
  const loaded = await load(root, providers, options.projectFile, asked, true);
  return loaded[0] as Project;
}

/**
 * Load and check the project at `root` once per environment asked for (predecessors first), each as
 * a plain project with that environment's bindings and values merged in. Files are read and parsed
 * once; every issue found for any environment is reported once.
 */
export async function loadProjects(
  root: string,
  providers: ProviderLookup,
  options: LoadProjectsOptions = {},
): Promise<Project[]> {
  return load(root, providers, options.projectFile, options.environments ?? [], false);
}

/** `single`: exactly one environment must be named where the project declares any. */
async function load(
  root: string,
  providers: ProviderLookup,
  projectFileOption: string | undefined,
  asked: readonly string[],
  single: boolean,
): Promise<Project[]> {
  const absoluteRoot = path.resolve(root);
  const jail = await projectJail(absoluteRoot);
  const projectPath = await findProjectFile(jail, projectFileOption);
  const projectFile = display(absoluteRoot, projectPath);
  // A project file named with --project is the user's choice; the default one is held to the jail.
  const read = await readConfigFile(jail, projectPath, projectFile, {
    explicit: projectFileOption !== undefined,
  });
  if (read.kind === 'missing') {
    throw new ConfigError([
      {
        location: { file: projectFile },
        path: '',
        message: `project file not found: expected ${projectPath}`,
        hint: 'create it (version: 1 and your connections), or point plansync at the right project directory',
      },
    ]);
  }
  const issues: ConfigIssue[] = [...read.result.issues];
  const source = read.result.source;
  if (!source) throw configError(issues, [projectFile]);

  const shared = checkProjectFile(source, providers);
  const declared = shared.environments.map((environment) => environment.name);
  const chosen = chooseEnvironments(shared.environments, asked, projectFile, single);
  const plansDirectory = await resolvePlansDirectory(
    jail,
    source,
    shared.plansDir,
    shared.plansDirPath,
    issues,
  );
  const fileOrder = [projectFile];
  const plansSources: { file: string; source: YamlSource }[] = [];
  if (plansDirectory) {
    const found = await findPlansFiles(jail, plansDirectory, new Set([projectPath]));
    for (const { directory, code } of found.unreadable) {
      issues.push({
        location: { file: display(absoluteRoot, directory) },
        path: '',
        message: `cannot list directory (${code})`,
      });
    }
    for (const refused of found.refused) {
      issues.push({
        location: { file: display(absoluteRoot, refused.path) },
        path: '',
        message: `directory ${refused.reason}`,
        hint: 'plansync reads only files inside the project directory; it did not look inside this one',
      });
    }
    for (const absolute of found.files) {
      const file = display(absoluteRoot, absolute);
      fileOrder.push(file);
      const plansRead = await readConfigFile(jail, absolute, file);
      // Deleted between listing and reading: nothing to check.
      if (plansRead.kind === 'missing') continue;
      issues.push(...plansRead.result.issues);
      if (plansRead.result.source) plansSources.push({ file, source: plansRead.result.source });
    }
  }

  const projects: Project[] = [];
  for (const environment of chosen) {
    const project = environment === undefined ? shared : checkProjectFile(source, providers, environment);
    issues.push(...project.issues);
    const context: PlansFileContext = {
      connections: new Map(project.connections.map((connection) => [connection.name, connection])),
      broken: project.broken,
      providers,
      projectFile,
      ...(environment !== undefined && { environment }),
      environments: declared,
    };
    const claimed = new Map<string, { file: string; location: SourceLocation }>();
    const plansFiles: PlansFile[] = [];
    for (const { file, source: plansSource } of plansSources) {
      const result = checkPlansFile(plansSource, context);
      issues.push(...result.issues);
      if (result.connection) {
        const first = claimed.get(result.connection.name);
        if (first) {
          issues.push({
            location: result.connection.location,
            path: 'connection',
            message: `connection \`${result.connection.name}\` already has a plans file: ${formatLocation(first.location)}`,
            hint: `keep all plans of a connection in one file; merge ${file} into ${first.file}`,
          });
          continue;
        }
        claimed.set(result.connection.name, { file, location: result.connection.location });
      }
      if (result.plansFile) plansFiles.push(result.plansFile);
    }
    const decl = shared.environments.find((candidate) => candidate.name === environment);
    projects.push({
      root: absoluteRoot,
      file: projectFile,
      connections: project.connections,
      plansFiles,
      ...(plansDirectory ? { plansDir: display(absoluteRoot, plansDirectory) } : {}),
      environments: shared.environments,
      ...(decl && { environment: decl }),
    });
  }
  if (issues.length > 0) throw configError(unique(issues), fileOrder);
  return projects;
}

/**
 * The environments a command runs for, predecessors first, from the project file alone (no plans
 * file is read): those named in `asked` (`all`: every one), or when none is named, every one; with
 * `single`, naming none is refused where the project declares any. `[undefined]` for a project
 * without environments. Throws UserError for a name the project does not declare. A project file
 * that cannot be read yields `[undefined]`: loading it reports why.
 */
export async function environmentsToRun(
  root: string,
  providers: ProviderLookup,
  options: { projectFile?: string; asked: readonly string[]; single?: boolean },
): Promise<(EnvironmentDecl | undefined)[]> {
  const absoluteRoot = path.resolve(root);
  const jail = await projectJail(absoluteRoot);
  const projectPath = await findProjectFile(jail, options.projectFile);
  const projectFile = display(absoluteRoot, projectPath);
  const read = await readConfigFile(jail, projectPath, projectFile, {
    explicit: options.projectFile !== undefined,
  });
  if (read.kind === 'missing' || !read.result.source) return [undefined];
  const declared = checkProjectFile(read.result.source, providers).environments;
  const chosen = chooseEnvironments(declared, options.asked, projectFile, options.single === true);
  return chosen.map((name) => declared.find((environment) => environment.name === name));
}

/**
 * The environments to load, predecessors first: the ones named (`all`: every one), or every one
 * when none is named. A project without environments loads as it is, and refuses a name.
 */
function chooseEnvironments(
  declared: readonly EnvironmentDecl[],
  asked: readonly string[],
  projectFile: string,
  single: boolean,
): (string | undefined)[] {
  const names = declared.map((environment) => environment.name);
  if (names.length === 0) {
    if (asked.length === 0) return [undefined];
    throw new UserError(
      `${projectFile} declares no environments, so --env ${asked.join(', ')} names nothing. Declare them under \`environments:\` (see docs/environments.md), or leave --env out.`,
    );
  }
  if (asked.length === 0) {
    if (!single) return names;
    throw new UserError(
      `${projectFile} declares environments (${names.join(', ')}): choose one with --env NAME.`,
    );
  }
  if (asked.includes(ALL_ENVIRONMENTS)) return names;
  for (const name of asked) {
    if (names.includes(name)) continue;
    const hint = didYouMean(name, names);
    throw new UserError(
      `unknown environment ${quote(name)}: ${projectFile} declares ${names.join(', ')}${hint ? ` (${hint})` : ''}.`,
    );
  }
  return names.filter((name) => asked.includes(name));
}

/** Issues found once per environment in a part all environments share are reported once. */
function unique(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([formatLocation(issue.location), issue.path, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function findProjectFile(jail: Jail, projectFile: string | undefined): Promise<string> {
  if (projectFile !== undefined) return path.resolve(jail.root, projectFile);
  const preferred = path.join(jail.root, DEFAULT_PROJECT_FILE);
  const alternate = path.join(jail.root, ALTERNATE_PROJECT_FILE);
  if ((await isDirectory(jail, preferred)) === undefined && (await isDirectory(jail, alternate)) === false)
    return alternate;
  return preferred;
}

/** The plans directory must exist and stay inside the project, so a checkout is self-contained. */
async function resolvePlansDirectory(
  jail: Jail,
  source: YamlSource,
  written: string,
  at: DocPath,
  issues: ConfigIssue[],
): Promise<string | undefined> {
  const location = source.locate(at, 'value');
  const issue = (message: string, hint?: string) =>
    issues.push({ location, path: formatPath(at), message, ...(hint && { hint }) });
  if (path.isAbsolute(written)) {
    issue(`plans directory must be relative to the project root, got ${quote(written)}`);
    return undefined;
  }
  const absolute = path.resolve(jail.root, written);
  const relative = path.relative(jail.root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    issue(`plans directory ${quote(written)} is outside the project root`);
    return undefined;
  }
  // The text stays inside; its real path must too (`plans` may be a link out of the checkout).
  const found = await inspectPath(jail, absolute, 'directory');
  if (found.kind === 'missing') {
    issue(
      `plans directory ${quote(written)} does not exist`,
      'create it, or set `plans:` to the directory holding your plans files',
    );
    return undefined;
  }
  if (found.kind === 'refused') {
    issue(
      `plans directory ${quote(written)} ${found.reason}`,
      'plansync reads only files inside the project directory; it did not look inside this one',
    );
    return undefined;
  }
  return absolute;
}

/** All issues, ordered by file (project file first, then plans files as found), line and column. */
function configError(issues: ConfigIssue[], fileOrder: string[]): ConfigError {
  const rank = (file: string) => {
    const index = fileOrder.indexOf(file);
    return index === -1 ? fileOrder.length : index;
  };
  const sorted = [...issues].sort(
    (a, b) =>
      rank(a.location.file) - rank(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
  return new ConfigError(sorted);
}

// The engine imports the loader's whole surface from here.
export { resolveCredentials } from './credentials.js';
export type { ConnectionConfig, PlansFile, Project, ProviderLookup } from './types.js';
