// Update Pricing (reference §5.6): new schemes for existing billing cycles, in the plan's currency and
// of the same type as before (fixed stays fixed, tiered stays tiered). Each touched scheme's `version`
// goes up by one and its `update_time` moves; nothing changes unless every item is valid.

import type { EmulatorResponse, JsonParseResult } from '../kit/index.js';
import {
  ALTERNATE_DESCRIPTIONS,
  type PayPalErrorDetail,
  detail,
  errorResponse,
  validationFailure,
} from './errors.js';
import { FieldChecker, PRICING_VOCABULARY, isObject } from './field-checks.js';
import { planCurrency } from './patch-rules.js';
import type { PayPalPlan, PricingSchemeInput } from './plan-types.js';
import { isFreeScheme, parsePricingScheme, pricingSchemeIssues, schemeAmounts } from './pricing-rules.js';

export type PricingCheck = { ok: true; plan: PayPalPlan } | { ok: false; response: EmulatorResponse };

interface PricingItem {
  sequence: number;
  scheme: PricingSchemeInput;
  field: string;
}

export function checkPricingUpdate(plan: PayPalPlan, json: JsonParseResult, now: string): PricingCheck {
  if (json.kind === 'invalid') {
    return { ok: false, response: errorResponse(400, [detail('MALFORMED_REQUEST_JSON', { field: '/' })]) };
  }
  const check = new FieldChecker(PRICING_VOCABULARY);
  const body = json.kind === 'empty' ? {} : json.value;
  const items = isObject(body)
    ? parseItems(body.pricing_schemes, check)
    : check.add('INVALID_PARAMETER_VALUE', '/');
  if (check.details.length > 0 || items === undefined) {
    return { ok: false, response: errorResponse(400, check.details) };
  }

  const failure = validationFailure([], businessIssues(plan, items));
  if (failure !== undefined) return { ok: false, response: failure };
  const updated = structuredClone(plan);
  for (const item of items) {
    const cycle = updated.billing_cycles.find((candidate) => candidate.sequence === item.sequence);
    const old = cycle?.pricing_scheme;
    if (cycle === undefined || old === undefined) continue;
    cycle.pricing_scheme = {
      ...item.scheme,
      version: old.version + 1,
      create_time: old.create_time,
      update_time: now,
    };
  }
  return { ok: true, plan: updated };
}

function parseItems(raw: unknown, check: FieldChecker): PricingItem[] | undefined {
  const list = check.array(raw, '/pricing_schemes', { required: true, min: 1, max: 99 });
  if (list === undefined) return undefined;
  const items: PricingItem[] = [];
  const seen = new Set<number>();
  list.forEach((rawItem, index) => {
    const field = `/pricing_schemes/${index}`;
    const item = check.object(rawItem, field, { required: true });
    if (item === undefined) return;
    const sequence = check.integer(item.billing_cycle_sequence, `${field}/billing_cycle_sequence`, {
      required: true,
      min: 1,
      max: 99,
    });
    const scheme = parsePricingScheme(item.pricing_scheme, `${field}/pricing_scheme`, check, {
      required: true,
    });
    if (sequence === undefined || scheme === undefined) return;
    // Inferred: two schemes for one cycle in a request is ambiguous, so it is refused as a bad value.
    if (seen.has(sequence)) {
      check.add('INVALID_PARAMETER_VALUE', `${field}/billing_cycle_sequence`, sequence);
      return;
    }
    seen.add(sequence);
    items.push({ sequence, scheme, field: `${field}/pricing_scheme` });
  });
  return items;
}

function businessIssues(plan: PayPalPlan, items: readonly PricingItem[]): PayPalErrorDetail[] {
  // Inferred: an INACTIVE plan's prices are frozen like its other fields; the spec's issue for this
  // operation is PRICING_SCHEME_UPDATE_NOT_ALLOWED (PLAN_STATUS_INACTIVE is listed for PATCH only).
  if (plan.status === 'INACTIVE')
    return [detail('PRICING_SCHEME_UPDATE_NOT_ALLOWED', { field: '/pricing_schemes' })];
  const currency = planCurrency(plan);
  const issues: PayPalErrorDetail[] = [];
  for (const item of items) {
    const cycle = plan.billing_cycles.find((candidate) => candidate.sequence === item.sequence);
    const sequenceField = item.field.replace(/\/pricing_scheme$/, '/billing_cycle_sequence');
    if (cycle === undefined) {
      issues.push(
        detail('INVALID_BILLING_CYCLE_SEQUENCE', {
          field: sequenceField,
          value: item.sequence,
          description: ALTERNATE_DESCRIPTIONS.pricingSequence,
        }),
      );
      continue;
    }
    // Inferred (reference §5.6): a free cycle cannot be given a price, nor a priced one made free.
    if (cycle.pricing_scheme === undefined || isFreeScheme(item.scheme)) {
      issues.push(detail('PRICING_SCHEME_UPDATE_NOT_ALLOWED', { field: item.field }));
      continue;
    }
    issues.push(...pricingSchemeIssues(item.scheme, cycle.tenure_type, item.field));
    const wasTiered = cycle.pricing_scheme.tiers !== undefined;
    const isTiered = item.scheme.tiers !== undefined;
    if (wasTiered !== isTiered) issues.push(detail('INVALID_PRICING_SCHEME', { field: item.field }));
    const foreign = schemeAmounts(item.scheme, item.field).find(
      ({ money }) => money.currency_code !== currency,
    );
    if (foreign !== undefined) {
      issues.push(
        detail('CURRENCY_MISMATCH', {
          field: `${foreign.field}/currency_code`,
          value: foreign.money.currency_code,
          description: ALTERNATE_DESCRIPTIONS.pricingCurrency,
        }),
      );
    }
  }
  return issues;
}
