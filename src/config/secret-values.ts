// Credential values, and plan data that contains one. Output masking never touches plan data (what
// a plan says is shown and saved exactly as it is), so plan data must never carry a secret: a
// declared value that contains a credential's value is refused at load, here; a live one stops the
// run where it is read (src/engine/live-secrets.ts). Messages name the variable, never the value.

import type { ConfigIssue } from '../errors.js';
import type { Project } from './types.js';

/**
 * Shorter values are neither masked nor looked for: they would match ordinary words, and no
 * credential is that short.
 */
export const MIN_SECRET_LENGTH = 4;

/** A credential's value and the environment variable it came from. */
export interface SecretValue {
  /** The environment variable's name: what messages say. */
  name: string;
  value: string;
}

/** The value of every credential variable the project names, where set and long enough to look for. */
export function credentialValues(
  project: Project,
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
): SecretValue[] {
  const names = new Set([...project.connections.flatMap((c) => Object.values(c.credentials)), ...extra]);
  const out: SecretValue[] = [];
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH) out.push({ name, value });
  }
  return out;
}

/** The first secret whose value `text` contains. */
export function secretIn(text: string, secrets: readonly SecretValue[]): SecretValue | undefined {
  return secrets.find((secret) => text.includes(secret.value));
}

/** Every string (and number, as written) inside `value`, with its path below `path`. */
export function* textsIn(value: unknown, path: string): Generator<{ path: string; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (typeof value === 'number' || typeof value === 'bigint') yield { path, text: String(value) };
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* textsIn(item, `${path}.${index}`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield* textsIn(key, `${path}.${key}`);
      yield* textsIn(item, `${path}.${key}`);
    }
  }
}

/**
 * Each connection name, plan key, pinned id and declared value that contains a credential's value,
 * located at its field. The message names the variable, never the value.
 */
export function declaredSecretIssues(project: Project, secrets: readonly SecretValue[]): ConfigIssue[] {
  if (secrets.length === 0) return [];
  const issues: ConfigIssue[] = [];
  const refuse = (secret: SecretValue, issue: Omit<ConfigIssue, 'message' | 'hint'>) =>
    issues.push({
      ...issue,
      message: `contains the value of the credential in ${secret.name}; plan data is shown and saved as it is (never masked), so it must not carry a secret`,
      hint: `change the value; if the credential was ever committed here, rotate it`,
    });
  for (const connection of project.connections) {
    const secret = secretIn(connection.name, secrets);
    if (secret) refuse(secret, { location: connection.location, path: `connections.${connection.name}` });
  }
  for (const file of project.plansFiles) {
    for (const plan of file.plans) {
      const entry = `plans.${plan.group?.key ?? plan.key}`;
      const keySecret = secretIn(plan.key, secrets);
      if (keySecret) refuse(keySecret, { location: plan.location, path: entry });
      const idSecret = plan.id === undefined ? undefined : secretIn(plan.id, secrets);
      if (idSecret) refuse(idSecret, { location: plan.location, path: `${entry}.id` });
      for (const [field, value] of Object.entries(plan.spec)) {
        for (const found of textsIn(value, field)) {
          const secret = secretIn(found.text, secrets);
          if (secret) {
            refuse(secret, { location: plan.locate(field), path: `${entry}.${found.path}` });
            break;
          }
        }
      }
    }
  }
  return issues;
}
