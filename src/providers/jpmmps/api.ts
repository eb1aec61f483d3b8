// Typed calls to the J.P. Morgan MPS /plans endpoints. No planning logic.

import type { HttpClient } from '../../http/client.js';
import { checkPage, checkPlan, type JpmPage, type JpmPlan } from './wire.js';

const PLANS = '/plans';
const PAGE_SIZE = 100;

export class JpmApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every live (not deleted) plan matching the filters. Pages are zero-based, as the reference
   * describes them (`page=9` is the tenth page). The first page tells `totalPages`; the other pages
   * are then asked for at once (the client caps them at the connection's concurrency and rate).
   * `convert` runs on each page as it arrives, so that work overlaps the wait for the others.
   */
  async list(filters?: Record<string, string>): Promise<JpmPlan[]>;
  async list<T>(filters: Record<string, string>, convert: (plan: JpmPlan) => T): Promise<T[]>;
  async list<T>(
    filters: Record<string, string> = {},
    convert: (plan: JpmPlan) => T = (plan) => plan as T,
  ): Promise<T[]> {
    const live = (page: JpmPage) => page.data.filter((plan) => !plan.deletedAt).map(convert);
    const first = await this.listPage(0, filters);
    const rest =
      first.data.length === 0
        ? []
        : await Promise.all(
            Array.from({ length: Math.max(0, first.totalPages - 1) }, (_, i) =>
              this.listPage(i + 1, filters).then(live),
            ),
          );
    return [live(first), ...rest].flat();
  }

  private async listPage(page: number, filters: Record<string, string>) {
    const response = await this.http.get(PLANS, {
      query: { page, pageSize: PAGE_SIZE, deleted: 'FALSE', ...filters },
    });
    return checkPage(response.body, response.source);
  }

  /** One plan, deleted ones included (with `deletedAt`); undefined when the API answers 404. */
  async get(id: string): Promise<JpmPlan | undefined> {
    const path = `${PLANS}/${encodeURIComponent(id)}`;
    const response = await this.http.get(path, { accept: [404] });
    return response.status === 404 ? undefined : checkPlan(response.body, response.source);
  }

  /**
   * Create. Never resent blindly: the API has no idempotency key, so a second POST after a lost
   * answer would make a second plan. The adapter looks the plan up before trying again.
   */
  async create(body: Record<string, unknown>): Promise<JpmPlan> {
    const response = await this.http.send({
      method: 'POST',
      path: PLANS,
      body,
      operation: `POST ${PLANS}`,
      idempotent: false,
    });
    return checkPlan(response.body, response.source);
  }

  async patch(id: string, body: Record<string, unknown>): Promise<JpmPlan> {
    const path = `${PLANS}/${encodeURIComponent(id)}`;
    const response = await this.http.send({
      method: 'PATCH',
      path,
      body,
      operation: `PATCH ${path}`,
      idempotent: true,
    });
    return checkPlan(response.body, response.source);
  }

  /** Soft delete (sets deletedAt); a repeat after a lost answer finds it gone, which is success. */
  async delete(id: string): Promise<void> {
    const path = `${PLANS}/${encodeURIComponent(id)}`;
    await this.http.send({
      method: 'DELETE',
      path,
      operation: `DELETE ${path}`,
      idempotent: true,
      accept: [404],
    });
  }
}
