// Request estimates for reads, stated before a read starts (see `Provider.estimateReads`). A listing's
// pages are counted from the declared plans: the live count is unknown until the first page, so the
// estimate is marked inexact, and a first page that states a total makes the progress exact.

import type { ReadEstimate } from './types.js';

/**
 * A listing read: `lists` listings (one per product, say) of `declared` plans in all, `pageSize` per
 * page, each at least one page, after `setup` requests (a token).
 */
export function listingEstimate(options: {
  declared: number;
  pageSize: number;
  lists?: number;
  setup?: number;
  setupName?: string;
}): ReadEstimate {
  const lists = Math.max(1, options.lists ?? 1);
  const setup = options.setup ?? 0;
  const pages = Math.max(lists, Math.ceil(options.declared / options.pageSize) + lists - 1);
  const plural = options.declared === 1 ? '' : 's';
  const perList = lists > 1 ? ` over ${lists} listings` : '';
  const plus = setup > 0 ? `, plus ${options.setupName ?? 'setup'}` : '';
  // An import declares nothing yet: only its first page is certain.
  const counted =
    options.declared === 0
      ? `no declared plans: at least one page of ${options.pageSize}${perList}`
      : `${options.declared} declared plan${plural} at ${options.pageSize} per page${perList}`;
  return { requests: pages + setup, exact: false, setup, basis: `${counted}${plus}` };
}

/** Pages of a listing that states `items` in all, `pageSize` per page (an empty listing is one page). */
export function pagesFor(items: number, pageSize: number): number {
  return Math.max(1, Math.ceil(items / pageSize));
}
