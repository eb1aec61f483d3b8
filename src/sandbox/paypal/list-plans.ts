// List Plans (reference §5.1): filters `product_id` and `plan_ids` (≤ 10), 1-based `page` with
// `page_size` 1–20, `total_required`, and collection links. Every bad query value is a 400
// INVALID_PARAMETER_VALUE with `location: query`, the only 400 issue the spec lists for this operation.

import { type PayPalErrorDetail, detail } from './errors.js';
import type { PayPalPlan } from './plan-types.js';
import { type Link, PLANS_PATH } from './representation.js';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 20;
const MAX_PAGE = 100_000;
const MAX_PLAN_IDS = 10;

export interface ListQuery {
  productId?: string;
  planIds?: string[];
  pageSize: number;
  page: number;
  totalRequired: boolean;
}

export type ListQueryCheck = { ok: true; query: ListQuery } | { ok: false; details: PayPalErrorDetail[] };

export function checkListQuery(raw: Record<string, string>): ListQueryCheck {
  const details: PayPalErrorDetail[] = [];
  const bad = (field: string): undefined => {
    details.push(detail('INVALID_PARAMETER_VALUE', { field, value: raw[field], location: 'query' }));
    return undefined;
  };
  const integer = (field: string, min: number, max: number, fallback: number): number => {
    const text = raw[field];
    if (text === undefined) return fallback;
    const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
    return value >= min && value <= max ? value : (bad(field) ?? fallback);
  };

  const productId = raw.product_id;
  if (productId !== undefined && (productId.length < 6 || productId.length > 50)) bad('product_id');
  const planIds = raw.plan_ids
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (planIds !== undefined && planIds.length > MAX_PLAN_IDS) bad('plan_ids');
  const pageSize = integer('page_size', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const page = integer('page', 1, MAX_PAGE, 1);
  const total = raw.total_required?.toLowerCase();
  if (total !== undefined && total !== 'true' && total !== 'false') bad('total_required');

  if (details.length > 0) return { ok: false, details };
  return {
    ok: true,
    query: {
      ...(productId !== undefined && { productId }),
      ...(planIds !== undefined && { planIds }),
      pageSize,
      page,
      totalRequired: total === 'true',
    },
  };
}

/** An inconsistent listing, as a misbehaving server (or one changing while read) would serve it. */
export interface ListFaults {
  /** This page is answered with the previous page's plans: a page served twice. Page 1 has none before it. */
  repeatPage?: number;
  /** Added to the stated `total_items` (`total_pages` stays that of the plans served). */
  totalItemsOffset?: number;
}

export interface ListPage {
  plans: PayPalPlan[];
  totalItems: number;
  totalPages: number;
  links: Link[];
}

/** Inferred: an unknown product or plan id filters to nothing rather than failing the request. */
export function listPage(
  all: readonly PayPalPlan[],
  query: ListQuery,
  origin: string,
  faults: ListFaults = {},
): ListPage {
  // Without filters every plan matches: no need to test 10,000 plans for each page of 20.
  const unfiltered = query.productId === undefined && query.planIds === undefined;
  const matching = unfiltered
    ? all
    : all.filter(
        (plan) =>
          (query.productId === undefined || plan.product_id === query.productId) &&
          (query.planIds === undefined || query.planIds.includes(plan.id)),
      );
  const totalPages = Math.ceil(matching.length / query.pageSize);
  const served = faults.repeatPage === query.page && query.page > 1 ? query.page - 1 : query.page;
  const start = (served - 1) * query.pageSize;
  return {
    plans: matching.slice(start, start + query.pageSize),
    totalItems: matching.length + (faults.totalItemsOffset ?? 0),
    totalPages,
    links: collectionLinks(origin, query, totalPages),
  };
}

/** Inferred (reference §5.1): self, first and last always; prev and next where such a page exists. */
function collectionLinks(origin: string, query: ListQuery, totalPages: number): Link[] {
  const href = (page: number): string => {
    const params = new URLSearchParams();
    if (query.productId !== undefined) params.set('product_id', query.productId);
    if (query.planIds !== undefined) params.set('plan_ids', query.planIds.join(','));
    params.set('page_size', String(query.pageSize));
    params.set('page', String(page));
    if (query.totalRequired) params.set('total_required', 'true');
    return `${origin}${PLANS_PATH}?${params.toString()}`;
  };
  const last = Math.max(totalPages, 1);
  const links: Link[] = [
    { href: href(query.page), rel: 'self', method: 'GET' },
    { href: href(1), rel: 'first', method: 'GET' },
  ];
  if (query.page > 1) links.push({ href: href(Math.min(query.page - 1, last)), rel: 'prev', method: 'GET' });
  if (query.page < totalPages) links.push({ href: href(query.page + 1), rel: 'next', method: 'GET' });
  links.push({ href: href(last), rel: 'last', method: 'GET' });
  return links;
}
