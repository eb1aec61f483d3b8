// The parts of `schemas/project.schema.json` that depend on which providers are registered: the
// provider ids, and each provider's credential slots, connection options and documented quotas.
// `npm run docs` writes them from the registry, and a test fails while the checked-in file differs.
// They are descriptions (and `examples`, which editors offer as completions), not constraints: the
// loader checks a connection against its provider module itself, with located messages, so the
// schema must not report the same mistakes a second time.

import { CONNECTION_DEFAULTS } from '../config/project-file.js';
import type { AnyProvider } from '../providers/types.js';

type Schema = Record<string, unknown>;

function child(schema: Schema, ...path: string[]): Schema {
  let node = schema;
  for (const key of path) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new Error(`project schema: no object at ${path.join('.')}`);
    }
    node = next as Schema;
  }
  return node;
}

const code = (text: string) => `\`${text}\``;

/** `(constantcontact: 4)`, or nothing when no provider documents the quota. */
function quotas(providers: readonly AnyProvider[], quota: 'requestsPerSecond' | 'dailyBudget'): string[] {
  return providers.flatMap((provider) => {
    const value = provider.connectionDefaults?.[quota];
    return value === undefined ? [] : [`${provider.id}: ${value}`];
  });
}

function optionsDoc(provider: AnyProvider): string {
  const keys = Object.entries(provider.options.keys);
  if (keys.length === 0) return `${provider.id} takes none`;
  return `${provider.id} takes ${keys.map(([key, doc]) => `${code(key)} (${doc})`).join(' and ')}`;
}

/** `schema` (the project schema) with its provider-dependent parts written from `providers`. */
export function withProviderParts(schema: Schema, providers: readonly AnyProvider[]): Schema {
  const out = structuredClone(schema);
  const connection = child(out, 'definitions', 'connection', 'properties');
  const ids = providers.map((provider) => provider.id);

  const provider = child(connection, 'provider');
  provider.description = `Id of a registered provider: ${ids.map(code).join(', ')}.`;
  provider.examples = ids;

  child(connection, 'credentials').description =
    "The provider's credential slots mapped to the NAMES of the environment variables holding the secrets (never the secrets themselves). " +
    `Slots by provider: ${providers
      .map((p) => `${p.id}: ${p.credentials.map((slot) => code(slot.name)).join(', ')}`)
      .join('; ')}.`;

  child(connection, 'options').description =
    "Provider-specific connection options, checked and read by the provider's options parser: " +
    `${providers.map(optionsDoc).join('; ')}.`;

  const limits = child(connection, 'limits', 'properties');
  const rate = quotas(providers, 'requestsPerSecond');
  const rateDefault = CONNECTION_DEFAULTS.limits.requestsPerSecond;
  child(limits, 'requests_per_second').description =
    'Ceiling on the request rate for this connection. ' +
    (rate.length === 0
      ? `Defaults to ${rateDefault}.`
      : `Defaults to the provider's documented quota where it has one (${rate.join(', ')}), else ${rateDefault}.`);
  const daily = quotas(providers, 'dailyBudget');
  child(limits, 'daily_budget').description =
    'Most requests one run may send on this connection in a day, to stay inside a daily API quota. ' +
    (daily.length === 0
      ? 'Defaults to no budget.'
      : `Defaults to the provider's documented daily quota where it has one (${daily.join(', ')}), else no budget.`);
  return out;
}

const ENVIRONMENT_NAMES = {
  pattern: '^[a-z][a-z0-9-]*$',
  maxLength: 32,
  'x-expected': 'an environment name of lowercase letters, digits and `-` (e.g. `sandbox`, `production`)',
};

/**
 * The project schema's `environments` part, derived from the connection definition so a setting
 * added to connections can be bound per environment at once: a binding takes every connection
 * setting except `provider` (one logical connection is one provider in every environment).
 */
