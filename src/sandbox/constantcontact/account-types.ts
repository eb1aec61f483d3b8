// The client accounts a partner manages, as the emulator stores them, and the shapes the API answers
// with (reference §3): the list item of GET /partner/accounts and the PlanTiersObject of GET/PUT plan.

/** Reference §3.1; compared case- and space-exactly (`Trial End`). */
export type BillingStatus = 'Trial' | 'Open' | 'Canceled' | 'Trial End';

export const BILLING_STATUSES: readonly BillingStatus[] = ['Trial', 'Open', 'Canceled', 'Trial End'];

/** What a test or the sandbox seeds; everything but the id has a default. */
export interface SeedAccount {
  /** 12 lowercase alphanumerics in practice, e.g. `a07e1lwvtuw0`. */
  encoded_account_id: string;
  /** Default: the id. */
  organization_name?: string;
  /** The account's login name; default: the organization name. */
  site_owner_name?: string;
  /** Default 0. */
  subscriber_count?: number;
  /** Default `TRIAL`. Legacy values are opaque strings (reference §3.1). */
  plan_type?: string;
  /** Default: `Trial` for a TRIAL plan, `Open` otherwise. */
  billing_status?: BillingStatus;
  /** Default: null on TRIAL, 1 otherwise. */
  billing_day_of_month?: number | null;
  /** `account_type=managed|unmanaged` filter; default true. */
  managed?: boolean;
  /** Default: the emulator's `singleBilling` option. */
  single_billing?: boolean;
  /** Default: the emulator's `planGroupId`. */
  plan_group_id?: number;
  /** ISO-8601; absent by default (the schema says it may not display). */
  last_login_date?: string;
}

/** A pending cancellation with a future `effective_date` (reference §4.5, inferred). */
export interface PendingCancellation {
  effectiveAt: number;
  reason_id?: number;
}

/** The stored account: every field resolved. */
export interface ConstantContactAccount {
  encoded_account_id: string;
  organization_name: string;
  site_owner_name: string;
  subscriber_count: number;
  plan_type: string;
  billing_status: BillingStatus;
  billing_day_of_month: number | null;
  managed: boolean;
  single_billing: boolean;
  plan_group_id: number;
  last_login_date?: string;
  pending_cancellation?: PendingCancellation;
}

export interface SiteOwner {
  encoded_account_id: string;
  subscriber_count: number;
  organization_name: string;
  site_owner_name: string;
  billing_status: BillingStatus;
  last_login_date?: string;
}

interface TierObject {
  usage_type: 'CONTACTS';
  current_usage: number;
  tier: number;
  tier_min: number;
  tier_max: number;
  price: number;
  currency_code: 'USD';
}

export interface PlanTiersObject {
  plan_type: string;
  current_tiers: TierObject[];
  billing_status: BillingStatus;
  billing_day_of_month: number | null;
}

/** Contacts per usage tier: tier 1 = 0–500, tier 2 = 500–1000… (the reference's example). */
const TIER_SIZE = 500;

// Illustrative monthly prices (USD) per plan: first tier, then each further tier. TRIAL shows the price
// the account would pay, as the guide's example does (20.0 on a TRIAL account).
const PRICES: Record<string, { first: number; step: number }> = {
  TRIAL: { first: 20, step: 15 },
  BRONZE: { first: 12, step: 10 },
  SILVER: { first: 20, step: 15 },
  GOLD: { first: 45, step: 25 },
};
const LEGACY_PRICE = { first: 20, step: 15 };

/** Read-only tiers, computed from the subscriber count (never stored, so never stale). */
function currentTiers(account: ConstantContactAccount): TierObject[] {
  const tier = Math.max(1, Math.ceil(account.subscriber_count / TIER_SIZE));
  const price = PRICES[account.plan_type] ?? LEGACY_PRICE;
  return [
    {
      usage_type: 'CONTACTS',
      current_usage: account.subscriber_count,
      tier,
      tier_min: (tier - 1) * TIER_SIZE,
      tier_max: tier * TIER_SIZE,
      price: price.first + (tier - 1) * price.step,
      currency_code: 'USD',
    },
  ];
}

export function planView(account: ConstantContactAccount): PlanTiersObject {
  return {
    plan_type: account.plan_type,
    current_tiers: currentTiers(account),
    billing_status: account.billing_status,
    billing_day_of_month: account.billing_day_of_month,
  };
}

export function siteOwnerView(account: ConstantContactAccount): SiteOwner {
  const view: SiteOwner = {
    encoded_account_id: account.encoded_account_id,
    subscriber_count: account.subscriber_count,
    organization_name: account.organization_name,
    site_owner_name: account.site_owner_name,
    billing_status: account.billing_status,
  };
  if (account.last_login_date !== undefined) view.last_login_date = account.last_login_date;
  return view;
}
