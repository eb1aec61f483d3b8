// A Constant Contact connection's options. The plan types a partner may pick are those enabled in its
// partner plan group, which the API cannot list, so the connection declares them (`plan_types`) and
// every plan's `plan_type` is checked against them before any request. `token_url` moves the partner
// token endpoint (a sandbox, or a partner on another authorisation server).

import { checkServiceUrl } from '../../config/base-url.js';
import { found, quote } from '../../config/describe-value.js';
import { caseHint } from '../../config/expected-words.js';
import type { OptionsParser, RuleFinding } from '../rules.js';

export interface ConstantContactOptions {
  /** The plan types enabled in the partner's plan group, as listed (at least one). */
  plan_types: string[];
  /** The partner token endpoint; absent: the documented one (or the sandbox's, off Constant Contact's host). */
  token_url?: string;
}

/** Same pattern as `plan_type` in `schemas/constantcontact.plans.schema.json`. */
const PLAN_TYPE = /^[A-Z][A-Z0-9_]*$/;
const PLAN_TYPE_WORDS = 'an uppercase plan type like GOLD (letters, digits and `_`)';
const URL_WORDS = 'an http:// or https:// URL';

/** The connection's plan types when `plan_types` is valid; undefined when it is missing or broken. */
function enabledPlanTypes(list: unknown): string[] | undefined {
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

export const constantcontactOptions: OptionsParser<ConstantContactOptions> = {
  keys: {
    plan_types:
      'required: the plan types enabled in your partner plan group, e.g. `[TRIAL, BRONZE, SILVER, GOLD]`; every plan_type is checked against them',
    token_url:
      'the partner token endpoint; defaults to the documented one for api.cc.email and to `/partner-token` on the host of any other base URL, such as a sandbox',
  },
  parse({ options }) {
    const planTypes = Object.hasOwn(options, 'plan_types') ? options.plan_types : undefined;
    const tokenUrl = Object.hasOwn(options, 'token_url') ? options.token_url : undefined;
    const findings = planTypesFindings(planTypes);
    const token = tokenUrlFinding(tokenUrl);
    if (token) findings.push(token);
    // Plan types that could be read still check the plans, whatever else is wrong here.
    const enabled = enabledPlanTypes(planTypes);
    if (enabled === undefined) return { findings };
    return {
      options: {
        plan_types: enabled,
        ...(typeof tokenUrl === 'string' && token === undefined && { token_url: tokenUrl }),
      },
      findings,
    };
  },
};
