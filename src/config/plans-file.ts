// One plans file: find its connection (and through it the provider), check it against the provider's
// schema, normalise each plan into a DesiredPlanSource, then apply the semantic rules: generic ones
// (pinned ids unique) and the provider's own (its module's `rules`). Where the provider's rules name an
// `idListField`, an entry listing many ids expands into one plan per id, keyed `<entry key>/<id>`.

import { formatLocation } from '../errors.js';
import type { ConfigIssue, SourceLocation } from '../errors.js';
import type { Lifecycle } from '../core/model.js';
import type { AnyProvider, PlanRuleInput, ProviderRules } from '../providers/types.js';
import { entry, isMapping } from './data.js';
import type { Data } from './data.js';
import { found, foundWithKind, quote } from './describe-value.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath } from './paths.js';
import type { DocPath } from './paths.js';
import { validateInChunks } from './schema-issues.js';
import type { PathedIssue } from './schema-issues.js';
import { schemaValidator } from './schema-store.js';
import type { ConnectionConfig, DesiredPlanSource, PlansFile, ProviderLookup } from './types.js';
import type { ValidateFunction } from 'ajv';
import { ENVIRONMENTS_KEY, overlayIssues, planPathOf, planView } from './environments.js';
import { capIssues } from './yaml-source.js';
import type { LocateTarget, YamlSource } from './yaml-source.js';

export interface PlansFileContext {
  /** Connections whose provider is known, by id. */
  connections: ReadonlyMap<string, ConnectionConfig>;
  /** Connections with a missing or unknown provider: their plans files are not checked further. */
  broken: ReadonlySet<string>;
  providers: ProviderLookup;
  /** Project file name, for hints. */
  projectFile: string;
  /** The environment the plans are read for (its `environments:` values apply), if any. */
  environment?: string;
  /** The environments the project declares, in order; empty when it declares none. */
  environments?: readonly string[];
}

export interface PlansFileResult {
  /** The connection the file names, when it names one (for the one-file-per-connection check). */
  connection?: { name: string; location: SourceLocation };
  plansFile?: PlansFile;
  issues: ConfigIssue[];
}

interface PlanInput extends PlanRuleInput {
  lifecycle: Lifecycle;
  /** Where a path inside the plan (from its fields down) is written for this environment. */
  pathOf: (rest: DocPath) => DocPath;
  /** Fields the environment's overlay sets (written under `environments.<name>`). */
  overlaid: ReadonlySet<string>;
  /** Fields any environment's overlay sets: environment-bound values. */
  bound: string[];
}

/** One plan a plans entry stands for: the entry itself, or one id of a group entry. */
interface Member {
  input: PlanInput;
  /** The entry's key, or `<entry key>/<id>` for a group member (`<entry key>/<part key>` for a part). */
  key: string;
  id?: string;
  /** Where the id is (or would be) written: the id field, or the id's item in the list. */
  idAt: DocPath;
  group?: { key: string; index: number };
  /** For a part of a split entry (`ProviderRules.split`): its own fields and where they are written. */
  part?: { fields: Record<string, unknown>; at: DocPath; pinnable: boolean };
}

const LIFECYCLE_KEY = 'lifecycle';

function issueAt(
  source: YamlSource,
  at: DocPath,
  target: LocateTarget,
  message: string,
  hint?: string,
): PathedIssue {
  return {
    at,
    issue: { location: source.locate(at, target), path: formatPath(at), message, ...(hint && { hint }) },
  };
}

type ConnectionLookup =
  | {
      ok: true;
      ref: { name: string; location: SourceLocation };
      connection: ConnectionConfig;
      provider: AnyProvider;
    }
  /** The file names a broken connection: nothing more to say about it. */
  | { ok: false; ref: { name: string; location: SourceLocation }; issues: [] }
  | { ok: false; ref?: undefined; issues: ConfigIssue[] };

