// The J.P. Morgan MPS emulator's public surface, for the sandbox, the demo and tests.

export { startJpmMpsEmulator } from './emulator.js';
export type { JpmMpsCredentials, JpmMpsEmulator, JpmMpsEmulatorOptions } from './emulator.js';
export { ERROR_CODES, defaultErrorBody, springErrorBody } from './errors.js';
export type { ErrorBodyFormat, FieldError, JpmMpsError } from './errors.js';
export { DEFAULT_PAGE_SIZE } from './list-plans.js';
export type { ListResponseBody } from './list-plans.js';
export {
  BILLING_CYCLES,
  BILLING_OCCURRENCE,
  MAX_TEXT,
  OCCURRENCE_MISSPELLING,
  TRIAL_PERIOD,
} from './plan-fields.js';
export { BASE_PATH, PLANS_PATH } from './plan-routes.js';
export { PLAN_ID_PATTERN, PLAN_ID_PREFIX } from './plan-store.js';
export { DURATION_UNITS } from './plan-types.js';
export type { JpmMpsPlan, JpmMpsPlanInput, JpmMpsUnit } from './plan-types.js';
export {
  JPMMPS_DEMO_BASIC_MONTHLY_ID,
  JPMMPS_DEMO_OLD_ANNUAL_ID,
  JPMMPS_DEMO_PREMIUM_MONTHLY_ID,
  JPMMPS_DEMO_SEED,
} from './seed.js';
export { formatTimestamp, parseTimestamp } from './timestamps.js';
