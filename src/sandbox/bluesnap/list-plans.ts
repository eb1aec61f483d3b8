// Retrieve All Plans (reference §4.3): query validation and cursor pagination over planIds in
// descending order, with the `fulldescription=false` projection and the optional `totalResults`.

import { type BlueSnapErrorItem, errorItem } from './errors.js';
import { invalidStatus } from './field-rules.js';
import { type BlueSnapPlanStatus, type BlueSnapWirePlan, type PlanRecord, toWire } from './plan-record.js';

const DEFAULT_PAGE_SIZE = 10;
/** Inferred: the plans list shares the subscriptions list's documented maximum. */
export const DEFAULT_MAX_PAGE_SIZE = 500;

type Cursor = { direction: 'after'; planId: number } | { direction: 'before'; planId: number };

export interface ListQuery {
  pageSize: number;
  cursor: Cursor | undefined;
  getTotal: boolean;
  fullDescription: boolean;
  status: BlueSnapPlanStatus | undefined;
}

/** An inconsistent listing, as a misbehaving server (or one changing while read) would serve it. */
export interface ListFaults {
  /** `after=X` also returns X itself, first: the plan that ended one page starts the next as well. */
  inclusiveAfter?: boolean;
  /** Added to the stated `totalResults`: a total other than the plans listed. */
  totalResultsOffset?: number;
}

export interface PlanListBody {
  totalResults?: number;
  lastPage: boolean;
  plans: Array<BlueSnapWirePlan | Pick<BlueSnapWirePlan, 'name' | 'planId'>>;
}

export type ListQueryCheck = { ok: true; query: ListQuery } | { ok: false; errors: BlueSnapErrorItem[] };

export function checkListQuery(raw: Record<string, string>, maxPageSize: number): ListQueryCheck {
  const errors: BlueSnapErrorItem[] = [];

  const pageSize = raw.pagesize === undefined ? DEFAULT_PAGE_SIZE : Number(raw.pagesize.trim());
  if (!Number.isInteger(pageSize)) {
    errors.push(errorItem('VALIDATION_GENERAL_FAILURE', 'pagesize must be an integer.'));
  } else if (pageSize < 1) {
    // Inferred: zero is refused like a negative size, since a page must hold at least one plan.
    errors.push(errorItem('NEGATIVE_PAGE_SIZE', 'pagesize must be a positive number.'));
  } else if (pageSize > maxPageSize) {
    errors.push(errorItem('MAX_PAGE_SIZE_EXCEEDED', `pagesize cannot exceed ${maxPageSize}.`));
  }

  const cursor = checkCursor(raw, errors);

  const status = raw.status === 'ACTIVE' || raw.status === 'INACTIVE' ? raw.status : undefined;
  if (raw.status !== undefined && status === undefined) errors.push(invalidStatus());

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    query: {
      pageSize,
      cursor,
      getTotal: raw.gettotal?.toLowerCase() === 'true',
      // Full objects are the default; only an explicit "false" asks for the name/planId projection.
      fullDescription: raw.fulldescription?.toLowerCase() !== 'false',
      status,
    },
  };
}

function checkCursor(raw: Record<string, string>, errors: BlueSnapErrorItem[]): Cursor | undefined {
  if (raw.after !== undefined && raw.before !== undefined) {
    errors.push(errorItem('INVALID_PAGINATION_PARAMETERS', 'after and before cannot be used together.'));
    return undefined;
  }
  const direction = raw.after !== undefined ? 'after' : raw.before !== undefined ? 'before' : undefined;
  if (direction === undefined) return undefined;
  const text = (direction === 'after' ? raw.after : raw.before) ?? '';
  // Inferred: a cursor that is not a plan id is a pagination error.
  if (!/^\d+$/.test(text.trim())) {
    errors.push(errorItem('INVALID_PAGINATION_PARAMETERS', `${direction} must be a plan id.`));
    return undefined;
  }
  return { direction, planId: Number(text) };
}

/**
 * One page. `after=X` continues downwards (ids < X). `before=X` returns the page just above X (the
 * smallest ids > X), still listed in descending order. Inferred: `lastPage` says whether the listing
 * ends in the direction of travel, so it is true on the page holding the highest ids when paging back.
 */
export function listPage(
  plans: readonly PlanRecord[],
  query: ListQuery,
  faults: ListFaults = {},
): PlanListBody {
  const matching = plans
    .filter((plan) => query.status === undefined || plan.status === query.status)
    .sort((a, b) => b.planId - a.planId);

  let page: PlanRecord[];
  let lastPage: boolean;
  const cursor = query.cursor;
  if (cursor?.direction === 'before') {
    const above = matching.filter((plan) => plan.planId > cursor.planId);
    page = above.slice(Math.max(0, above.length - query.pageSize));
    lastPage = above.length <= query.pageSize;
  } else {
    const inclusive = faults.inclusiveAfter === true;
    const below =
      cursor === undefined
        ? matching
        : matching.filter(
            (plan) => plan.planId < cursor.planId || (inclusive && plan.planId === cursor.planId),
          );
    page = below.slice(0, query.pageSize);
    lastPage = below.length <= query.pageSize;
  }

  return {
    ...(query.getTotal && { totalResults: matching.length + (faults.totalResultsOffset ?? 0) }),
    lastPage,
    plans: page.map((plan) =>
      query.fullDescription ? toWire(plan) : { name: plan.name, planId: plan.planId },
    ),
  };
}
