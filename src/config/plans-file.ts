// One plans file: find its connection (and through it the provider), check it against the provider's
// schema, normalise each plan into a DesiredPlanSource, then apply the semantic rules: generic ones
// (pinned ids unique) and the provider's own from `rules/`.

import { formatLocation } from '../errors.js';
import type { ConfigIssue, SourceLocation } from '../errors.js';
import type { Lifecycle } from '../core/model.js';
import type { Provider } from '../providers/types.js';
import { entry, isMapping } from './data.js';
import type { Data } from './data.js';
import { found } from './describe-value.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath, isWithin } from './paths.js';
import type { DocPath } from './paths.js';
import { rulesFor } from './rules/index.js';
import type { PlanRuleInput } from './rules/index.js';
import { schemaIssues } from './schema-issues.js';
import type { PathedIssue } from './schema-issues.js';
import { schemaValidator } from './schema-store.js';
import type { ConnectionConfig, DesiredPlanSource, PlansFile, ProviderLookup } from './types.js';
import type { LocateTarget, YamlSource } from './yaml-source.js';

export interface PlansFileContext {
  /** Connections whose provider is known, by id. */
  connections: ReadonlyMap<string, ConnectionConfig>;
  /** Connections with a missing or unknown provider: their plans files are not checked further. */
  broken: ReadonlySet<string>;
  providers: ProviderLookup;
  /** Project file name, for hints. */
  projectFile: string;
}

export interface PlansFileResult {
  /** The connection the file names, when it names one (for the one-file-per-connection check). */
  connection?: { name: string; location: SourceLocation };
  plansFile?: PlansFile;
  issues: ConfigIssue[];
}

interface PlanInput extends PlanRuleInput {
  lifecycle: Lifecycle;
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
  | { ok: true; ref: { name: string; location: SourceLocation }; provider: Provider }
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
    return fail('value', `unknown connection \`${name}\``, didYouMean(name, known) ?? listed);
  }
  return { ok: true, ref, provider };
}

export function checkPlansFile(source: YamlSource, context: PlansFileContext): PlansFileResult {
  const data = source.data;
  if (!isMapping(data)) {
    const message = `expected a mapping with \`connection\` and \`plans\`, ${found(data)}`;
    return { issues: [issueAt(source, [], 'value', message).issue] };
  }
  const lookup = lookUpConnection(source, data, context);
  if (!lookup.ok) return { ...(lookup.ref && { connection: lookup.ref }), issues: lookup.issues };
  const { ref: connectionRef, provider } = lookup;

  const validate = schemaValidator(provider.planSchema);
  const pathed = validate(data) ? [] : schemaIssues(validate.errors ?? [], source);
  const plansData = entry(data, 'plans');
  const plans: DesiredPlanSource[] = [];
  if (isMapping(plansData)) {
    // Semantic rules only see plans the schema accepted, so they can rely on types and shapes.
    const inputs: PlanInput[] = [];
    for (const [key, raw] of Object.entries(plansData)) {
      const at: DocPath = ['plans', key];
      if (!isMapping(raw) || pathed.some((item) => isWithin(item.at, at))) continue;
      const { [LIFECYCLE_KEY]: lifecycle, ...fields } = raw;
      inputs.push({ key, fields, lifecycle: lifecycleOf(lifecycle) });
    }
    pathed.push(...ruleIssues(source, provider, inputs));
    pathed.push(...pinnedIdIssues(source, provider, inputs));
    for (const input of inputs) {
      const at: DocPath = ['plans', input.key];
      if (pathed.some((item) => isWithin(item.at, at))) continue;
      const plan = normalisePlan(source, provider, input);
      const problem = providerReadIssue(source, provider, plan);
      if (problem) pathed.push(problem);
      else plans.push(plan);
    }
  }
  return {
    connection: connectionRef,
    plansFile: { file: source.file, connection: connectionRef.name, plans },
    issues: pathed.map((item) => item.issue),
  };
}

function ruleIssues(source: YamlSource, provider: Provider, inputs: readonly PlanRuleInput[]): PathedIssue[] {
  const rules = rulesFor(provider.id);
  if (!rules) return [];
  const out: PathedIssue[] = [];
  for (const input of inputs) {
    for (const finding of rules.plan?.(input) ?? []) {
      const at = ['plans', input.key, ...(finding.at ?? [])];
      out.push(issueAt(source, at, finding.at?.length ? 'value' : 'key', finding.message, finding.hint));
    }
  }
  for (const finding of rules.file?.(inputs) ?? []) {
    const at = ['plans', finding.key, ...(finding.at ?? [])];
    out.push(issueAt(source, at, finding.at?.length ? 'value' : 'key', finding.message, finding.hint));
  }
  return out;
}

/** Two YAML plans pinned to one live object would fight over it on every apply. */
function pinnedIdIssues(
  source: YamlSource,
  provider: Provider,
  inputs: readonly PlanRuleInput[],
): PathedIssue[] {
  const idField = provider.contract.identity.idField;
  const firstById = new Map<string, string>();
  const out: PathedIssue[] = [];
  for (const { key, fields } of inputs) {
    const id = fields[idField];
    if (id === undefined || id === null) continue;
    const text = String(id);
    const first = firstById.get(text);
    if (first === undefined) {
      firstById.set(text, key);
      continue;
    }
    const where = formatLocation(source.locate(['plans', first, idField], 'value'));
    out.push(
      issueAt(
        source,
        ['plans', key, idField],
        'value',
        `${idField} ${text} is already pinned by plan \`${first}\` (${where})`,
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

function normalisePlan(source: YamlSource, provider: Provider, input: PlanInput): DesiredPlanSource {
  const idField = provider.contract.identity.idField;
  const { [idField]: id, ...spec } = input.fields;
  const at: DocPath = ['plans', input.key];
  return {
    key: input.key,
    ...(id !== undefined && id !== null && { id: String(id) }),
    spec,
    lifecycle: input.lifecycle,
    location: source.locate(at, 'key'),
    locate: (field) => source.locate([...at, field], 'value'),
  };
}

/**
 * The provider's own conversion runs here too, so a plan it cannot read fails at load time with a
 * location instead of in the middle of planning.
 */
function providerReadIssue(
  source: YamlSource,
  provider: Provider,
  plan: DesiredPlanSource,
): PathedIssue | undefined {
  try {
    provider.desiredAttrs(plan.spec);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return issueAt(
      source,
      ['plans', plan.key],
      'key',
      `the ${provider.id} provider cannot read this plan: ${reason}`,
    );
  }
}
