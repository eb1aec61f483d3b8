// PayPal's wire shapes and checks of what it returns, so a malformed answer is an error naming the
// endpoint and field, never a wrong plan.

import {
  checkShape,
  invalidResponse,
  nullable,
  optional,
  type ResponseSource,
  type Shape,
} from '../response-shape.js';

export interface PayPalPlan {
  id: string;
  product_id?: string;
  name?: string;
  status?: 'CREATED' | 'ACTIVE' | 'INACTIVE';
  billing_cycles?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export interface PayPalPlanList {
  plans: PayPalPlan[];
  total_items?: number;
  total_pages?: number;
  links?: Array<{ rel: string; href: string }>;
}

// Checked exactly as PayPal's OpenAPI document (Subscriptions v1, spec 1.6) writes plans: a field its
// schemas list as `required` is required here, every other field may be missing (null there counts as
// missing), enums are its enums and decimals its patterns. The `plan` schema itself requires nothing,
// since a minimal representation carries only id, status and links; plansync requires a few of its
// fields anyway, each marked "plansync's own" below with the reason it cannot work without it.

const STATUS = { enum: ['CREATED', 'ACTIVE', 'INACTIVE'] } as const;

/**
 * A decimal string as the document writes it: `money.value` and `percentage` follow
 * `^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$` (".5" and "-.7" included), tier quantities the same without
 * a sign. Never a JSON number: a parsed number may already have lost digits.
 */
const SIGNED_DECIMAL = /^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$/;
const UNSIGNED_DECIMAL = /^([0-9]+|([0-9]+)?[.][0-9]+)$/;
function decimalString(pattern: RegExp, maxLength: number | undefined, expected: string): Shape {
  return {
    test: (v) =>
      typeof v === 'string' && pattern.test(v) && (maxLength === undefined || v.length <= maxLength),
    expected,
  };
}
const amount = decimalString(
  SIGNED_DECIMAL,
  32,
  'a decimal string such as "19.99" or ".5", at most 32 characters',
);
const quantity = decimalString(
  UNSIGNED_DECIMAL,
  32,
  'a decimal string of 0 or more such as "10" or ".5", at most 32 characters',
);
const percentage = decimalString(SIGNED_DECIMAL, undefined, 'a decimal string such as "19.99" or ".5"');

/** `money`: both fields required. */
const money: Shape = {
  object: {
    currency_code: {
      test: (v) => typeof v === 'string' && v.length === 3,
      expected: 'a 3-letter currency code',
    },
    value: amount,
  },
};
/** `billing_cycle`: frequency, tenure_type and sequence required; `frequency`: interval_unit. */
const cycle: Shape = {
  object: {
    sequence: 'integer',
    tenure_type: { enum: ['TRIAL', 'REGULAR'] },
    frequency: {
      object: {
        interval_unit: { enum: ['DAY', 'WEEK', 'MONTH', 'YEAR'] },
        interval_count: nullable('integer'),
      },
    },
    total_cycles: nullable('integer'),
    pricing_scheme: nullable({
      object: {
        fixed_price: nullable(money),
        pricing_model: nullable({ enum: ['VOLUME', 'TIERED'] }),
        // `pricing_tier`: starting_quantity and amount required.
        tiers: nullable({
          array: {
            object: { starting_quantity: quantity, ending_quantity: nullable(quantity), amount: money },
          },
        }),
      },
    }),
  },
};
const id: Shape = { test: (v) => typeof v === 'string' && v !== '', expected: 'a plan id' };

/** A minimal representation: the id, and the status where given. */
const SUMMARY: Shape = { object: { id, status: optional(STATUS) } };

/** Everything plansync compares (see mapping.toAttrs); other fields are not read. */
const FULL: Shape = {
  object: {
    // plansync's own: every read, match and write addresses the plan by it.
    id,
    // plansync's own: the natural key. A plan read without them would match no YAML plan, and the
    // plan would create a duplicate of it.
    product_id: 'string',
    name: 'string',
    // plansync's own: whether a plan may be patched, and which of activate or deactivate applies,
    // depend on it; guessing PayPal's create default could activate or patch an INACTIVE plan.
    status: STATUS,
    description: nullable('string'),
    quantity_supported: nullable('boolean'),
    // plansync's own: a plan has 1 to 12 (create requires them), a full representation carries them,
    // and reading none would plan every declared cycle as a change needing a new plan.
    billing_cycles: { array: cycle },
    payment_preferences: nullable({
      object: {
        auto_bill_outstanding: nullable('boolean'),
        payment_failure_threshold: nullable('integer'),
        setup_fee: nullable(money),
        setup_fee_failure_action: nullable({ enum: ['CONTINUE', 'CANCEL'] }),
      },
    }),
    // `taxes`: percentage required.
    taxes: nullable({ object: { percentage, inclusive: nullable('boolean') } }),
  },
};

/** `plan_collection` requires nothing; `link_description` requires href and rel. */
const LIST: Shape = {
  object: {
    plans: optional({ array: SUMMARY }),
    total_items: optional('integer'),
    total_pages: optional('integer'),
    links: optional({ array: { object: { rel: 'string', href: 'string' } } }),
  },
};

/** A plan with at least its id (a minimal representation). */
export function checkPlanSummary(value: unknown, source: ResponseSource, where = 'plan'): PayPalPlan {
  return checkShape<PayPalPlan>(source, value, SUMMARY, where);
}

/**
 * Whether a checked plan came as a full representation. A minimal one has no `billing_cycles` at all;
 * one that has them, of whatever type, is checked as full (and refused if they are wrong).
 */
export function isFull(plan: PayPalPlan): boolean {
  return plan.billing_cycles !== undefined;
}

export function checkFullPlan(value: unknown, source: ResponseSource, where = 'plan'): PayPalPlan {
  const plan = checkShape<PayPalPlan>(source, value, FULL, where);
  if (plan.billing_cycles?.length === 0) throw invalidResponse(source, `${where}.billing_cycles`, 'is empty');
  return plan;
}

export function checkPlanList(value: unknown, source: ResponseSource): PayPalPlanList {
  const list = checkShape<Partial<PayPalPlanList>>(source, value, LIST);
  return {
    plans: list.plans ?? [],
    ...(list.total_items !== undefined && { total_items: list.total_items }),
    ...(list.total_pages !== undefined && { total_pages: list.total_pages }),
    ...(list.links !== undefined && { links: list.links }),
  };
}

/** PayPal's REST error (`name`, `message`, `details[].issue`) or OAuth error (`error`, `error_description`). */
export function describePayPalError(
  _status: number,
  body: unknown,
): { code?: string; message: string } | undefined {
  const error = body as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return undefined;
  if (typeof error.error === 'string') {
    return { code: error.error, message: String(error.error_description ?? error.error) };
  }
  if (typeof error.name !== 'string') return undefined;
  const details = Array.isArray(error.details) ? (error.details as Array<Record<string, unknown>>) : [];
  const issues = details.map((d) => `${String(d.issue)}${d.description ? `: ${String(d.description)}` : ''}`);
  const debug = typeof error.debug_id === 'string' ? ` (debug_id ${error.debug_id})` : '';
  return {
    code: error.name,
    message: `${issues.length > 0 ? issues.join('; ') : String(error.message ?? '')}${debug}`,
  };
}
