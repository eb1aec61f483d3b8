// Constant Contact's rules (providers/constantcontact.md): the plan types a partner may pick are those
// enabled in its partner plan group, which the API cannot list, so the connection declares them
// (`options.plan_types`) and every plan's `plan_type` is checked against them before any request.
// An entry manages one client account (`encoded_account_id`) or a group (`encoded_account_ids`).
// Documented standard key quotas: 4 requests per second and 10,000 per day.

import { checkServiceUrl } from '../../config/base-url.js';
import { found, quote } from '../../config/describe-value.js';
import { didYouMean } from '../../config/did-you-mean.js';
import { caseHint } from '../../config/expected-words.js';
import type { ConnectionRuleInput, PlanRuleInput, ProviderRules, RuleFinding } from '../rules.js';

/** Same pattern as `plan_type` in `schemas/constantcontact.plans.schema.json`. */
const PLAN_TYPE = /^[A-Z][A-Z0-9_]*$/;
const PLAN_TYPE_WORDS = 'an uppercase plan type like GOLD (letters, digits and `_`)';
const TRIAL = 'TRIAL';
const URL_WORDS = 'an http:// or https:// URL';

export const CONSTANTCONTACT_OPTIONS = ['plan_types', 'token_url'] as const;

/** The connection's plan types when `plan_types` is valid; undefined when it is missing or broken. */
function enabledPlanTypes(options: Readonly<Record<string, unknown>>): string[] | undefined {
  const list = Object.hasOwn(options, 'plan_types') ? options.plan_types : undefined;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const types = list.filter((item): item is string => typeof item === 'string' && PLAN_TYPE.test(item));
  return types.length === list.length ? types : undefined;
}

function planTypesFindings(list: unknown): RuleFinding[] {
  const at = ['options', 'plan_types'];
  if (list === undefined) {
    return [
      {
        at,
        target: 'parent',
        message: 'missing required option `plan_types`: the plan types enabled in your partner plan group',
        hint: 'list them, e.g. `plan_types: [TRIAL, BRONZE, SILVER, GOLD]`; Constant Contact rejects any other plan_type',
      },
    ];
  }
  if (!Array.isArray(list)) {
    return [{ at, message: `expected a list of plan types, ${found(list)}` }];
  }
  if (list.length === 0) {
    return [
      {
        at,
        message: 'expected at least 1 plan type, got none',
        hint: 'list the plan types enabled in your partner plan group, e.g. `[TRIAL, BRONZE, SILVER, GOLD]`',
      },
    ];
  }
  const findings: RuleFinding[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((item: unknown, index) => {
    const here = [...at, index];
    if (typeof item !== 'string' || !PLAN_TYPE.test(item)) {
      const hint = caseHint(item, PLAN_TYPE.source);
      findings.push({
        at: here,
        message: `expected ${PLAN_TYPE_WORDS}, ${found(item)}`,
        ...(hint && { hint }),
      });
      return;
    }
    const first = firstIndex.get(item);
    if (first === undefined) firstIndex.set(item, index);
    else
      findings.push({
        at: here,
        message: `plan type ${quote(item)} is listed twice (also at options.plan_types[${first}])`,
        hint: 'list each plan type once',
      });
  });
  return findings;
}

function tokenUrlFinding(value: unknown): RuleFinding | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^https?:\/\//.test(value) || !URL.canParse(value)) {
    return {
      at: ['options', 'token_url'],
      message: `expected ${URL_WORDS}, ${found(value)}`,
      hint: 'the partner token endpoint, e.g. https://authz.constantcontact.com/partners/oauth2/default/v1/token',
    };
  }
  // The partner secret goes there: the same TLS rule as a base URL.
  const verdict = checkServiceUrl(value);
  if (verdict.ok) return undefined;
  return { at: ['options', 'token_url'], message: `refusing ${verdict.reason}`, hint: verdict.hint };
}

function connectionRules({ options }: ConnectionRuleInput): RuleFinding[] {
  const findings = planTypesFindings(Object.hasOwn(options, 'plan_types') ? options.plan_types : undefined);
  const token = tokenUrlFinding(Object.hasOwn(options, 'token_url') ? options.token_url : undefined);
  if (token) findings.push(token);
  return findings;
}

function planRules({ fields, connection }: PlanRuleInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const planType = fields.plan_type;
  // A broken `plan_types` is reported on the connection; checking against it would only add noise.
  const enabled = enabledPlanTypes(connection.options);
  if (typeof planType === 'string' && enabled && !enabled.includes(planType)) {
    findings.push({
      at: ['plan_type'],
      message: `plan_type ${quote(planType)} is not enabled for connection \`${connection.name}\`: its plan group has ${enabled.join(', ')}`,
      hint:
        didYouMean(planType, enabled) ??
        "Constant Contact rejects plan types outside the partner plan group (400); if yours has it, add it to the connection's `options.plan_types`",
    });
  }
  if (planType === TRIAL && fields.billing_day_of_month !== undefined) {
    findings.push({
      at: ['billing_day_of_month'],
      message: 'billing_day_of_month cannot be set with plan_type TRIAL: a trial account has no billing day',
      hint: 'the billing day is set by the change that leaves TRIAL; remove it, or pick a paid plan_type',
    });
  }
  if (planType === TRIAL && fields.billing_status === 'Open') {
    findings.push({
      at: ['billing_status'],
      message:
        'billing_status Open cannot go with plan_type TRIAL: an account becomes Open by leaving TRIAL, and TRIAL cannot reactivate a canceled account',
      hint: 'pick a paid plan_type, or remove billing_status',
    });
  }
  return findings;
}

export const constantcontactRules: ProviderRules = {
  plan: planRules,
  connectionOptions: CONSTANTCONTACT_OPTIONS,
  connection: connectionRules,
  connectionDefaults: { requestsPerSecond: 4, dailyBudget: 10_000 },
  idListField: 'encoded_account_ids',
};
