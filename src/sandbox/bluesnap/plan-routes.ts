// The four plan endpoints BlueSnap exposes (create, retrieve, list, update) wired onto the kit's router.
// There is no DELETE: plans are retired with status INACTIVE, so the router answers DELETE with 405.
// Every handler speaks JSON-shaped values; content negotiation turns XML in and out around it.

import { type EmulatorRequest, type EmulatorResponse, type RequestHandler, Router } from '../kit/index.js';
import { withContentNegotiation } from './content-negotiation.js';
import { checkCreate } from './create-rules.js';
import { errorItem, errorResponse } from './errors.js';
import type { IdempotencyKeys } from './idempotency.js';
import { type ListFaults, checkListQuery, listPage } from './list-plans.js';
import { type PlanRecord, toWire } from './plan-record.js';
import type { PlanStore } from './plan-store.js';
import { type PutOmission, checkUpdate } from './update-rules.js';

export const BLUESNAP_BASE_PATH = '/services/2';
const PLANS_PATH = `${BLUESNAP_BASE_PATH}/recurring/plans`;

export interface PlanApiContext {
  store: PlanStore;
  idempotency: IdempotencyKeys;
  maxPlans: number;
  maxPageSize: number;
  /** Listing faults for tests of a client's checks; none by default. */
  listFaults: ListFaults;
  /** Inferred: 400 by default; some BlueSnap resources answer 403 for an unknown id. */
  notFoundStatus: 400 | 403;
  /** What a PUT does to an optional field it leaves out: the two readings of the documents. */
  putOmission: PutOmission;
}

export function planRoutes(context: PlanApiContext): Router {
  const route = (handler: RequestHandler): RequestHandler => withContentNegotiation(handler);
  return new Router()
    .on(
      'POST',
      PLANS_PATH,
      route((request) => createIdempotently(context, request)),
    )
    .on(
      'GET',
      PLANS_PATH,
      route((request) => listPlans(context, request)),
    )
    .on(
      'GET',
      `${PLANS_PATH}/:planId`,
      route((request) => withPlan(context, request, planResponse)),
    )
    .on(
      'PUT',
      `${PLANS_PATH}/:planId`,
      route((request) => withPlan(context, request, (plan) => updatePlan(context, plan, request))),
    );
}

function createIdempotently(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const outcome = context.idempotency.begin(request);
  if (outcome.kind === 'respond') return outcome.response;
  const response = createPlan(context, request);
  outcome.finish(response);
  return response;
}

function createPlan(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const check = checkCreate(request.json);
  if (!check.ok) return errorResponse(400, check.errors);
  if (context.store.size >= context.maxPlans) {
    return errorResponse(400, [
      errorItem(
        'MAX_NUMBER_PLANS_EXCEEDED',
        `The account already has the maximum of ${context.maxPlans} plans.`,
      ),
    ]);
  }
  const plan = context.store.create(check.plan);
  return {
    ...planResponse(plan),
    headers: { location: `${request.origin}${PLANS_PATH}/${plan.planId}` },
  };
}

function listPlans(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const check = checkListQuery(request.query, context.maxPageSize);
  if (!check.ok) return errorResponse(400, check.errors);
  return { status: 200, body: listPage(context.store.all(), check.query, context.listFaults) };
}

function updatePlan(context: PlanApiContext, stored: PlanRecord, request: EmulatorRequest): EmulatorResponse {
  const check = checkUpdate(stored, request.json, context.putOmission);
  if (!check.ok) return errorResponse(400, check.errors);
  context.store.put(check.plan);
  return planResponse(check.plan);
}

function planResponse(plan: PlanRecord): EmulatorResponse {
  return { status: 200, body: toWire(plan) };
}

/** Runs `then` with the plan named in the path, or answers as BlueSnap does for an unknown id. */
function withPlan(
  context: PlanApiContext,
  request: EmulatorRequest,
  then: (plan: PlanRecord) => EmulatorResponse,
): EmulatorResponse {
  const raw = request.params.planId ?? '';
  const plan = /^\d+$/.test(raw) ? context.store.get(Number(raw)) : undefined;
  if (plan !== undefined) return then(plan);
  // Inferred: errorName PLAN_NOT_FOUND; a non-numeric id is simply an id that does not exist.
  return errorResponse(context.notFoundStatus, [
    errorItem('PLAN_NOT_FOUND', `Plan ${raw} could not be found.`),
  ]);
}