export function withEnvironmentParts(schema: Schema): Schema {
  const out = structuredClone(schema);
  const definitions = child(out, 'definitions');
  const connection = child(definitions, 'connection');
  const { provider: _provider, ...settings } = child(connection, 'properties');
  definitions.connection_binding = {
    description:
      "One environment's binding of a logical connection: its provider environment, credentials, base URL, limits and safety. " +
      "Mapping settings (credentials, limits, safety, options) merge key by key with the connection's shared ones; others replace them. " +
      "`environment` defaults to the environment's name when that is `sandbox` or `production`.",
    type: 'object',
    additionalProperties: false,
    properties: structuredClone(settings),
  };
  definitions.environment = {
    description:
      'One environment: the account each connection reaches in it, and the environment it follows.',
    type: 'object',
    additionalProperties: false,
    required: ['connections'],
    properties: {
      follows: {
        description:
          'The environment that must already hold a change before this one receives it (e.g. `production` follows `sandbox`): apply refuses, exit 3, a plan change its predecessor has not received. `--force` overrides.',
        type: 'string',
        ...ENVIRONMENT_NAMES,
      },
      connections: {
        description: 'Every connection of the project, as this environment binds it.',
        type: 'object',
        propertyNames: child(out, 'properties', 'connections', 'propertyNames'),
        additionalProperties: { $ref: '#/definitions/connection_binding' },
      },
    },
  };
  child(out, 'properties').environments = {
    description:
      "Environments (e.g. sandbox, production) binding the same logical connections to different accounts. Plans are declared once; a plan's own `environments:` holds values that differ per environment. Commands take `--env NAME`.",
    type: 'object',
    minProperties: 1,
    propertyNames: ENVIRONMENT_NAMES,
    additionalProperties: { $ref: '#/definitions/environment' },
  };
  return out;
}

/** Keywords asking a plan to hold certain fields: checked on each environment's merged plan. */
const WHOLE_PLAN_KEYWORDS = ['required', 'oneOf', 'anyOf'] as const;

/**
 * A plans schema with per-environment values: each plan may carry `environments:`, a mapping from
 * environment name to any of the plan's own fields (not `lifecycle`). The plan's required fields then
 * apply to each environment's merged plan, which plansync checks itself, located; so the schema asks
 * for them only on a plan without `environments`. Derived from the provider's plan definition, so a
 * provider's schema needs no hand-written part for environments.
 */
export function withPlanEnvironments(schema: Schema): Schema {
  const out = structuredClone(schema);
  const definitions = child(out, 'definitions');
  const plan = child(definitions, 'plan');
  const { lifecycle: _lifecycle, environments: _environments, ...fields } = child(plan, 'properties');
  definitions.plan_in_environment = {
    description: "Values of this plan that differ in one environment: any of the plan's own fields.",
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: structuredClone(fields),
  };
  child(plan, 'properties').environments = {
    description:
      'Values that differ per environment (a product id, a pinned id), by environment name. Each replaces the field of the same name in that environment; `apply --env NAME --write-ids` pins ids here.',
    type: 'object',
    minProperties: 1,
    propertyNames: ENVIRONMENT_NAMES,
    additionalProperties: { $ref: '#/definitions/plan_in_environment' },
  };
  // What a whole plan must hold moves under `then`; kept there when the schema is derived again.
  const then: Schema = { ...((plan.then as Schema | undefined) ?? {}) };
  for (const keyword of WHOLE_PLAN_KEYWORDS) {
    if (plan[keyword] === undefined) continue;
    then[keyword] = plan[keyword];
    delete plan[keyword];
  }
  delete plan.if;
  delete plan.then;
  // Ajv's strict mode wants each required key declared beside it (the plan declares them all).
  if (Array.isArray(then.required)) {
    then.properties = Object.fromEntries((then.required as string[]).map((key) => [key, true]));
  }
  if (Object.keys(then).length > 0) {
    plan.if = { not: { properties: { environments: true }, required: ['environments'] } };
    plan.then = then;
  }
  return out;
}

/** A saved plan's `connections[].provider`: one of the registered providers' ids. */
export function withPlanProviders(schema: Schema, ids: readonly string[]): Schema {
  const out = structuredClone(schema);
  const connection = child(child(out, 'definitions'), 'connection');
  child(child(connection, 'properties'), 'provider').enum = [...ids];
  return out;
}
