// The eventually consistent index behind the search endpoints (reference §10.3): every change to an
// object is recorded with its time, and a search sees each object as it was `delayMs` ago — a new
// object not at all, an edit not yet, a deleted product still. A delay of 0 makes search as fresh as
// a list; minutes show why plansync must never search to decide "does it exist?".

interface Version<T> {
  /** Null: deleted. */
  value: T | null;
  at: number;
}

export class SearchIndex<T extends { id: string }> {
  readonly #versions = new Map<string, Version<T>[]>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  record(id: string, value: T | null): void {
    const versions = this.#versions.get(id) ?? [];
    versions.push({ value: value === null ? null : structuredClone(value), at: this.#now() });
    this.#versions.set(id, versions);
  }

  /** Makes every version recorded so far searchable at once (the account's starting state). */
  settle(): void {
    for (const versions of this.#versions.values()) for (const version of versions) version.at = -Infinity;
  }

  /** Each object as the index holds it `delayMs` after its changes; older versions are dropped. */
  visible(delayMs: number): T[] {
    const horizon = this.#now() - delayMs;
    const found: T[] = [];
    for (const versions of this.#versions.values()) {
      let latest = -1;
      for (const [index, version] of versions.entries()) if (version.at <= horizon) latest = index;
      if (latest === -1) continue;
      // Nothing older than the newest indexed version can be seen again (the delay only grows stale).
      if (latest > 0) versions.splice(0, latest);
      const value = versions[0]?.value;
      if (value !== null && value !== undefined) found.push(value);
    }
    return found;
  }
}
