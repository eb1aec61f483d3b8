// The record of every request an emulator received, for tests to assert on ("exactly one create",
// "no write happened"). It must never hold a credential: plansync promises secrets appear in no output,
// and a test log printed on failure is output. So headers are allow-listed, never copied wholesale, and
// any known secret value that shows up in a path, query, body or response is masked. Secrets an
// emulator hands out while running (access tokens) join the list as they are issued.

import type { LoggedResponse, RequestLogEntry } from './types.js';

export const REDACTED = '[REDACTED]';

const READ_METHODS = new Set(['GET', 'HEAD']);

export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  readonly #secrets: string[] = [];
  /** Some secret reads differently in JSON text (a quote, a backslash): every entry gets the full walk. */
  #escapedInJson = false;

  readonly #isWrite: (entry: RequestLogEntry) => boolean;

  /**
   * `secrets` are credential values to mask wherever they appear in logged data. `isWrite` says which
   * handled requests may change state; by default every method but GET and HEAD.
   */
  constructor(secrets: readonly string[], options: { isWrite?: (entry: RequestLogEntry) => boolean } = {}) {
    this.addSecrets(secrets);
    this.#isWrite = options.isWrite ?? ((entry) => !READ_METHODS.has(entry.method));
  }

  /** Masks these values too, in every entry recorded from now on. */
  addSecrets(secrets: readonly string[]): void {
    for (const secret of secrets) {
      // Empty strings would match everywhere; they are not secrets worth masking.
      if (secret.length > 0 && !this.#secrets.includes(secret)) {
        this.#secrets.push(secret);
        if (JSON.stringify(secret) !== `"${secret}"`) this.#escapedInJson = true;
      }
    }
    // Longest first, so a secret that contains another is masked whole rather than in pieces.
    this.#secrets.sort((a, b) => b.length - a.length);
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
      response: this.#mask(entry.response),
    };
    this.#entries.push(safe);
    return safe;
  }

  /** Attaches the answer to an entry returned by `record`, masked like the request. */
  recordResponse(entry: RequestLogEntry, response: LoggedResponse): void {
    entry.response = this.#mask(response);
  }

  clear(): void {
    this.#entries.length = 0;
  }

  writes(): RequestLogEntry[] {
    return this.#entries.filter((entry) => entry.handled && this.#isWrite(entry));
  }

  #mask<T>(value: T): T {
    if (this.#secrets.length === 0) return value;
    if (!this.#escapedInJson && !mayContain(value, this.#secrets)) return value;
    return maskSecrets(value, this.#secrets) as T;
  }
}

/**
 * Whether any secret may appear in the value: one search of its JSON text instead of a copy of every
 * string, since most entries (a page of 20 plans) hold none. Values JSON cannot show take the full
 * walk; so do all entries while some secret would read differently in JSON (the log checks that).
 */
function mayContain(value: unknown, secrets: readonly string[]): boolean {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') {
    return false;
  }
  let text: string;
  try {
    // Keys whose value is undefined are masked too: keep them in the text.
    text = typeof value === 'string' ? value : JSON.stringify(value, (_key, inner: unknown) => inner ?? null);
  } catch {
    return true;
  }
  return secrets.some((secret) => text.includes(secret));
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
