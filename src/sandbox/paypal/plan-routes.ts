// The token endpoint and the seven plan endpoints (reference §5) wired onto the kit's router. There is
// no DELETE: plans are retired with deactivate, so the router answers DELETE with 405.

import type { ExpiringTokens } from '../kit/index.js';
import { type EmulatorRequest, type EmulatorResponse, Router } from '../kit/index.js';
import { checkCreate } from './create-rules.js';
import { ALTERNATE_DESCRIPTIONS, detail, errorResponse } from './errors.js';
import { type ListFaults, checkListQuery, listPage } from './list-plans.js';
import { TOKEN_PATH, issueToken } from './oauth.js';
import { checkPatch } from './patch-rules.js';
import type { PayPalPlan, PayPalPlanStatus } from './plan-types.js';
import type { PlanStore } from './plan-store.js';
import { checkPricingUpdate } from './pricing-update-rules.js';
import { PLANS_PATH, fullView, minimalView, wantsRepresentation } from './representation.js';
import type { RequestIds } from './request-ids.js';

export interface PlanApiContext {
  store: PlanStore;
  requestIds: RequestIds;
  tokens: ExpiringTokens;
  now: () => number;
  /** What a list answers to `Prefer: return=representation` (reference §5.1 leaves it open). */
  listRepresentation: 'full' | 'minimal';
  /** Listing faults for tests of a client's checks; none by default. */
  listFaults: ListFaults;
}

export function planRoutes(context: PlanApiContext): Router {
  const item = `${PLANS_PATH}/:id`;
  return new Router()
    .on('POST', TOKEN_PATH, (request) => issueToken(context.tokens, request, context.now()))
    .on('GET', PLANS_PATH, (request) => listPlans(context, request))
    .on('POST', PLANS_PATH, (request) => createPlan(context, request))
    .on('GET', item, (request) =>
      withPlan(context, request, (plan) => ({ status: 200, body: fullView(request.origin, plan) })),
    )
    .on('PATCH', item, (request) =>
      withJsonPlan(context, request, (plan) => patchPlan(context, plan, request)),
    )
    .on('POST', `${item}/activate`, (request) =>
      withPlan(context, request, (plan) => setStatus(context, plan, 'ACTIVE')),
    )
    .on('POST', `${item}/deactivate`, (request) =>
      withPlan(context, request, (plan) => setStatus(context, plan, 'INACTIVE')),
    )
    .on('POST', `${item}/update-pricing-schemes`, (request) =>
      withJsonPlan(context, request, (plan) => updatePricing(context, plan, request)),
    );
}

function createPlan(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const unsupported = unsupportedMediaType(request);
  if (unsupported !== undefined) return unsupported;
  const lookup = context.requestIds.lookup(request);
  if (lookup.kind === 'conflict') return errorResponse(422, [detail('PAYPAL_REQUEST_ID_PREVIOUSLY_USED')]);
  const replayed = lookup.kind === 'replay' ? context.store.get(lookup.planId) : undefined;
  if (replayed !== undefined) return { status: 200, body: createdView(request, replayed) };

  const check = checkCreate(request.json, (id) => context.store.hasProduct(id));
  if (!check.ok) return check.response;
  const plan = context.store.create(check.plan);
  if (lookup.kind === 'new' && lookup.key !== undefined)
    context.requestIds.remember(lookup.key, request, plan.id);
  return { status: 201, body: createdView(request, plan) };
}

function createdView(request: EmulatorRequest, plan: PayPalPlan): Record<string, unknown> {
  return wantsRepresentation(request)
    ? fullView(request.origin, plan)
    : minimalView(request.origin, plan, 'all');
}

function listPlans(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const check = checkListQuery(request.query);
  if (!check.ok) return errorResponse(400, check.details);
  const page = listPage(context.store.view(), check.query, request.origin, context.listFaults);
  const full = context.listRepresentation === 'full' && wantsRepresentation(request);
  return {
    status: 200,
    body: {
      plans: page.plans
        .map((stored) => structuredClone(stored))
        .map((plan) => (full ? fullView(request.origin, plan) : minimalView(request.origin, plan, 'self'))),
      ...(check.query.totalRequired && { total_items: page.totalItems, total_pages: page.totalPages }),
      links: page.links,
    },
  };
}

function patchPlan(context: PlanApiContext, plan: PayPalPlan, request: EmulatorRequest): EmulatorResponse {
  const check = checkPatch(plan, request.json);
  if (!check.ok) return check.response;
  context.store.update(check.plan);
  return { status: 204 };
}

function updatePricing(
  context: PlanApiContext,
  plan: PayPalPlan,
  request: EmulatorRequest,
): EmulatorResponse {
  const check = checkPricingUpdate(plan, request.json, context.store.timestamp());
  if (!check.ok) return check.response;
  context.store.update(check.plan);
  return { status: 204 };
}

/** activate: from CREATED or INACTIVE; deactivate: from ACTIVE. Anything else is PLAN_STATUS_INVALID. */
function setStatus(context: PlanApiContext, plan: PayPalPlan, target: PayPalPlanStatus): EmulatorResponse {
  const allowed = target === 'ACTIVE' ? plan.status !== 'ACTIVE' : plan.status === 'ACTIVE';
  if (!allowed) {
    const description = target === 'ACTIVE' ? undefined : ALTERNATE_DESCRIPTIONS.deactivateStatus;
    return errorResponse(422, [
      detail('PLAN_STATUS_INVALID', { field: '/status', value: plan.status, description }),
    ]);
  }
  context.store.update({ ...plan, status: target });
  return { status: 204 };
}

/** Runs `then` with the plan named in the path, or answers 404 INVALID_RESOURCE_ID. */
function withPlan(
  context: PlanApiContext,
  request: EmulatorRequest,
  then: (plan: PayPalPlan) => EmulatorResponse,
): EmulatorResponse {
  const id = request.params.id ?? '';
  const plan = context.store.get(id);
  if (plan !== undefined) return then(plan);
  return errorResponse(404, [detail('INVALID_RESOURCE_ID', { field: 'id', value: id, location: 'path' })]);
}

function withJsonPlan(
  context: PlanApiContext,
  request: EmulatorRequest,
  then: (plan: PayPalPlan) => EmulatorResponse,
): EmulatorResponse {
  return unsupportedMediaType(request) ?? withPlan(context, request, then);
}

/** Inferred: a body that is not declared JSON is refused before it is read, as by PayPal's edge. */
function unsupportedMediaType(request: EmulatorRequest): EmulatorResponse | undefined {
  if (request.rawBody.trim() === '') return undefined;
  const type = request.headers['content-type'] ?? '';
  return /^application\/([\w.+-]+\+)?json\b/i.test(type) ? undefined : errorResponse(415);
}
