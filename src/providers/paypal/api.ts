// Typed calls to PayPal's /v1/billing/plans endpoints. No planning logic: requests and checks only.

import type { HttpClient } from '../../http/client.js';
import { ListingCheck, type ListingFields } from '../listing-check.js';
import type { PatchOperation, PricingSchemeUpdate } from './mapping.js';
import { checkFullPlan, checkPlanList, checkPlanSummary, isFull, type PayPalPlan } from './wire.js';

const PLANS = '/v1/billing/plans';
/** PayPal's largest page for plan lists. */
export const MAX_PAGE_SIZE = 20;

/** Told after each page of a listing: pages read, and their total once an answer states it. */
export type OnPage = (done: number, total?: number) => void;
const FULL = { prefer: 'return=representation' };
const LISTING: ListingFields = { items: 'plans', id: 'id', total: 'total_items' };

export class PayPalApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every plan (of one product, when given), full representations. Lists ask for full objects; a
   * plan that still comes back minimal is read with one GET. The first page tells `total_pages`; the
   * other pages are then asked for at once (the client caps them at the connection's concurrency and
   * rate), since pages are addressed by number. Without `total_pages`, pages follow one by one. Every
   * page is checked as it arrives (listing-check.ts): an id repeated across pages, and at the end
   * `total_items` (asked for with `total_required`) against the distinct ids received, refuse the
   * listing before anything is planned from it.
   */
  async listAll(productId?: string): Promise<PayPalPlan[]>;
  async listAll<T>(
    productId: string | undefined,
    convert: (plan: PayPalPlan) => T,
    onPage?: OnPage,
  ): Promise<T[]>;
  async listAll<T>(
    productId?: string,
    convert: (plan: PayPalPlan) => T = (plan) => plan as T,
    onPage?: OnPage,
  ): Promise<T[]> {
    const check = new ListingCheck(LISTING);
    let done = 0;
    const first = await this.listPage(productId, 1, check);
    const total = first.totalPages;
    const known = first.last ? 1 : total;
    const counted = <P>(page: P): P => {
      onPage?.(++done, known);
      return page;
    };
    counted(first);
    let plans: T[];
    if (first.last) plans = first.plans.map(convert);
    else if (total !== undefined) {
      // Each page is converted as it arrives: that work overlaps the wait for the other pages.
      const pages = Array.from({ length: total - 1 }, (_, i) =>
        this.listPage(productId, i + 2, check).then((page) => counted(page).plans.map(convert)),
      );
      plans = [first.plans.map(convert), ...(await Promise.all(pages))].flat();
    } else {
      plans = first.plans.map(convert);
      for (let page = 2; ; page++) {
        const next = counted(await this.listPage(productId, page, check));
        plans.push(...next.plans.map(convert));
        if (next.last) break;
      }
    }
    check.finish();
    return plans;
  }

  /** One page of the plan list, checked against the pages before it; `last` when no page follows. */
  private async listPage(
    productId: string | undefined,
    page: number,
    check: ListingCheck,
  ): Promise<{ plans: PayPalPlan[]; totalPages?: number; last: boolean }> {
    const response = await this.http.get(PLANS, {
      query: { product_id: productId, page_size: MAX_PAGE_SIZE, page, total_required: true },
      headers: FULL,
    });
    const list = checkPlanList(response.body, response.source);
    check.page({
      source: response.source,
      name: `page ${page}`,
      ids: list.plans.map((plan) => plan.id),
      ...(list.total_items !== undefined && { total: list.total_items }),
    });
    const plans: PayPalPlan[] = [];
    for (const [i, plan] of list.plans.entries())
      plans.push(
        isFull(plan) ? checkFullPlan(plan, response.source, `plans[${i}]`) : await this.get(plan.id),
      );
    const hasNext = list.links?.some((link) => link.rel === 'next') ?? false;
    const lastByTotal = list.total_pages !== undefined && page >= list.total_pages;
    const last = list.plans.length < MAX_PAGE_SIZE || lastByTotal || (list.links !== undefined && !hasNext);
    return { plans, ...(list.total_pages !== undefined && { totalPages: list.total_pages }), last };
  }

  async get(id: string): Promise<PayPalPlan> {
    const path = `${PLANS}/${encodeURIComponent(id)}`;
    const response = await this.http.get(path);
    return checkFullPlan(response.body, response.source);
  }

  /** Create; PayPal replays the original plan (200) for a repeated PayPal-Request-Id. */
  async create(body: Record<string, unknown>, requestId: string): Promise<PayPalPlan> {
    const response = await this.http.send({
      method: 'POST',
      path: PLANS,
      body,
      headers: { ...FULL, 'paypal-request-id': requestId },
      operation: `POST ${PLANS}`,
      idempotent: true,
    });
    const plan = checkPlanSummary(response.body, response.source);
    return isFull(plan) ? checkFullPlan(plan, response.source) : this.get(plan.id);
  }

  async patch(id: string, operations: PatchOperation[]): Promise<void> {
    const path = `${PLANS}/${encodeURIComponent(id)}`;
    await this.http.send({
      method: 'PATCH',
      path,
      body: operations,
      operation: `PATCH ${path}`,
      idempotent: true,
    });
  }

  async updatePricing(id: string, schemes: PricingSchemeUpdate[]): Promise<void> {
    const path = `${PLANS}/${encodeURIComponent(id)}/update-pricing-schemes`;
    await this.http.send({
      method: 'POST',
      path,
      body: { pricing_schemes: schemes },
      operation: `POST ${path}`,
      idempotent: true,
    });
  }

  /** `activate` or `deactivate`; PATCH-like state setting, safe to repeat. */
  async setStatus(id: string, action: 'activate' | 'deactivate'): Promise<void> {
    const path = `${PLANS}/${encodeURIComponent(id)}/${action}`;
    await this.http.send({ method: 'POST', path, operation: `POST ${path}`, idempotent: true });
  }
}
