// `plansync import`: read one connection's live plans and write the ones no YAML plan declares yet
// into its plans file, pinned by id, so that `plan` afterwards shows no changes. Which live plans
// are "declared" is decided by the planner's own identity matching (pinned id, then natural key).
// The new file text is checked by the real plans-file loader before anything is written.
//
// In a project with environments, import reads one environment's account (`--env NAME`): plans are
// matched as that environment sees the file (its pinned ids, its product ids), and an imported
// plan's id goes into its `environments.<env>` slot, since the other accounts have no plan with it.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadProject, type ConnectionConfig, type Project } from '../config/load-project.js';
import { ENVIRONMENTS_KEY } from '../config/environments.js';
import { checkPlansFile } from '../config/plans-file.js';
import { MAX_CONFIG_BYTES } from '../config/read-config-file.js';
import { assertWritable, projectJail, readTextSafely, writeFileSafely } from '../config/safe-file.js';
import { schemaModeline } from '../config/schema-modeline.js';
import { parseYamlText } from '../config/yaml-source.js';
import { matchPlans } from '../core/identity.js';
import type { DesiredPlan, LiveObject } from '../core/model.js';
import { ConfigError, UserError, type ConfigIssue } from '../errors.js';
import { providers } from '../providers/registry.js';
import type { ImportedPlan, Provider, ProviderImporter } from '../providers/types.js';
import { appendPlans, newPlansFile, type YamlEntry } from './import-yaml.js';
import { connectionSession, resolveBaseUrl, type SessionOptions } from './session.js';
import { readStart, type ReadStart } from './make-plan.js';

export interface ImportOptions {
  connection: string;
  /** The project environment to read, where the project declares environments (required there). */
  environment?: string;
  /** Plans file to write, relative to the project root; default: the connection's, else a new one. */
  file?: string;
  /** Provider filters (`product`, `account`) and their ids. */
  only: Record<string, string[]>;
  includeRetired: boolean;
  /** Build the text, write nothing. */
  dryRun: boolean;
  /** For the new file's header. */
  now: Date;
  /** Told once the project is loaded, before any request (the CLI learns the credentials to mask). */
  onProject?(project: Project): void;
  onReadStart?(connection: string, start: ReadStart): void;
  onProgress?(connection: string, done: number, total?: number): void;
  onReadEnd?(connection: string): void;
}

export interface ImportReport {
  connection: string;
  provider: string;
  /** The project environment read, and whose slot holds the imported ids; absent without environments. */
  environment?: string;
  /** Relative to the project root. */
  file: string;
  /** The file did not exist before. */
  newFile: boolean;
  imported: Array<{ key: string; id: string; retired: boolean }>;
  /** Live plans the YAML already declares. */
  alreadyDeclared: number;
  retiredSkipped: number;
  /** Live plans left out, and why (ambiguous matches, values the plans schema refuses). */
  left: Array<{ id: string; reason: string }>;
  /** Whether the file was (or, in a dry run, would be) written. */
  changed: boolean;
  /** The file's new text (its old text when nothing changed). */
  text: string;
}

const MAX_KEY = 64;

