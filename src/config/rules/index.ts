// Registry of provider-specific rules, keyed by provider id. A provider contributes rules, connection
// options, documented quotas and id groups by adding `src/config/rules/<id>.ts` (exporting a
// `ProviderRules`) and one line here; providers without an entry get only the generic checks.

import { bluesnapRules } from '../../providers/bluesnap/rules.js';
import { constantcontactRules } from '../../providers/constantcontact/rules.js';
import { jpmmpsRules } from '../../providers/jpmmps/rules.js';
import { paypalRules } from '../../providers/paypal/rules.js';
import type { ProviderRules } from '../../providers/rules.js';

const RULES: Readonly<Record<string, ProviderRules>> = {
  bluesnap: bluesnapRules,
  constantcontact: constantcontactRules,
  jpmmps: jpmmpsRules,
  paypal: paypalRules,
};

export function rulesFor(providerId: string): ProviderRules | undefined {
  return Object.hasOwn(RULES, providerId) ? RULES[providerId] : undefined;
}

export function providersWithRules(): string[] {
  return Object.keys(RULES).sort();
}

export type {
  ConnectionDefaults,
  ConnectionRuleInput,
  PlanRuleInput,
  ProviderRules,
  RuleConnection,
  RuleFinding,
} from '../../providers/rules.js';