/** The `connection` key, resolved through the project file to a provider. */
function lookUpConnection(source: YamlSource, data: Data, context: PlansFileContext): ConnectionLookup {
  const known = [...context.connections.keys(), ...context.broken];
  const listed =
    known.length > 0
      ? `connections in ${context.projectFile}: ${known.join(', ')}`
      : `${context.projectFile} declares no connections`;
  const fail = (target: LocateTarget, message: string, hint: string) => ({
    ok: false as const,
    issues: [issueAt(source, ['connection'], target, message, hint).issue],
  });
  const name = entry(data, 'connection');
  if (name === undefined) return fail('parent', 'missing required key `connection`', listed);
  if (typeof name !== 'string') return fail('value', `expected a connection id, ${found(name)}`, listed);
  const ref = { name, location: source.locate(['connection'], 'value') };
  if (context.broken.has(name)) return { ok: false, ref, issues: [] };
  const connection = context.connections.get(name);
  const provider = connection && context.providers.get(connection.provider);
  if (!connection || !provider) {
    return fail('value', `unknown connection ${quote(name)}`, didYouMean(name, known) ?? listed);
  }
  return { ok: true, ref, connection, provider };
}

export function checkPlansFile(source: YamlSource, context: PlansFileContext): PlansFileResult {
  const data = source.data;
  if (!isMapping(data)) {
    const message = `expected a mapping with \`connection\` and \`plans\`, ${foundWithKind(data, true)}`;
    return { issues: [issueAt(source, [], 'value', message).issue] };
  }
  const lookup = lookUpConnection(source, data, context);
  if (!lookup.ok) return { ...(lookup.ref && { connection: lookup.ref }), issues: lookup.issues };
  const { ref: connectionRef, connection, provider } = lookup;
  const rules = provider.rules;
  const idField = provider.contract.identity.idField;

  const validate = schemaValidator(provider.planSchema);
  const pathed = validateInChunks(validate, 'plans', source);
  const plansData = entry(data, 'plans');
  const plans: DesiredPlanSource[] = [];
  if (isMapping(plansData)) {
    // Semantic rules only see plans the schema accepted, so they can rely on types and shapes.
    const inputs: PlanInput[] = [];
    // Entries with a problem, by key: looked up once per entry, not searched along (20,000 entries
    // and as many issues would make that 400 million comparisons).
    const environment = context.environment;
    const declared = context.environments ?? [];
    const views = new Map<string, ReturnType<typeof planView>>();
    for (const [key, raw] of Object.entries(plansData)) {
      if (!isMapping(raw)) continue;
      pathed.push(...overlayIssues(source, ['plans', key], raw, declared, context.projectFile));
      if (Object.hasOwn(raw, ENVIRONMENTS_KEY)) views.set(key, planView(raw, environment));
    }
    // A plan with per-environment values must be whole once merged: checked on the merged plans.
    if (views.size > 0) pathed.push(...mergedPlanIssues(source, validate, views, environment));
    const brokenAfterSchema = brokenEntries(pathed);
    for (const [key, raw] of Object.entries(plansData)) {
      if (!isMapping(raw) || brokenAfterSchema.has(key)) continue;
      const view = views.get(key) ?? { fields: raw, overlaid: new Set<string>(), bound: [] };
      const { [LIFECYCLE_KEY]: lifecycle, ...fields } = view.fields;
      inputs.push({
        key,
        fields,
        connection: { name: connection.name, options: connection.options },
        lifecycle: lifecycleOf(lifecycle),
        pathOf: planPathOf(key, environment, view.overlaid),
        overlaid: view.overlaid,
        bound: view.bound,
      });
    }
    for (const item of ruleIssues(source, rules, inputs)) pathed.push(item);
    const members = inputs.flatMap((input) =>
      rules.split ? partsOf(input, idField, rules.split) : membersOf(input, idField, rules.idListField),
    );
    for (const item of pinnedIdIssues(source, idField, members)) pathed.push(item);
    const broken = brokenEntries(pathed);
    // By input, so a file of many plans is checked in linear time.
    const membersByInput = new Map<PlanInput, Member[]>();
    for (const member of members) {
      membersByInput.set(member.input, [...(membersByInput.get(member.input) ?? []), member]);
    }
    for (const input of inputs) {
      const at: DocPath = ['plans', input.key];
      if (broken.has(input.key)) continue;
      const expanded = (membersByInput.get(input) ?? []).map((member) =>
        normalisePlan(source, idField, rules.idListField, member),
      );
      // Members of a group share one spec: the provider reads it once. Parts each have their own.
      const problems = (rules.split ? expanded : expanded.slice(0, 1)).flatMap(
        (plan) => providerReadIssue(source, provider, at, plan) ?? [],
      );
      if (problems.length > 0) pathed.push(...problems);
      else for (const plan of expanded) plans.push(plan);
    }
  }
  return {
    connection: connectionRef,
    plansFile: {
      file: source.file,
      connection: connectionRef.name,
      plans,
      ...(isMapping(plansData) && { raw: plansData }),
    },
    issues: capIssues(
      source.file,
      pathed.map((item) => item.issue),
    ),
  };
}

