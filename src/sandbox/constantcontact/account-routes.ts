// The partner token endpoint and the four partner account endpoints wired onto the kit's router. Every
// per-account call resolves the account first: unknown → 404, owned by another partner → 400
// (reference §4.5); the body's media type is checked before its content (415).

import type { ExpiringTokens } from '../kit/index.js';
import { type EmulatorRequest, type EmulatorResponse, Router } from '../kit/index.js';
import type { AccountStore } from './account-store.js';
import { type ConstantContactAccount, planView } from './account-types.js';
import { type RecancelBehaviour, cancellationView, checkCancellation } from './cancel-rules.js';
import { ERROR_KEYS, apiError, unsupportedMediaType } from './errors.js';
import { ACCOUNTS_PATH, listAccounts } from './list-accounts.js';
import { TOKEN_PATH, issueToken } from './partner-token.js';
import { type PlanGroupConfig, applyPlanUpdate, checkPlanUpdate } from './plan-rules.js';
import { checkProvision, newAccountId, newProvisionUuid } from './provision-rules.js';

export interface AccountApiContext {
  store: AccountStore;
  tokens: ExpiringTokens;
  clientId: string;
  planGroup: PlanGroupConfig;
  foreignAccountIds: ReadonlySet<string>;
  recancel: RecancelBehaviour;
  now: () => number;
}

export function accountRoutes(context: AccountApiContext): Router {
  const account = `${ACCOUNTS_PATH}/:id`;
  return new Router()
    .on('POST', TOKEN_PATH, (request) => issueToken(context.tokens, request, context.clientId))
    .on('GET', ACCOUNTS_PATH, (request) => listAccounts(context.store.all(), request.query))
    .on('POST', ACCOUNTS_PATH, (request) => provision(context, request))
    .on('GET', `${account}/plan`, (request) =>
      withAccount(context, request, (found) => ({ status: 200, body: planView(found) })),
    )
    .on('PUT', `${account}/plan`, (request) =>
      withAccount(context, request, (found) => setPlan(context, request, found)),
    )
    .on('PUT', `${account}/status/cancel`, (request) =>
      withAccount(context, request, (found) => cancel(context, request, found)),
    );
}

function provision(context: AccountApiContext, request: EmulatorRequest): EmulatorResponse {
  const unsupported = unsupportedMediaType(request.headers, request.rawBody);
  if (unsupported !== undefined) return unsupported;
  const check = checkProvision(request.json, (login) => context.store.hasLoginName(login));
  if (!check.ok) return check.response;
  let id = newAccountId();
  while (context.store.get(id) !== undefined) id = newAccountId();
  context.store.put({ ...check.seed, encoded_account_id: id });
  return { status: 201, body: { encoded_account_id: id, provision_uuid: newProvisionUuid() } };
}

function setPlan(
  context: AccountApiContext,
  request: EmulatorRequest,
  account: ConstantContactAccount,
): EmulatorResponse {
  const unsupported = unsupportedMediaType(request.headers, request.rawBody);
  if (unsupported !== undefined) return unsupported;
  const today = new Date(context.now()).getUTCDate();
  const check = checkPlanUpdate(account, request.json, context.planGroup, today);
  if (!check.ok) return check.response;
  applyPlanUpdate(account, check.update);
  return { status: 200, body: planView(account) };
}

function cancel(
  context: AccountApiContext,
  request: EmulatorRequest,
  account: ConstantContactAccount,
): EmulatorResponse {
  const unsupported = unsupportedMediaType(request.headers, request.rawBody);
  if (unsupported !== undefined) return unsupported;
  const now = context.now();
  const check = checkCancellation(account, request.json, now, context.recancel);
  if (!check.ok) return check.response;
  // An already canceled account under the no-op behaviour keeps its state; the request is echoed.
  if (account.billing_status !== 'Canceled') {
    context.store.scheduleCancellation(account, check.cancellation);
  }
  return { status: 200, body: cancellationView(check.cancellation) };
}

function withAccount(
  context: AccountApiContext,
  request: EmulatorRequest,
  handle: (account: ConstantContactAccount) => EmulatorResponse,
): EmulatorResponse {
  const id = request.params.id ?? '';
  if (context.foreignAccountIds.has(id)) {
    return apiError(400, ERROR_KEYS.foreign, `The client account ${id} does not belong to this partner.`);
  }
  const account = context.store.get(id);
  if (account === undefined)
    return apiError(404, ERROR_KEYS.notFound, `The client account ${id} was not found.`);
  return handle(account);
}
