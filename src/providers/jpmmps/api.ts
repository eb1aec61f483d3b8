// Typed calls to the J.P. Morgan MPS /plans endpoints. No planning logic.

import type { HttpClient } from '../../http/client.js';
import { ListingCheck, type ListingFields } from '../listing-check.js';
import type { ResponseSource } from '../response-shape.js';
import { checkPage, checkPlan, type JpmPage, type JpmPlan } from './wire.js';

const PLANS = '/plans';
export const PAGE_SIZE = 100;
const LISTING: ListingFields = { items: 'data', id: 'id', total: 'count', page: 'page' };

interface ListedJpmPage {
  page: JpmPage;
  source: ResponseSource;
}

export class JpmApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every live (not deleted) plan matching the filters, each read once, or a ProviderError.
   *
   * The reference describes `page` as zero-based, yet its own sample asks `page=1` and gets `"page": 1`
   * back, so the base is learned from the first answer (see `firstPage`). The other pages are then
   * asked for at once (the client caps them at the connection's concurrency and rate). Every page is
   * checked as it arrives (listing-check.ts): its echoed `page`, ids repeated across pages, and at the
   * end `count` against the distinct ids received. `count` is the total of what the server matched, so
   * it is compared before deleted plans (a server that disregards `deleted=FALSE` lists them) are
   * dropped. `convert` runs on each page as it arrives, so that work overlaps the wait for the others.
   */
  async list(filters?: Record<string, string>): Promise<JpmPlan[]>;
  async list<T>(
    filters: Record<string, string>,
    convert: (plan: JpmPlan) => T,
    onPage?: (done: number, total?: number) => void,
  ): Promise<T[]>;
  async list<T>(
    filters: Record<string, string> = {},
    convert: (plan: JpmPlan) => T = (plan) => plan as T,
    onPage?: (done: number, total?: number) => void,
  ): Promise<T[]> {
    const check = new ListingCheck(LISTING);
    const { base, first } = await this.firstPage(filters);
    // Page 0 asked and answered empty before page 1 was: one request more than the pages.
    let done = base;
    const total = Math.max(1, first.page.totalPages) + base;
    const take = (number: number, { page, source }: ListedJpmPage) => {
      check.page({
        source,
        name: `page ${number}`,
        ids: page.data.map((plan) => plan.id),
        asked: number,
        ...(page.page !== undefined && { echoed: page.page }),
        ...(page.count !== undefined && { total: page.count }),
      });
      onPage?.(++done, total);
      return page.data.filter((plan) => !plan.deletedAt).map(convert);
    };
    const live = [take(base, first)];
    const rest = Array.from({ length: Math.max(0, first.page.totalPages - 1) }, (_, i) => base + 1 + i);
    live.push(
      ...(await Promise.all(rest.map((n) => this.listPage(n, filters).then((page) => take(n, page))))),
    );
    check.finish();
    return live.flat();
  }

  /**
   * The first page, and the page base its answer reveals. Page 0 is asked, as documented: a server that
   * echoes `page: 1` numbers pages from 1 (it disregarded the invalid 0, as the reference says invalid
   * values are, and answered its first page). One that echoes 0, or nothing, yet answers an empty page
   * while stating plans exist may number from 1 and have taken 0 as a page before the first: page 1 is
   * asked once, and its echo checked. Otherwise pages number from 0, the documented base, also when
   * the answer echoes no `page` (it is optional): a misreading then repeats a page, which the checks
   * refuse.
   */
  private async firstPage(filters: Record<string, string>): Promise<{ base: 0 | 1; first: ListedJpmPage }> {
    const zero = await this.listPage(0, filters);
    const echoed = zero.page.page;
    if (echoed === 1) return { base: 1, first: zero };
    // Any other echo but 0 is taken as page 0, which the listing check then refuses.
    if (echoed !== undefined && echoed !== 0) return { base: 0, first: zero };
    const statesPlans = (zero.page.count ?? 0) > 0 || zero.page.totalPages > 0;
    if (zero.page.data.length > 0 || !statesPlans) return { base: 0, first: zero };
    return { base: 1, first: await this.listPage(1, filters) };
  }

  private async listPage(page: number, filters: Record<string, string>): Promise<ListedJpmPage> {
    const response = await this.http.get(PLANS, {
      query: { page, pageSize: PAGE_SIZE, deleted: 'FALSE', ...filters },
    });
    return { page: checkPage(response.body, response.source), source: response.source };
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