/**
 * Plans with per-environment values, merged for `environment`, checked against the plans schema: a
 * required field written in no place this environment sees is reported here (the schema asks for it
 * only on plans without `environments`). Located where each merged field is written.
 */
function mergedPlanIssues(
  source: YamlSource,
  validate: ValidateFunction,
  views: ReadonlyMap<string, ReturnType<typeof planView>>,
  environment: string | undefined,
): PathedIssue[] {
  const data = isMapping(source.data) ? source.data : {};
  const plans: Data = {};
  const paths = new Map<string, (rest: DocPath) => DocPath>();
  for (const [key, view] of views) {
    Object.defineProperty(plans, key, {
      value: view.fields,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    paths.set(key, planPathOf(key, environment, view.overlaid));
  }
  const toRaw = (path: DocPath): DocPath => {
    const [head, key, ...rest] = path;
    const pathOf = head === 'plans' && typeof key === 'string' ? paths.get(key) : undefined;
    return pathOf ? pathOf(rest) : path;
  };
  const merged: YamlSource = {
    file: source.file,
    data: { ...data, plans },
    locate: (path, target) => source.locate(toRaw(path), target),
  };
  return validateInChunks(validate, 'plans', merged).map(({ at, issue }) => {
    const raw = toRaw(at);
    const missing = environment !== undefined && issue.message.startsWith('missing required key');
    const hint = missing
      ? `environment ${environment} has no value for it: write it on the plan, or under its \`environments.${environment}\``
      : issue.hint;
    return { at: raw, issue: { ...issue, path: formatPath(raw), ...(hint !== undefined && { hint }) } };
  });
}

/** Keys of the `plans` entries an issue is within (`plans.<key>` or below). */
function brokenEntries(pathed: readonly PathedIssue[]): Set<string> {
  const keys = new Set<string>();
  for (const { at } of pathed) {
    if (at.length >= 2 && at[0] === 'plans') keys.add(String(at[1]));
  }
  return keys;
}

function ruleIssues(source: YamlSource, rules: ProviderRules, inputs: readonly PlanInput[]): PathedIssue[] {
  const out: PathedIssue[] = [];
  const byKey = new Map(inputs.map((input) => [input.key, input]));
  for (const input of inputs) {
    for (const finding of rules.plan?.(input) ?? []) {
      const at = input.pathOf(finding.at ?? []);
      const target = finding.target ?? (finding.at?.length ? 'value' : 'key');
      out.push(issueAt(source, at, target, finding.message, finding.hint));
    }
  }
  for (const finding of rules.file?.(inputs) ?? []) {
    const at = byKey.get(finding.key)?.pathOf(finding.at ?? []) ?? [
      'plans',
      finding.key,
      ...(finding.at ?? []),
    ];
    const target = finding.target ?? (finding.at?.length ? 'value' : 'key');
    out.push(issueAt(source, at, target, finding.message, finding.hint));
  }
  return out;
}

/** The plans an entry stands for: itself, or with a list of ids, one plan per id. */
function membersOf(input: PlanInput, idField: string, listField: string | undefined): Member[] {
  const list = listField === undefined ? undefined : input.fields[listField];
  if (listField !== undefined && Array.isArray(list)) {
    return list.map((raw: unknown, index) => {
      const id = String(raw);
      return {
        input,
        key: `${input.key}/${id}`,
        id,
        idAt: input.pathOf([listField, index]),
        group: { key: input.key, index },
      };
    });
  }
  const id = input.fields[idField];
  return [
    {
      input,
      key: input.key,
      ...(id !== undefined && id !== null && { id: String(id) }),
      idAt: input.pathOf([idField]),
    },
  ];
}

/** The plans a split entry stands for: its own, then one per child part, in the provider's order. */
function partsOf(input: PlanInput, idField: string, split: NonNullable<ProviderRules['split']>): Member[] {
  let index = 0;
  return split({ key: input.key, fields: input.fields }).map((part) => {
    const id = part.fields[idField];
    const child = part.key !== undefined;
    return {
      input,
      key: child ? `${input.key}/${part.key}` : input.key,
      ...(id !== undefined && id !== null && { id: String(id) }),
      idAt: input.pathOf([...part.at, idField]),
      ...(child && { group: { key: input.key, index: index++ } }),
      part: { fields: part.fields, at: part.at, pinnable: part.pinnable },
    };
  });
}

/** Two YAML plans (or group members) pinned to one live object would fight over it on every apply. */
function pinnedIdIssues(source: YamlSource, idField: string, members: readonly Member[]): PathedIssue[] {
  const firstById = new Map<string, Member>();
  const out: PathedIssue[] = [];
  for (const member of members) {
    if (member.id === undefined) continue;
    const first = firstById.get(member.id);
    if (first === undefined) {
      firstById.set(member.id, member);
      continue;
    }
    const where = formatLocation(source.locate(first.idAt, 'value'));
    out.push(
      issueAt(
        source,
        member.idAt,
        'value',
        `${idField} ${member.id} is already pinned by plan \`${first.key}\` (${where})`,
        'a live plan can be managed by one YAML plan only',
      ),
    );
  }
  return out;
}

function lifecycleOf(raw: unknown): Lifecycle {
  const data = isMapping(raw) ? raw : {};
  return {
    replace: entry(data, 'replace') === true,
    preventDestroy: entry(data, 'prevent_destroy') === true,
  };
}

function normalisePlan(
  source: YamlSource,
  idField: string,
  listField: string | undefined,
  member: Member,
): DesiredPlanSource {
  const { input, part } = member;
  const spec: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(part?.fields ?? input.fields)) {
    if (field !== idField && field !== listField) spec[field] = value;
  }
  const at: DocPath = ['plans', input.key];
  // A part's fields are written inside the entry (a Stripe price under `prices.<key>`); a whole entry's
  // (and a group member's) at the entry itself.
  const within = (rest: DocPath) => input.pathOf([...(part?.at ?? []), ...rest]);
  const location = !member.group
    ? source.locate(at, 'key')
    : part
      ? source.locate(within([]), 'key')
      : source.locate(member.idAt, 'value');
  // A group member's id is its item in the entry's list of ids.
  const listedId = member.group !== undefined && part === undefined;
  return {
    key: member.key,
    ...(member.id !== undefined && { id: member.id }),
    spec,
    lifecycle: input.lifecycle,
    location,
    locate: (field) => (listedId && field === idField ? location : source.locate(within([field]), 'value')),
    ...(member.group && { group: member.group }),
    ...(part && { pinAt: part.pinnable ? ['plans', input.key, ...part.at] : null }),
    ...(input.bound.length > 0 && { environmentBound: input.bound }),
  };
}

/**
 * The provider's own conversion runs here too, so a plan it cannot read fails at load time with a
 * location instead of in the middle of planning.
 */
function providerReadIssue(
  source: YamlSource,
  provider: AnyProvider,
  at: DocPath,
  plan: DesiredPlanSource,
): PathedIssue | undefined {
  try {
    provider.desiredAttrs(plan.spec);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return issueAt(source, at, 'key', `the ${provider.id} provider cannot read this plan: ${reason}`);
  }
}
