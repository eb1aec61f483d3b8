// `plansync import` for Constant Contact: the partner's client accounts written as plans, one entry
// per account, `encoded_account_id` first. There is no bulk plan read, so the import lists the
// accounts (GET /partner/accounts, 50 a page), then reads each account's plan that the YAML does
// not declare yet; `--account` skips the listing and reads just those accounts.

import type { LiveObject } from '../../core/model.js';
import { ProviderError } from '../../errors.js';
import { checkShape, optional, type ResponseSource, type Shape } from '../response-shape.js';
import type { ImportedPlan, ImportRead, ProviderConnection, ProviderImporter } from '../types.js';

const ACCOUNTS = '/partner/accounts';
const PAGE_SIZE = 50;
/** A partner with more pages than this is not one plansync can read in a day anyway. */
const MAX_PAGES = 10_000;

interface SiteOwner {
  encoded_account_id: string;
  organization_name?: string;
  site_owner_name?: string;
  billing_status?: string;
}

interface AccountPage {
  site_owner_list: SiteOwner[];
  _links?: { next?: { href?: string } };
}

const PAGE: Shape = {
  object: {
    site_owner_list: {
      array: {
        object: {
          encoded_account_id: 'string',
          organization_name: optional('string'),
          site_owner_name: optional('string'),
          billing_status: optional('string'),
        },
      },
    },
  },
};

/** Every client account, following `_links.next` (an opaque cursor) until it is absent. */
async function listAccounts(connection: ProviderConnection): Promise<SiteOwner[]> {
  const owners: SiteOwner[] = [];
  let path = ACCOUNTS;
  let query: Record<string, string | number> | undefined = { limit: PAGE_SIZE };
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await connection.http.send({
      method: 'GET',
      path,
      ...(query ? { query } : {}),
      operation: `GET ${ACCOUNTS}`,
      idempotent: true,
    });
    const body = checkShape<AccountPage>(response.source, response.body, PAGE);
    owners.push(...body.site_owner_list);
    const next = body._links?.next?.href;
    if (typeof next !== 'string' || next === '') return owners;
    path = nextUrl(connection.baseUrl, next, response.source);
    query = undefined;
  }
  const source = connection.http.sourceOf({ method: 'GET', path: ACCOUNTS });
  throw new ProviderError(
    `constantcontact: ${source.endpoint} still had a next page after ${MAX_PAGES}`,
    source,
  );
}

/** The `next` link, absolute; refused when it leaves the connection's host (credentials go along). */
function nextUrl(baseUrl: string, href: string, source: ResponseSource): string {
  const base = new URL(baseUrl);
  const url = new URL(href, base.origin);
  if (url.origin !== base.origin) {
    throw new ProviderError(
      `constantcontact: ${source.endpoint} pointed its next page at another host (${url.origin}); not followed`,
      source,
    );
  }
  return url.toString();
}

async function planImport(
  connection: ProviderConnection,
  request: Parameters<NonNullable<ProviderImporter['plan']>>[1],
): Promise<ImportRead> {
  const only = request.only.account ?? [];
  if (only.length > 0) {
    const wanted = [...new Set(only)];
    const fresh = wanted.filter((id) => !request.declaredIds.has(id));
    return { scope: { account_ids: fresh }, declaredSkipped: wanted.length - fresh.length };
  }
  const read: string[] = [];
  const labels: Record<string, string> = {};
  let retiredSkipped = 0;
  let declaredSkipped = 0;
  for (const owner of await listAccounts(connection)) {
    const id = owner.encoded_account_id;
    if (request.declaredIds.has(id)) declaredSkipped++;
    else if (owner.billing_status === 'Canceled' && !request.includeRetired) retiredSkipped++;
    else {
      read.push(id);
      const label = owner.organization_name ?? owner.site_owner_name;
      if (label) labels[id] = label;
    }
  }
  return { scope: { account_ids: read }, labels, retiredSkipped, declaredSkipped };
}

function tierNote(tiers: unknown): string | undefined {
  if (!Array.isArray(tiers) || tiers.length === 0) return undefined;
  const described = tiers.map((raw) => {
    const tier = (raw ?? {}) as Record<string, unknown>;
    const usage = `${String(tier.current_usage ?? '?')} ${String(tier.usage_type ?? 'CONTACTS').toLowerCase()}`;
    return `tier ${String(tier.tier ?? '?')}, ${usage}, ${String(tier.price ?? '?')} ${String(tier.currency_code ?? '')}/month`.replace(
      / \/month$/,
      '/month',
    );
  });
  return `current_tiers (read-only, set by usage): ${described.join('; ')}`;
}

function toSpec(object: LiveObject, label?: string): ImportedPlan {
  const { attrs } = object;
  const spec: Record<string, unknown> = { encoded_account_id: object.id, plan_type: attrs.plan_type };
  const comments: Record<string, string> = {};
  const notes: string[] = [];
  const day = attrs.billing_day_of_month;
  if (day !== undefined && attrs.plan_type !== 'TRIAL') {
    spec.billing_day_of_month = day;
    comments.billing_day_of_month =
      'set when the account left TRIAL; a later difference is reported as drift, never sent';
  } else if (day !== undefined) {
    notes.push(
      `billing_day_of_month: ${String(day)} (left out: a TRIAL account gets its billing day when it leaves TRIAL)`,
    );
  }
  if (attrs.plan_type === 'TRIAL') comments.plan_type = 'leaving TRIAL is irreversible';
  const status = attrs.billing_status;
  if (typeof status === 'string') {
    notes.push(
      status === 'Canceled'
        ? 'billing_status: Canceled (declare `billing_status: Open` to reactivate the account)'
        : `billing_status: ${status} (compared only when declared; plansync never cancels an account)`,
    );
  }
  const tiers = tierNote(attrs.current_tiers);
  if (tiers) notes.push(tiers);
  return {
    spec,
    comments,
    notes,
    ...(label ? { name: label } : {}),
    retired: status === 'Canceled',
  };
}

export const constantContactImporter: ProviderImporter = {
  filters: { account: 'only this client account (encoded_account_id; repeatable); skips the account list' },
  plan: planImport,
  toSpec,
};
