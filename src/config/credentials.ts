// Reading a connection's secrets from the environment at the last moment. Messages name the missing
// variables and the connection, never a value, so they are safe in CI logs.

import { UserError } from '../errors.js';
import type { Provider } from '../providers/types.js';
import type { ConnectionConfig } from './types.js';

/**
 * The environment variables a connection needs that are unset or empty, as `NAME (slot)`; the
 * same test resolveCredentials applies, without throwing, so a run can list every connection's at once.
 */
function missingCredentials(
  connection: ConnectionConfig,
  provider: Provider,
  env: NodeJS.ProcessEnv,
): string[] {
  const missing: string[] = [];
  for (const slot of provider.credentials) {
    const variable = Object.hasOwn(connection.credentials, slot.name)
      ? connection.credentials[slot.name]
      : undefined;
    if (variable === undefined) continue;
    const value = Object.hasOwn(env, variable) ? env[variable] : undefined;
    if (value === undefined || value === '') missing.push(`${variable} (${slot.name})`);
  }
  return missing;
}

/**
 * Every unset credential variable of `connections`, in one UserError, or nothing when all are set.
 * Checked before anything is read, so a run never announces reading and then stops on the second
 * connection's missing variable.
 */
export function checkCredentials(
  connections: readonly { config: ConnectionConfig; provider: Provider }[],
  env: NodeJS.ProcessEnv,
): void {
  const lines: string[] = [];
  const variables: string[] = [];
  for (const { config, provider } of connections) {
    const missing = missingCredentials(config, provider, env);
    if (missing.length === 0) continue;
    lines.push(`  connection \`${config.name}\` (${provider.id}): ${missing.join(', ')}`);
    variables.push(...missing);
  }
  if (variables.length === 0) return;
  const plural = variables.length > 1;
  throw new UserError(
    `${variables.length} credential environment variable${plural ? 's are' : ' is'} not set or empty; nothing was read:\n${lines.join('\n')}`,
  );
}

/** Credential values by slot name. Throws UserError listing every variable that is unset or empty. */
export function resolveCredentials(
  connection: ConnectionConfig,
  provider: Provider,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  const unmapped: string[] = [];
  for (const slot of provider.credentials) {
    const variable = Object.hasOwn(connection.credentials, slot.name)
      ? connection.credentials[slot.name]
      : undefined;
    if (variable === undefined) {
      unmapped.push(slot.name);
      continue;
    }
    const value = Object.hasOwn(env, variable) ? env[variable] : undefined;
    if (value === undefined || value === '') {
      missing.push(`${variable} (${slot.name})`);
      continue;
    }
    values[slot.name] = value;
  }
  if (unmapped.length > 0) {
    // The loader rejects this already; reaching it means a ConnectionConfig was built by hand.
    throw new UserError(
      `connection \`${connection.name}\` names no environment variable for credential slot(s): ${unmapped.join(', ')}`,
    );
  }
  if (missing.length > 0) {
    const plural = missing.length > 1;
    throw new UserError(
      `connection \`${connection.name}\` (${provider.id}) needs environment variable${plural ? 's' : ''} ` +
        `${missing.join(', ')}, but ${plural ? 'they are' : 'it is'} not set or empty`,
    );
  }
  return values;
}
