// Typed calls to Constant Contact's partner plan endpoints. No planning logic.

import type { HttpClient } from '../../http/client.js';
import { checkPlanTiers, type PlanInfo, type PlanTiers } from './wire.js';

const planPath = (account: string) => `/partner/accounts/${encodeURIComponent(account)}/plan`;

export class ConstantContactApi {
  constructor(private readonly http: HttpClient) {}

  /** One account's plan; undefined when the account does not exist (404). */
  async getPlan(account: string): Promise<PlanTiers | undefined> {
    const path = planPath(account);
    const response = await this.http.get(path, { accept: [404] });
    if (response.status === 404) return undefined;
    return checkPlanTiers(response.body, response.source);
  }

  /**
   * Set an account's plan. Safe to repeat: once off TRIAL the same body finds the account already
   * there (the billing day is then ignored), so a retry after a lost answer changes nothing more.
   */
  async setPlan(account: string, body: PlanInfo): Promise<PlanTiers> {
    const path = planPath(account);
    const response = await this.http.send({
      method: 'PUT',
      path,
      body,
      operation: `PUT ${path}`,
      idempotent: true,
    });
    return checkPlanTiers(response.body, response.source);
  }
}
