// The Constant Contact partner emulator's public surface, for the sandbox, the demo and tests.

export { DEFAULT_PLAN_GROUP_ID, DEFAULT_PLAN_TYPES, startConstantContactEmulator } from './emulator.js';
export type { ConstantContactEmulator, ConstantContactEmulatorOptions } from './emulator.js';
export { BILLING_STATUSES, TIER_SIZE, currentTiers, planView, siteOwnerView } from './account-types.js';
export type {
  BillingStatus,
  ConstantContactAccount,
  PendingCancellation,
  PlanTiersObject,
  SeedAccount,
  SiteOwner,
  TierObject,
} from './account-types.js';
export { CANCEL_REASONS } from './cancel-rules.js';
export type { RecancelBehaviour } from './cancel-rules.js';
export { ERROR_KEYS, RATE_LIMIT_MESSAGE } from './errors.js';
export type { ConstantContactError } from './errors.js';
export { DEFAULT_ACCOUNT_MIX, generateAccounts } from './generate-accounts.js';
export type { AccountProfile, GenerateAccountsOptions } from './generate-accounts.js';
export {
  ACCOUNTS_PATH,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MIN_LIMIT,
  decodeOffset,
  encodeOffset,
} from './list-accounts.js';
export type { AccountPage } from './list-accounts.js';
export { DEFAULT_TOKEN_TTL_SECONDS, PARTNER_SCOPE, TOKEN_PATH } from './partner-token.js';
export type { ConstantContactCredentials } from './partner-token.js';
export { DEFAULT_RATE_LIMITS } from './rate-limiter.js';
export type { RateLimits, RequestCounts } from './rate-limiter.js';
export { CC_DEMO_ACCOUNT_IDS, CONSTANTCONTACT_DEMO_SEED } from './seed.js';
