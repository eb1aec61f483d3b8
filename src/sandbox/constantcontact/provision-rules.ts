// POST /partner/accounts (reference §4.2): validates a `Provision` body against the documented field
// rules and reports every problem at once, as an array of errors. Only the emulator's seeding and tests
// need it; plansync never provisions. A login name already in use (any case) is a 409.

import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorResponse, JsonParseResult } from '../kit/index.js';
import type { SeedAccount } from './account-types.js';
import { ERROR_KEYS, type ConstantContactError, apiError, apiErrors } from './errors.js';

export type ProvisionCheck =
  | { ok: true; seed: Omit<SeedAccount, 'encoded_account_id'>; login: string }
  | { ok: false; response: EmulatorResponse };

interface StringRule {
  field: string;
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

const STRING_RULES: readonly StringRule[] = [
  { field: 'contact_email', required: true, min: 3, max: 80, pattern: /^[^@\s]+@[^@\s]+$/ },
  { field: 'country_code', required: true, min: 2, max: 3, pattern: /^[A-Za-z]+$/ },
  { field: 'login_name', required: true, min: 6, max: 50, pattern: /^[A-Za-z0-9\-_@.+]+$/ },
  { field: 'state_code', required: true, max: 3 },
  { field: 'contact_phone', min: 5, max: 25 },
  { field: 'organization_name', min: 1, max: 50 },
  { field: 'organization_phone', min: 5, max: 25 },
  { field: 'password', min: 8, max: 80 },
  { field: 'first_name', min: 2, max: 80 },
  { field: 'last_name', min: 2, max: 80 },
  { field: 'partner_account_id', max: 80 },
  { field: 'external_id', max: 255 },
  { field: 'external_provider', max: 80 },
  { field: 'time_zone_id' },
  { field: 'website' },
  { field: 'billing_locale' },
];
const BOOLEANS = ['managed_site_owner', 'enable_single_billing', 'gdpr_opt_out'];

export function checkProvision(
  json: JsonParseResult,
  loginInUse: (login: string) => boolean,
): ProvisionCheck {
  if (json.kind === 'invalid')
    return fail(apiError(400, ERROR_KEYS.malformed, 'The request body is malformed JSON.'));
  if (
    json.kind === 'empty' ||
    typeof json.value !== 'object' ||
    json.value === null ||
    Array.isArray(json.value)
  ) {
    return fail(apiError(400, ERROR_KEYS.validation, 'A Provision object is required.'));
  }
  const body = json.value as Record<string, unknown>;
  const errors: ConstantContactError[] = [];
  const problem = (message: string) =>
    errors.push({ error_key: ERROR_KEYS.validation, error_message: message });
  for (const rule of STRING_RULES) {
    const value = body[rule.field];
    if (value === undefined || value === null) {
      if (rule.required) problem(`${rule.field} is required.`);
      continue;
    }
    if (typeof value !== 'string') problem(`${rule.field} must be a string.`);
    else if (rule.min !== undefined && value.length < rule.min)
      problem(`${rule.field} must be at least ${rule.min} characters.`);
    else if (rule.max !== undefined && value.length > rule.max)
      problem(`${rule.field} must be at most ${rule.max} characters.`);
    else if (rule.pattern !== undefined && !rule.pattern.test(value))
      problem(`${rule.field} is not a valid value.`);
  }
  for (const field of BOOLEANS) {
    if (body[field] !== undefined && typeof body[field] !== 'boolean') problem(`${field} must be a boolean.`);
  }
  // A password is required unless the account signs in through an external (SSO) provider.
  const external = typeof body.external_id === 'string' && typeof body.external_provider === 'string';
  if (body.password === undefined && !external)
    problem('password is required unless external_id and external_provider are set.');
  if (errors.length > 0) return fail(apiErrors(400, errors));

  const login = body.login_name as string;
  if (loginInUse(login))
    return fail(apiError(409, ERROR_KEYS.conflict, `The login_name ${login} is already in use.`));
  const seed: Omit<SeedAccount, 'encoded_account_id'> = {
    organization_name: (body.organization_name as string | undefined) ?? login,
    site_owner_name: login,
    subscriber_count: 0,
    plan_type: 'TRIAL',
    billing_status: 'Trial',
    billing_day_of_month: null,
    managed: (body.managed_site_owner as boolean | undefined) ?? true,
  };
  if (typeof body.enable_single_billing === 'boolean') seed.single_billing = body.enable_single_billing;
  return { ok: true, seed, login };
}

/** 12 lowercase alphanumerics, like `a08e1izzh8t9`. */
export function newAccountId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function newProvisionUuid(): string {
  return randomUUID();
}

function fail(response: EmulatorResponse): ProvisionCheck {
  return { ok: false, response };
}
