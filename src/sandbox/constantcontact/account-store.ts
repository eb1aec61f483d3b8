// The partner's client accounts, in provisioning order (the list endpoint pages through them in that
// order). A Map keeps lookups O(1) and inserts cheap, so thousands of seeded accounts start instantly.
// Future-dated cancellations are applied lazily, whenever an account is read, on the emulator clock.

import {
  BILLING_STATUSES,
  type ConstantContactAccount,
  type PendingCancellation,
  type SeedAccount,
} from './account-types.js';

export interface AccountDefaults {
  singleBilling: boolean;
  planGroupId: number;
}

export class AccountStore {
  readonly #accounts = new Map<string, ConstantContactAccount>();
  readonly #defaults: AccountDefaults;
  readonly #now: () => number;
  #pending = 0;

  constructor(seed: readonly SeedAccount[], defaults: AccountDefaults, now: () => number) {
    this.#defaults = defaults;
    this.#now = now;
    for (const account of seed) this.put(account);
  }

  /** Inserts or replaces (keeping its place in the list), as a change in Constant Contact's UI would. */
  put(seed: SeedAccount): ConstantContactAccount {
    const account = resolve(seed, this.#defaults);
    const previous = this.#accounts.get(account.encoded_account_id);
    if (previous?.pending_cancellation !== undefined) this.#pending -= 1;
    this.#accounts.set(account.encoded_account_id, account);
    return account;
  }

  get(id: string): ConstantContactAccount | undefined {
    const account = this.#accounts.get(id);
    if (account !== undefined) this.#settle(account);
    return account;
  }

  all(): ConstantContactAccount[] {
    const accounts = [...this.#accounts.values()];
    if (this.#pending > 0) for (const account of accounts) this.#settle(account);
    return accounts;
  }

  hasLoginName(login: string): boolean {
    const wanted = login.toLowerCase();
    for (const account of this.#accounts.values()) {
      if (account.site_owner_name.toLowerCase() === wanted) return true;
    }
    return false;
  }

  scheduleCancellation(account: ConstantContactAccount, cancellation: PendingCancellation): void {
    if (account.pending_cancellation === undefined) this.#pending += 1;
    account.pending_cancellation = cancellation;
    this.#settle(account);
  }

  #settle(account: ConstantContactAccount): void {
    const pending = account.pending_cancellation;
    if (pending === undefined || this.#now() < pending.effectiveAt) return;
    account.billing_status = 'Canceled';
    delete account.pending_cancellation;
    this.#pending -= 1;
  }
}

function resolve(seed: SeedAccount, defaults: AccountDefaults): ConstantContactAccount {
  const planType = seed.plan_type ?? 'TRIAL';
  const status = seed.billing_status ?? (planType === 'TRIAL' ? 'Trial' : 'Open');
  if (!BILLING_STATUSES.includes(status)) throw new RangeError(`unknown billing_status ${String(status)}`);
  const organization = seed.organization_name ?? seed.encoded_account_id;
  const account: ConstantContactAccount = {
    encoded_account_id: seed.encoded_account_id,
    organization_name: organization,
    site_owner_name: seed.site_owner_name ?? organization,
    subscriber_count: seed.subscriber_count ?? 0,
    plan_type: planType,
    billing_status: status,
    billing_day_of_month:
      seed.billing_day_of_month !== undefined ? seed.billing_day_of_month : planType === 'TRIAL' ? null : 1,
    managed: seed.managed ?? true,
    single_billing: seed.single_billing ?? defaults.singleBilling,
    plan_group_id: seed.plan_group_id ?? defaults.planGroupId,
  };
  if (seed.last_login_date !== undefined) account.last_login_date = seed.last_login_date;
  return account;
}

/** A detached copy for tests, so they cannot change the store behind the API's back. */
export function snapshot(account: ConstantContactAccount): ConstantContactAccount {
  const copy = { ...account };
  if (account.pending_cancellation !== undefined)
    copy.pending_cancellation = { ...account.pending_cancellation };
  return copy;
}
