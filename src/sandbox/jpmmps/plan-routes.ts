// The five plan endpoints (reference §4) under BASE_PATH, on the kit's router. Every route first wants
// `Accept-Language`; bodies are checked for media type and shape before the plan is looked up, and
// field rules after (so an unknown id with a bad body is a 404).

import { type EmulatorRequest, type EmulatorResponse, type RequestHandler, Router } from '../kit/index.js';
import { checkCreate } from './create-rules.js';
import type { ErrorResponder } from './errors.js';
import { type ListOptions, listPage, readListQuery } from './list-plans.js';
import { checkPatch } from './patch-rules.js';
import type { PlanStore } from './plan-store.js';
import { type JpmMpsPlan, planView } from './plan-types.js';
import { jsonObjectBody, missingAcceptLanguage } from './request-checks.js';

/** The emulator's stand-in for the undisclosed `{baseURL}` (reference §1). */
export const BASE_PATH = '/api/v1';
const PLANS_PATH = `${BASE_PATH}/plans`;

export interface PlanApiContext {
  store: PlanStore;
  errors: ErrorResponder;
  list: ListOptions;
  requireAcceptLanguage: boolean;
  /** GET of a deleted plan: the plan with `deletedAt` (default) or 404. */
  deletedGet: 'show' | '404';
  /** PATCH of a deleted plan: 404 (default) or 400. */
  patchDeleted: '404' | '400';
}

export function planRoutes(context: PlanApiContext): Router {
  const item = `${PLANS_PATH}/:id`;
  const guarded = (handler: RequestHandler): RequestHandler => {
    return (request) =>
      (context.requireAcceptLanguage ? missingAcceptLanguage(request, context.errors) : undefined) ??
      handler(request);
  };
  return new Router()
    .on(
      'POST',
      PLANS_PATH,
      guarded((request) => createPlan(context, request)),
    )
    .on(
      'GET',
      PLANS_PATH,
      guarded((request) => listPlans(context, request)),
    )
    .on(
      'GET',
      item,
      guarded((request) => getPlan(context, request)),
    )
    .on(
      'PATCH',
      item,
      guarded((request) => patchPlan(context, request)),
    )
    .on(
      'DELETE',
      item,
      guarded((request) => deletePlan(context, request)),
    );
}

function createPlan(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const read = jsonObjectBody(request, context.errors);
  if (!read.ok) return read.response;
  const check = checkCreate(read.body);
  if (!check.ok) return context.errors.validation(request.path, check.errors);
  // No idempotency key exists (reference §7): every valid POST stores a new plan.
  return { status: 201, body: planView(context.store.create(check.plan)) };
}

function listPlans(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const query = readListQuery(request.query, context.list);
  return { status: 200, body: listPage(context.store.view(), query, context.list) };
}

function getPlan(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const plan = context.store.get(request.params.id ?? '');
  if (plan === undefined || (plan.deletedAt !== null && context.deletedGet === '404')) {
    return notFound(context, request);
  }
  return { status: 200, body: planView(plan) };
}

function patchPlan(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const read = jsonObjectBody(request, context.errors);
  if (!read.ok) return read.response;
  const plan = context.store.get(request.params.id ?? '');
  if (plan === undefined) return notFound(context, request);
  if (plan.deletedAt !== null) return deletedPatch(context, request, plan);
  const check = checkPatch(read.body);
  if (!check.ok) return context.errors.validation(request.path, check.errors);
  const updated = context.store.update(plan.id, check.changes);
  return updated === undefined ? notFound(context, request) : { status: 200, body: planView(updated) };
}

/** Inferred: a second DELETE of the same plan is a 404 (reference §7). */
function deletePlan(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  const plan = context.store.get(request.params.id ?? '');
  if (plan === undefined || plan.deletedAt !== null) return notFound(context, request);
  context.store.softDelete(plan.id);
  return { status: 204 };
}

function deletedPatch(context: PlanApiContext, request: EmulatorRequest, plan: JpmMpsPlan): EmulatorResponse {
  if (context.patchDeleted === '404') return notFound(context, request);
  return context.errors.respond(400, {
    code: 'PLAN_DELETED',
    message: `Subscription plan ${plan.id} is deleted and cannot be updated`,
    path: request.path,
  });
}

function notFound(context: PlanApiContext, request: EmulatorRequest): EmulatorResponse {
  return context.errors.respond(404, {
    code: 'NOT_FOUND',
    message: `Subscription plan ${request.params.id ?? ''} not found`,
    path: request.path,
  });
}
