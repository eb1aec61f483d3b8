// List Subscription Plans (reference §4.3). `page` is ZERO-based as documented (the 10th page is
// `page=9`; `pageBase: 1` switches to the 1-based reading the docs' sample suggests), `pageSize`
// defaults to 10 (inferred). Filters: `createdAtGte/Lte`, `updatedAtGte/Lte` (inclusive), `deleted`
// (TRUE/FALSE, any case), `name` (exact, case-sensitive match; inferred). Unknown parameters and
// parameters with invalid values are silently disregarded — never a 400. Without `deleted`, deleted
// plans are listed too (inferred). Order: `createdAt` ascending, then `id` (inferred).

import type { JpmMpsPlan } from './plan-types.js';
import { planView } from './plan-types.js';
import { parseTimestamp } from './timestamps.js';

const DEFAULT_PAGE_SIZE = 10;

export interface ListOptions {
  pageBase: 0 | 1;
  /** Also take ISO timestamps with 0–3 fractional digits in the date filters. */
  lenientDates: boolean;
  /** Listing faults, for tests of a client's checks; none by default. */
  faults?: ListFaults;
}

/** An inconsistent listing, as a misbehaving server (or one changing while read) would serve it. */
export interface ListFaults {
  /**
   * This page (in the configured base) is answered with the previous page's plans under its own
   * number: a page served twice. The page before the first has none to repeat and is served as is.
   */
  repeatPage?: number;
  /** Added to the stated `count` (`totalPages` stays that of the plans served): a total that is wrong. */
  countOffset?: number;
  /** Answers without the `page` echo, which the reference's sample has and its tables do not promise. */
  omitEcho?: boolean;
}

export interface ListQuery {
  /** In the configured base, as echoed in the answer. */
  page: number;
  pageSize: number;
  createdAtGte?: number;
  createdAtLte?: number;
  updatedAtGte?: number;
  updatedAtLte?: number;
  deleted?: boolean;
  name?: string;
}

export interface ListResponseBody {
  /** Absent only under the `omitEcho` fault. */
  page?: number;
  pageSize: number;
  count: number;
  totalPages: number;
  data: JpmMpsPlan[];
}

/** Reads the query leniently: whatever does not parse is as if it had not been sent. */
export function readListQuery(raw: Record<string, string>, options: ListOptions): ListQuery {
  const integer = (text: string | undefined, min: number): number | undefined => {
    if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
    const value = Number(text);
    return value >= min ? value : undefined;
  };
  const date = (text: string | undefined): number | undefined =>
    text === undefined ? undefined : parseTimestamp(text, options.lenientDates);
  const deleted = raw.deleted?.toLowerCase();

  const query: ListQuery = {
    page: integer(raw.page, options.pageBase) ?? options.pageBase,
    pageSize: integer(raw.pageSize, 1) ?? DEFAULT_PAGE_SIZE,
    createdAtGte: date(raw.createdAtGte),
    createdAtLte: date(raw.createdAtLte),
    updatedAtGte: date(raw.updatedAtGte),
    updatedAtLte: date(raw.updatedAtLte),
    deleted: deleted === 'true' ? true : deleted === 'false' ? false : undefined,
    // Inferred: an empty `name=` is no filter rather than "plans named nothing".
    name: raw.name === undefined || raw.name === '' ? undefined : raw.name,
  };
  return query;
}

function within(stamp: string, gte: number | undefined, lte: number | undefined): boolean {
  if (gte === undefined && lte === undefined) return true; // no date filter: nothing to parse
  const value = parseTimestamp(stamp) ?? Number.NaN;
  return (gte === undefined || value >= gte) && (lte === undefined || value <= lte);
}

function matches(plan: JpmMpsPlan, query: ListQuery): boolean {
  return (
    within(plan.createdAt, query.createdAtGte, query.createdAtLte) &&
    within(plan.updatedAt, query.updatedAtGte, query.updatedAtLte) &&
    (query.deleted === undefined || (plan.deletedAt !== null) === query.deleted) &&
    (query.name === undefined || plan.name === query.name)
  );
}

/**
 * The plans matching a query's filters, kept per stored list (which the store replaces on every
 * write) and filter set: paging through 10,000 plans filters them once, not once per page.
 */
const filtered = new WeakMap<readonly JpmMpsPlan[], Map<string, readonly JpmMpsPlan[]>>();

function matchingPlans(all: readonly JpmMpsPlan[], query: ListQuery): readonly JpmMpsPlan[] {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const key = JSON.stringify(filters);
  let byFilters = filtered.get(all);
  if (!byFilters) {
    byFilters = new Map();
    filtered.set(all, byFilters);
  }
  let matching = byFilters.get(key);
  if (!matching) {
    matching = all.filter((plan) => matches(plan, query));
    byFilters.set(key, matching);
  }
  return matching;
}

/** One page of the matching plans; `all` must already be in list order. */
export function listPage(
  all: readonly JpmMpsPlan[],
  query: ListQuery,
  options: ListOptions,
): ListResponseBody {
  const matching = matchingPlans(all, query);
  const faults = options.faults ?? {};
  const repeated = faults.repeatPage === query.page && query.page > options.pageBase;
  const start = (query.page - (repeated ? 1 : 0) - options.pageBase) * query.pageSize;
  return {
    ...(!faults.omitEcho && { page: query.page }),
    pageSize: query.pageSize,
    count: matching.length + (faults.countOffset ?? 0),
    totalPages: Math.ceil(matching.length / query.pageSize),
    data: matching.slice(start, start + query.pageSize).map(planView),
  };
}
