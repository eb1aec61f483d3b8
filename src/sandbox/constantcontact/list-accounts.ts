// GET /partner/accounts (reference §4.1): `limit` 10–50 with out-of-range values ignored (default 50,
// never an error), an opaque `offset` cursor and the `account_type` filter. The cursor is the start
// index as base64 with `=` written `*`, like the guide's `MTA*` ("10"); clients must copy it from
// `_links.next.href` rather than compute it, and anything that does not decode is a 400.

import type { EmulatorResponse } from '../kit/index.js';
import { type ConstantContactAccount, type SiteOwner, siteOwnerView } from './account-types.js';
import { validationError } from './errors.js';

export const ACCOUNTS_PATH = '/v3/partner/accounts';
const DEFAULT_LIMIT = 50;
const MIN_LIMIT = 10;
const MAX_LIMIT = 50;
const ACCOUNT_TYPES = ['all', 'managed', 'unmanaged'] as const;

interface AccountPage {
  site_owner_list: SiteOwner[];
  _links?: { next: { href: string } };
}

export function encodeOffset(index: number): string {
  return Buffer.from(String(index), 'utf8').toString('base64').replace(/=/g, '*');
}

/** The start index, or undefined when the cursor is not one this server handed out. */
export function decodeOffset(cursor: string): number | undefined {
  // `+` may arrive as a space when a client did not escape the href it copied.
  const base64 = cursor.replace(/ /g, '+').replace(/\*/g, '=');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const text = Buffer.from(base64, 'base64').toString('utf8');
  if (!/^(0|[1-9]\d{0,8})$/.test(text) || encodeOffset(Number(text)) !== cursor.replace(/ /g, '+'))
    return undefined;
  return Number(text);
}

function pageLimit(raw: string | undefined): number {
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return DEFAULT_LIMIT;
  const limit = Number(raw);
  return limit >= MIN_LIMIT && limit <= MAX_LIMIT ? limit : DEFAULT_LIMIT;
}

export function listAccounts(
  accounts: readonly ConstantContactAccount[],
  query: Record<string, string>,
): EmulatorResponse {
  const accountType = query.account_type ?? 'all';
  if (!(ACCOUNT_TYPES as readonly string[]).includes(accountType)) {
    return validationError(`account_type must be one of ${ACCOUNT_TYPES.join(', ')}.`);
  }
  const start = query.offset === undefined || query.offset === '' ? 0 : decodeOffset(query.offset);
  if (start === undefined) return validationError('offset is not a valid value.');
  const limit = pageLimit(query.limit);
  const selected =
    accountType === 'all'
      ? accounts
      : accounts.filter((account) => account.managed === (accountType === 'managed'));
  const body: AccountPage = { site_owner_list: selected.slice(start, start + limit).map(siteOwnerView) };
  if (start + limit < selected.length) {
    // The filter travels in the link, so following `next` keeps paging through the same selection.
    const filter = accountType === 'all' ? '' : `&account_type=${accountType}`;
    const offset = encodeURIComponent(encodeOffset(start + limit));
    body._links = { next: { href: `${ACCOUNTS_PATH}?offset=${offset}&limit=${limit}${filter}` } };
  }
  return { status: 200, body };
}
