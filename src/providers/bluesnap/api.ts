// Typed calls to BlueSnap's recurring plans endpoints. No planning logic: just requests and checks.

import type { HttpClient } from '../../http/client.js';
import { ListingCheck, type ListingFields } from '../listing-check.js';
import { pagesFor } from '../read-estimate.js';
import { checkPlan, checkPlanList, type BlueSnapPlan, type BlueSnapPlanBody } from './wire.js';

const PLANS = '/recurring/plans';
/** Inferred cap (providers/bluesnap.md §4.3): the same as the subscriptions list. */
export const MAX_PAGE_SIZE = 500;
const LISTING: ListingFields = { items: 'plans', id: 'planId', total: 'totalResults' };

export class BlueSnapApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every plan, largest pages, full objects, following the `after` cursor (ids descend). Every page is
   * checked as it arrives (listing-check.ts): a cursor that does not move down, an id repeated across
   * pages, and at the end `totalResults` (asked for with `gettotal`) against the distinct ids received
   * refuse the listing before anything is planned from it.
   */
  async listAll(onPage?: (done: number, total?: number) => void): Promise<BlueSnapPlan[]> {
    const check = new ListingCheck(LISTING);
    let done = 0;
    let total: number | undefined;
    const plans: BlueSnapPlan[] = [];
    let after: number | undefined;
    for (;;) {
      const response = await this.http.get(PLANS, {
        query: { pagesize: MAX_PAGE_SIZE, fulldescription: true, gettotal: true, after },
      });
      const page = checkPlanList(response.body, response.source);
      const last = page.plans.at(-1);
      // BlueSnap's ids strictly descend: a page must end below the cursor it was asked after, or
      // following it would never end. Checked before repeats: a page served again repeats every id.
      if (!page.lastPage && last !== undefined)
        check.cursor(response.source, after, last.planId, after === undefined || last.planId < after);
      check.page({
        source: response.source,
        name: after === undefined ? 'the first page' : `the page after planId ${after}`,
        ids: page.plans.map((plan) => plan.planId),
        ...(page.totalResults !== undefined && { total: page.totalResults }),
      });
      plans.push(...page.plans);
      // The first page's `totalResults` tells how many pages the cursor will take.
      if (done === 0 && page.totalResults !== undefined) total = pagesFor(page.totalResults, MAX_PAGE_SIZE);
      onPage?.(++done, page.lastPage || last === undefined ? done : total);
      if (page.lastPage || last === undefined) break;
      after = last.planId;
    }
    check.finish();
    return plans;
  }

  async get(planId: string): Promise<BlueSnapPlan> {
    const path = `${PLANS}/${encodeURIComponent(planId)}`;
    const response = await this.http.get(path);
    return checkPlan(response.body, response.source);
  }

  async create(body: BlueSnapPlanBody, idempotencyKey: string): Promise<BlueSnapPlan> {
    const response = await this.http.send({
      method: 'POST',
      path: PLANS,
      body,
      headers: { 'idempotency-key': idempotencyKey },
      operation: `POST ${PLANS}`,
      // Safe to resend: BlueSnap replays the stored answer for the same idempotency key (24 h).
      idempotent: true,
    });
    return checkPlan(response.body, response.source);
  }

  async put(planId: string, body: BlueSnapPlanBody): Promise<BlueSnapPlan> {
    const path = `${PLANS}/${encodeURIComponent(planId)}`;
    const response = await this.http.send({
      method: 'PUT',
      path,
      body,
      operation: `PUT ${path}`,
      idempotent: true,
    });
    return checkPlan(response.body, response.source);
  }
}
