// Typed calls to BlueSnap's recurring plans endpoints. No planning logic: just requests and checks.

import type { HttpClient } from '../../http/client.js';
import { invalidResponse } from '../response-shape.js';
import { checkPlan, checkPlanList, type BlueSnapPlan, type BlueSnapPlanBody } from './wire.js';

const PLANS = '/recurring/plans';
/** Inferred cap (providers/bluesnap.md §4.3): the same as the subscriptions list. */
const MAX_PAGE_SIZE = 500;

export class BlueSnapApi {
  constructor(private readonly http: HttpClient) {}

  /** Every plan, largest pages, full objects, following the `after` cursor (ids descend). */
  async listAll(): Promise<BlueSnapPlan[]> {
    const plans: BlueSnapPlan[] = [];
    let after: number | undefined;
    for (;;) {
      const response = await this.http.get(PLANS, {
        query: { pagesize: MAX_PAGE_SIZE, fulldescription: true, after },
      });
      const page = checkPlanList(response.body, response.source);
      plans.push(...page.plans);
      const last = page.plans.at(-1);
      if (page.lastPage || last === undefined) return plans;
      if (after !== undefined && last.planId >= after) {
        // A cursor that does not move would loop forever; BlueSnap's ids strictly descend. The
        // provider's answer is wrong, not plansync: a ProviderError naming endpoint and connection.
        throw invalidResponse(
          response.source,
          'plans',
          `did not advance past planId ${after} (the page ends at planId ${last.planId}); the list was not read further`,
        );
      }
      after = last.planId;
    }
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
