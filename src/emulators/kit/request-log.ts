// The record of every request an emulator received, for tests to assert on ("exactly one create",
// "no write happened"). It must never hold a credential: plansync promises secrets appear in no output,
// and a test log printed on failure is output. So headers are allow-listed, never copied wholesale, and
// any known secret value that shows up in a path, query or body is masked.

import type { RequestLogEntry } from './types.js';

export const REDACTED = '[REDACTED]';

const READ_METHODS = new Set(['GET', 'HEAD']);

export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  readonly #secrets: readonly string[];

  /** `secrets` are credential values to mask wherever they appear in logged data. */
  constructor(secrets: readonly string[]) {
    // Empty strings would match everywhere; they are not secrets worth masking.
    this.#secrets = secrets.filter((secret) => secret.length > 0);
  }

  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  /** Adds an entry and returns it so the pipeline can fill in status and fault as they become known. */
  record(entry: RequestLogEntry): RequestLogEntry {
    const safe: RequestLogEntry = {
      ...entry,
      path: this.#mask(entry.path),
      query: this.#mask(entry.query),
      body: this.#mask(entry.body),
      headers: this.#mask(entry.headers),
    };
    this.#entries.push(safe);
    return safe;
  }

  clear(): void {
    this.#entries.length = 0;
  }

  writes(): RequestLogEntry[] {
    return this.#entries.filter((entry) => entry.handled && !READ_METHODS.has(entry.method));
  }

  #mask<T>(value: T): T {
    if (this.#secrets.length === 0) return value;
    return maskSecrets(value, this.#secrets) as T;
  }
}

function maskSecrets(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  }
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [maskSecrets(key, secrets), maskSecrets(inner, secrets)]),
    );
  }
  return value;
}
