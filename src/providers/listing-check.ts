// Checks a listing read page by page, as its pages arrive: a reconciler that misreads a listing (a page
// read twice, one never read) sees plans missing and creates them again on apply. Any sign of that is a
// ProviderError naming the endpoint and connection, before the planner sees anything: an id repeated
// across pages, an echoed page number other than the one asked for, a stated total other than the
// number of distinct ids received, a cursor that does not move on.

import type { ProviderError } from '../errors.js';
import { invalidResponse, type ResponseSource } from './response-shape.js';

/** How a provider's listing names its fields, for the messages (`data`, `id`, `count`, `page`). */
export interface ListingFields {
  /** The array of items on a page: `data`, `plans`. */
  items: string;
  /** The id of an item: `id`, `planId`. */
  id: string;
  /** The stated total of items, where the answer carries one: `count`, `total_items`. */
  total?: string;
  /** The echoed page number, where the answer carries one: `page`. */
  page?: string;
}

export type ListedId = string | number;

/** One page as the provider answered it. */
export interface ListedPage {
  source: ResponseSource;
  /** How messages name the page: `page 2`, `the page after planId 2185254`. */
  name: string;
  /** The ids of the items on the page, in order. */
  ids: readonly ListedId[];
  /** The page number asked for, and the one the answer echoes; an echo is checked where both exist. */
  asked?: number;
  echoed?: number;
  /** The total of items the answer states (of the whole listing, not the page). */
  total?: number;
}

const CONSEQUENCE =
  'The listing is inconsistent: nothing was planned or written from it. A listing can change while it is read; run plansync again';

export class ListingCheck {
  readonly #seen = new Map<string, string>();
  readonly #cursors = new Set<string>();
  #total: { value: number; page: ListedPage } | undefined;

  constructor(private readonly fields: ListingFields) {}

  /** Takes one page, in any order; throws at the first inconsistency with the pages taken before. */
  page(page: ListedPage): void {
    const { fields } = this;
    if (page.asked !== undefined && page.echoed !== undefined && page.asked !== page.echoed) {
      throw inconsistentListing(
        page.source,
        fields.page ?? 'page',
        `is ${page.echoed}, but page ${page.asked} was asked for`,
      );
    }
    for (const [index, id] of page.ids.entries()) {
      const key = String(id);
      const first = this.#seen.get(key);
      if (first !== undefined) {
        throw inconsistentListing(
          page.source,
          `${fields.items}[${index}].${fields.id}`,
          `repeats ${key}, already listed on ${first}${first === page.name ? '' : ` (this is ${page.name})`}`,
        );
      }
      this.#seen.set(key, page.name);
    }
    if (page.total === undefined) return;
    const stated = this.#total;
    if (stated === undefined) this.#total = { value: page.total, page };
    else if (stated.value !== page.total) {
      throw inconsistentListing(
        page.source,
        fields.total ?? 'total',
        `is ${page.total} on ${page.name}, but ${stated.value} on ${stated.page.name}`,
      );
    }
  }

  /**
   * Takes the cursor the next page will be asked after. Refuses one already followed, and one the
   * provider's ordering says has not moved on (`moved` false), since following it would never end.
   */
  cursor(source: ResponseSource, from: ListedId | undefined, to: ListedId, moved = true): void {
    if (!moved || this.#cursors.has(String(to)) || String(to) === String(from)) {
      const where = from === undefined ? 'the first page' : `${this.fields.id} ${from}`;
      throw inconsistentListing(
        source,
        this.fields.items,
        `did not advance past ${where} (the page ends at ${this.fields.id} ${to}); the list was not read further`,
      );
    }
    if (from !== undefined) this.#cursors.add(String(from));
    this.#cursors.add(String(to));
  }

  /** After the last page: the stated total, if any page stated one, against the distinct ids taken. */
  finish(): void {
    const stated = this.#total;
    if (stated === undefined || stated.value === this.#seen.size) return;
    throw inconsistentListing(
      stated.page.source,
      this.fields.total ?? 'total',
      `is ${stated.value}, but the listing held ${this.#seen.size} distinct ${this.fields.id}s`,
    );
  }
}

/** The error every check here throws. */
function inconsistentListing(source: ResponseSource, field: string, detail: string): ProviderError {
  return invalidResponse(source, field, `${detail}. ${CONSEQUENCE}`);
}
