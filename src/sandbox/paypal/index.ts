// The PayPal emulator's public surface, for the sandbox, the demo and tests.

export { startPayPalEmulator } from './emulator.js';
export type { PayPalEmulator, PayPalEmulatorOptions } from './emulator.js';
export { ERROR_NAMES, ISSUE_DESCRIPTIONS } from './errors.js';
export type { ErrorLocation, PayPalErrorBody, PayPalErrorDetail, PayPalIssue } from './errors.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_PLAN_IDS } from './list-plans.js';
export { DEFAULT_TOKEN_TTL_SECONDS, EMULATOR_APP_ID, SUBSCRIPTIONS_SCOPE, TOKEN_PATH } from './oauth.js';
export type { PayPalCredentials } from './oauth.js';
export { PATCHABLE_PATHS } from './patch-rules.js';
export type { PatchablePath } from './patch-rules.js';
export { PLAN_ID_PATTERN, PRODUCT_ID_PATTERN } from './plan-store.js';
export type {
  PayPalBillingCycle,
  PayPalMoney,
  PayPalPaymentPreferences,
  PayPalPlan,
  PayPalPlanInput,
  PayPalPlanStatus,
  PayPalPricingScheme,
  PayPalPricingTier,
  PayPalTaxes,
} from './plan-types.js';
export { PLANS_PATH } from './representation.js';
export { REQUEST_ID_HEADER, REQUEST_ID_TTL_MS } from './request-ids.js';
export { PAYPAL_DEMO_PRODUCT_ID, PAYPAL_DEMO_SEED } from './seed.js';
