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
