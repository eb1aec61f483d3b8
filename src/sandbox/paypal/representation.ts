// How a stored plan is shown: the full representation (GET, `Prefer: return=representation`), the
// minimal one (`return=minimal`, PayPal's default), and the HATEOAS links by status (reference §6),
// absolute on the emulator's origin as PayPal's are on its API host.

import type { EmulatorRequest } from '../kit/index.js';
import type { PayPalPlan } from './plan-types.js';

export const PLANS_PATH = '/v1/billing/plans';

export interface Link {
  href: string;
  rel: string;
  method: 'GET' | 'POST' | 'PATCH';
}

/**
 * Inferred: PayPal returns `usage_type` on plans although the 1.6 spec does not list it. The emulator
 * sends it so that clients prove they tolerate members they do not know.
 */
const USAGE_TYPE = 'LICENSED';

function planUrl(origin: string, id: string): string {
  return `${origin}${PLANS_PATH}/${encodeURIComponent(id)}`;
}

/** ACTIVE: self, edit, deactivate, edit (pricing). Inferred: CREATED/INACTIVE offer activate instead. */
function planLinks(origin: string, plan: Pick<PayPalPlan, 'id' | 'status'>): Link[] {
  const self = planUrl(origin, plan.id);
  const toggle: Link =
    plan.status === 'ACTIVE'
      ? { href: `${self}/deactivate`, rel: 'deactivate', method: 'POST' }
      : { href: `${self}/activate`, rel: 'activate', method: 'POST' };
  return [
    { href: self, rel: 'self', method: 'GET' },
    { href: self, rel: 'edit', method: 'PATCH' },
    toggle,
    { href: `${self}/update-pricing-schemes`, rel: 'edit', method: 'POST' },
  ];
}

export function fullView(origin: string, plan: PayPalPlan): Record<string, unknown> {
  return {
    id: plan.id,
    product_id: plan.product_id,
    name: plan.name,
    status: plan.status,
    ...(plan.description !== undefined && { description: plan.description }),
    usage_type: USAGE_TYPE,
    billing_cycles: plan.billing_cycles,
    payment_preferences: plan.payment_preferences,
    ...(plan.taxes !== undefined && { taxes: plan.taxes }),
    quantity_supported: plan.quantity_supported,
    create_time: plan.create_time,
    update_time: plan.update_time,
    links: planLinks(origin, plan),
  };
}

/**
 * The minimal representation. The spec says it "includes the id, status and HATEOAS links"; inferred:
 * like PayPal's list items (reference §5.1) it also names the product, the plan and its creation time.
 * List items carry only their `self` link (as in the reference's example); a create answer carries the
 * links by status.
 */
export function minimalView(
  origin: string,
  plan: PayPalPlan,
  links: 'self' | 'all',
): Record<string, unknown> {
  const all = planLinks(origin, plan);
  return {
    id: plan.id,
    product_id: plan.product_id,
    name: plan.name,
    status: plan.status,
    ...(plan.description !== undefined && { description: plan.description }),
    usage_type: USAGE_TYPE,
    create_time: plan.create_time,
    links: links === 'self' ? all.slice(0, 1) : all,
  };
}

/** `Prefer: return=representation` (possibly among other preferences); anything else is minimal. */
export function wantsRepresentation(request: EmulatorRequest): boolean {
  const header = request.headers.prefer;
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(/[,;]/)
    .map((preference) => preference.trim().toLowerCase())
    .includes('return=representation');
}
