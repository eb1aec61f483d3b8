// Typed calls to PayPal's /v1/billing/plans endpoints. No planning logic: requests and checks only.

import type { HttpClient } from '../../http/client.js';
import type { PatchOperation, PricingSchemeUpdate } from './mapping.js';
import { checkFullPlan, checkPlanList, checkPlanSummary, isFull, type PayPalPlan } from './wire.js';

const PLANS = '/v1/billing/plans';
/** PayPal's largest page for plan lists. */
export const MAX_PAGE_SIZE = 20;
const FULL = { prefer: 'return=representation' };

export class PayPalApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every plan (of one product, when given), full representations. Lists ask for full objects; a
   * plan that still comes back minimal is read with one GET.
   */
  async listAll(productId?: string): Promise<PayPalPlan[]> {
    const plans: PayPalPlan[] = [];
    for (let page = 1; ; page++) {
      const response = await this.http.send({
        method: 'GET',
        path: PLANS,
        query: { product_id: productId, page_size: MAX_PAGE_SIZE, page, total_required: true },
        headers: FULL,
        operation: `GET ${PLANS}`,
        idempotent: true,
      });
      const list = checkPlanList(response.body, `GET ${PLANS}`);
      for (const [i, plan] of list.plans.entries())
        plans.push(
          isFull(plan) ? checkFullPlan(plan, `GET ${PLANS}`, `plans[${i}]`) : await this.get(plan.id),
        );
      const hasNext = list.links?.some((link) => link.rel === 'next') ?? false;
      const lastByTotal = list.total_pages !== undefined && page >= list.total_pages;
      if (list.plans.length < MAX_PAGE_SIZE || lastByTotal || (list.links !== undefined && !hasNext))
        return plans;
    }
  }

  async get(id: string): Promise<PayPalPlan> {
    const path = `${PLANS}/${encodeURIComponent(id)}`;
    const response = await this.http.send({
      method: 'GET',
      path,
      operation: `GET ${path}`,
      idempotent: true,
    });
    return checkFullPlan(response.body, `GET ${path}`);
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
    const plan = checkPlanSummary(response.body, `POST ${PLANS}`);
    return isFull(plan) ? checkFullPlan(plan, `POST ${PLANS}`) : this.get(plan.id);
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