export async function importPlans(session: SessionOptions, options: ImportOptions): Promise<ImportReport> {
  const project = await loadProject(session.root, providers, {
    ...(session.projectFile ? { projectFile: session.projectFile } : {}),
    ...(options.environment !== undefined && { environment: options.environment }),
  });
  const environment = project.environment?.name;
  options.onProject?.(project);
  const config = project.connections.find((c) => c.name === options.connection);
  if (!config) {
    const known = project.connections.map((c) => c.name).join(', ') || '(none)';
    throw new UserError(
      `unknown connection \`${options.connection}\`; connections in ${project.file}: ${known}`,
    );
  }
  const provider = providers.get(config.provider) as Provider;
  const importer = provider.importer;
  if (!importer) throw new UserError(`connection ${config.name}: ${provider.title} cannot import yet`);
  checkFilters(config, provider, importer, options.only);

  const existing = project.plansFiles.find((f) => f.connection === config.name);
  const file = targetFile(project, config, existing?.file, options.file);
  const desired: DesiredPlan[] = (existing?.plans ?? []).map((source) => ({
    key: source.key,
    ...(source.id === undefined ? {} : { id: source.id }),
    attrs: provider.desiredAttrs(source.spec),
    lifecycle: source.lifecycle,
    location: source.location,
  }));
  const baseUrl = resolveBaseUrl(config, provider, session.env, project.file)?.url;
  const plansFile = existing ?? { file, connection: config.name, plans: [] };
  const connection = connectionSession(config, provider, plansFile, desired, false, baseUrl, session);
  try {
    const declaredIds = new Set(desired.flatMap((plan) => (plan.id === undefined ? [] : [plan.id])));
    const read =
      (await importer.plan?.(connection.providerConnection(), {
        only: options.only,
        includeRetired: options.includeRetired,
        declaredIds,
      })) ?? {};
    const start = readStart(provider, config.limits, read.scope, 0);
    if (start !== undefined) {
      const budget = config.limits.dailyBudget;
      if (start.exact && budget !== undefined && start.requests > budget) {
        throw new UserError(
          `connection ${config.name}: reading these plans needs ${start.requests} requests, more than limits.daily_budget (${budget}); nothing more was sent. Narrow the import with ${filterFlags(importer)}`,
        );
      }
      options.onReadStart?.(config.name, start);
    }
    let inventory;
    try {
      inventory = await connection.adapter().readAll(read.scope, {
        onProgress: (done, total) => options.onProgress?.(config.name, done, total),
      });
    } finally {
      options.onReadEnd?.(config.name);
    }

    const { fresh, declared, left } = undeclared(provider, desired, inventory.objects);
    const report: ImportReport = {
      connection: config.name,
      provider: provider.id,
      ...(environment !== undefined && { environment }),
      file,
      newFile: existing === undefined,
      imported: [],
      alreadyDeclared: declared + (read.declaredSkipped ?? 0),
      retiredSkipped: read.retiredSkipped ?? 0,
      left,
      changed: false,
      text: '',
    };
    let candidates: Array<{ object: LiveObject; plan: ImportedPlan }> = [];
    for (const object of fresh) {
      const plan = importer.toSpec(object, read.labels?.[object.id]);
      if (plan.retired && !options.includeRetired) report.retiredSkipped++;
      else candidates.push({ object, plan });
    }
    if (importer.assemble) {
      const assembled = importer.assemble(candidates);
      candidates = assembled.kept;
      report.left.push(...assembled.left);
    }
    // By name, then id: related plans sit together and a shared name's `-2` goes to the later id.
    const order = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
    candidates = candidates.sort(
      (a, b) => order(a.plan.name ?? '', b.plan.name ?? '') || order(a.object.id, b.object.id),
    );

    const absolute = path.join(project.root, file);
    // Read and written under the project's jail: a plans file linking out of the project is refused.
    const jail = await projectJail(project.root);
    const before = existing ? await readTextSafely(jail, absolute, file, MAX_CONFIG_BYTES) : undefined;
    if (!options.dryRun) await assertWritable(jail, absolute, file);
    const taken = new Set(existing ? topLevelKeys(before as string) : []);
    let entries = candidates.map(({ object, plan }) => ({
      object,
      retired: plan.retired,
      entry: entryOf(object, plan, taken, provider.contract.identity.idField, environment),
    }));
    const render = (list: typeof entries) => {
      const yaml = list.map((item) => item.entry);
      if (before !== undefined) {
        return appendPlans(before, yaml, `Imported by \`plansync import\` on ${day(options.now)}.`);
      }
      return newPlansFile(
        [
          schemaModeline(project.root, file, provider.planSchema).replace(/^# /, ''),
          ...header(config, provider, options.now, environment),
        ],
        config.name,
        yaml,
      );
    };
    // Live values the plans file cannot hold (a plan type the connection does not enable, a name too
    // long) are left out with the loader's own words; the rest is imported.
    let text = render(entries);
    let issues = checkText(project, file, text);
    const refused = entries.filter((item) => issues.some((issue) => within(issue, item.entry.key)));
    if (refused.length > 0) {
      for (const item of refused) {
        const reason = issues
          .filter((issue) => within(issue, item.entry.key))
          .map((issue) => `${issue.path.replace(`plans.${item.entry.key}`, '') || 'plan'}: ${issue.message}`)
          .join('; ');
        report.left.push({ id: item.object.id, reason: reason.replace(/^\./, '') });
      }
      entries = entries.filter((item) => !refused.includes(item));
      text = render(entries);
      issues = checkText(project, file, text);
    }
    if (issues.length > 0) throw new ConfigError(issues);

    report.imported = entries.map(({ object, entry, retired }) => ({
      key: entry.key,
      id: object.id,
      retired,
    }));
    report.changed = entries.length > 0;
    report.text = report.changed ? text : (before ?? '');
    if (report.changed && !options.dryRun) {
      await mkdir(path.dirname(absolute), { recursive: true });
      await writeFileSafely(jail, absolute, file, text);
    }
    return report;
  } finally {
    await connection.close();
  }
}

/** Live objects no YAML plan claims, how many are claimed, and those matching would make ambiguous. */
function undeclared(provider: Provider, desired: DesiredPlan[], live: LiveObject[]) {
  const { outcomes, unmatched } = matchPlans(provider.contract, desired, live);
  const held = new Map<string, string>();
  const naturalKey = provider.contract.identity.naturalKey;
  for (const [key, outcome] of outcomes) {
    if (outcome.kind === 'ambiguous') {
      for (const object of outcome.candidates) {
        held.set(
          object.id,
          `plan \`${key}\` matches it and ${outcome.candidates.length - 1} other live plan(s) by ${naturalKey.join(' + ')}; pin one with its id, then import again`,
        );
      }
    }
    if (outcome.kind === 'duplicate') {
      const plan = desired.find((p) => p.key === key);
      for (const object of unmatched) {
        if (plan && naturalKey.every((field) => sameValue(object.attrs[field], plan.attrs[field]))) {
          held.set(
            object.id,
            `unpinned plans \`${key}\` and \`${outcome.otherKeys.join('`, `')}\` share its ${naturalKey.join(' + ')}; pin them first`,
          );
        }
      }
    }
  }
  const fresh = unmatched.filter((object) => !held.has(object.id));
  const declared = live.length - unmatched.length;
  return { fresh, declared, left: [...held].map(([id, reason]) => ({ id, reason })) };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function checkFilters(
  config: ConnectionConfig,
  provider: Provider,
  importer: ProviderImporter,
  only: Record<string, string[]>,
): void {
  for (const [filter, ids] of Object.entries(only)) {
    if (ids.length === 0 || importer.filters?.[filter] !== undefined) continue;
    throw new UserError(
      `--${filter} does not apply to connection ${config.name} (${provider.title}); it takes ${filterFlags(importer)}`,
    );
  }
}

function filterFlags(importer: ProviderImporter): string {
  const flags = Object.keys(importer.filters ?? {}).map((name) => `--${name}`);
  return flags.length === 0 ? 'no filter: it reads every plan' : flags.join(', ');
}

/** The file to write: `--file`, else the connection's plans file, else `<plans dir>/<connection>.yaml`. */
function targetFile(
  project: Project,
  config: ConnectionConfig,
  existing: string | undefined,
  requested: string | undefined,
): string {
  const plansDir = project.plansDir ?? 'plans';
  if (requested === undefined) return existing ?? `${plansDir}/${config.name}.yaml`;
  const absolute = path.resolve(project.root, requested);
  const file = path.relative(project.root, absolute).split(path.sep).join('/');
  if (existing !== undefined && file !== existing) {
    throw new UserError(
      `--file ${requested}: connection ${config.name} already has its plans in ${existing}; import into that file (leave out --file), as a connection keeps all its plans in one file`,
    );
  }
  const other = project.plansFiles.find((f) => f.file === file);
  if (other)
    throw new UserError(`--file ${requested}: that file holds the plans of connection ${other.connection}`);
  if (file.startsWith('../') || !(file === plansDir || file.startsWith(`${plansDir}/`))) {
    throw new UserError(`--file ${requested}: plansync reads plans files only under ${plansDir}/`);
  }
  if (!/\.ya?ml$/.test(file)) throw new UserError(`--file ${requested}: a plans file ends in .yaml or .yml`);
  return file;
}

/** Check the text as the loader will read it; issues point into the file at `file`. */
function checkText(project: Project, file: string, text: string): ConfigIssue[] {
  const parsed = parseYamlText(file, text);
  if (!parsed.source) return parsed.issues;
  const result = checkPlansFile(parsed.source, {
    connections: new Map(project.connections.map((c) => [c.name, c])),
    broken: new Set(),
    providers,
    projectFile: project.file,
    ...(project.environment && { environment: project.environment.name }),
    environments: (project.environments ?? []).map((e) => e.name),
  });
  return [...parsed.issues, ...result.issues];
}

function within(issue: ConfigIssue, key: string): boolean {
  const at = `plans.${key}`;
  return issue.path === at || issue.path.startsWith(`${at}.`) || issue.path.startsWith(`${at}[`);
}

/** Keys under `plans:` in the existing text (entry keys, not group members'). */
function topLevelKeys(text: string): string[] {
  const parsed = parseYamlText('', text);
  const plans = (parsed.source?.data as { plans?: unknown } | undefined)?.plans;
  return plans && typeof plans === 'object' ? Object.keys(plans) : [];
}

function entryOf(
  object: LiveObject,
  plan: ImportedPlan,
  taken: Set<string>,
  idField: string,
  environment: string | undefined,
): YamlEntry {
  const key = uniqueKey(slug(plan.name ?? '') || slug(object.id) || 'plan', taken);
  taken.add(key);
  return {
    key,
    spec: environment === undefined ? plan.spec : inEnvironmentSlot(plan.spec, idField, environment),
    ...(plan.comments ? { comments: plan.comments } : {}),
    ...(plan.notes ? { notes: plan.notes } : {}),
  };
}

/**
 * The spec with its id moved into `environments.<environment>`, last: the id is this account's,
 * every other field describes the plan in every environment.
 */
function inEnvironmentSlot(
  spec: Record<string, unknown>,
  idField: string,
  environment: string,
): Record<string, unknown> {
  const { [idField]: id, ...fields } = spec;
  if (id === undefined) return spec;
  return { ...fields, [ENVIRONMENTS_KEY]: { [environment]: { [idField]: id } } };
}

/** `Pro Monthly (EU)` → `pro-monthly-eu`: the plans schema's key pattern, at most 64 characters. */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_KEY)
    .replace(/-+$/, '');
}

function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const key = `${base.slice(0, MAX_KEY - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(key)) return key;
  }
}

function day(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function header(
  config: ConnectionConfig,
  provider: Provider,
  now: Date,
  environment: string | undefined,
): string[] {
  const from = environment === undefined ? '' : ` from environment ${environment}`;
  const pinned =
    environment === undefined
      ? 'by its id'
      : `by its id in \`${ENVIRONMENTS_KEY}.${environment}\` (each environment pins its own)`;
  return [
    `Plans of connection ${config.name} (${provider.title}), written by \`plansync import\`${from} on ${day(now)}.`,
    `Each plan is pinned to its live plan ${pinned}; comments say which fields the provider fixes.`,
    'Edit freely: `plansync plan` shows what would change.',
  ];
}
