// The emulator's own types for J.P. Morgan MPS subscription plans, in wire form (reference §3). They are
// deliberately not shared with plansync's provider code: the emulator plays the provider, and a shared
// type would let a misreading of the API agree with itself instead of failing a test.

/** Trial and billing units; lower case in every sample. Week is not a unit (reference §3). */
export const DURATION_UNITS = ['day', 'month', 'year'] as const;
export type JpmMpsUnit = (typeof DURATION_UNITS)[number];

/** A stored plan, exactly as GET answers it; members in the order of the reference's example. */
export interface JpmMpsPlan {
  /** `SubscriptionPlan-<UUID v4>`. */
  id: string;
  /** `yyyy-MM-dd'T'HH:mm:ss.SS'Z'`, e.g. `2021-03-17T17:18:53.01Z`. */
  createdAt: string;
  updatedAt: string;
  /** null until the plan is (soft-)deleted. */
  deletedAt: string | null;
  name: string;
  description: string;
  recurrentAmount: number;
  currencyIsoCode: string;
  trialDurationPeriod: number | null;
  trialDurationUnit: JpmMpsUnit | null;
  billingOccurrence: number;
  billingUnit: JpmMpsUnit;
  billingCycles: number;
  prepaid: boolean;
  /** Inferred: null when never sent (the response table lists it as always present). */
  merchantMetadata: string | null;
}

/** What a valid create body becomes before the store gives it an id and timestamps. */
export type NewPlan = Omit<JpmMpsPlan, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

/** The members a PATCH may change (reference §4.4); `prepaid` is not among them. */
export type PlanChanges = Partial<
  Pick<
    JpmMpsPlan,
    | 'name'
    | 'description'
    | 'recurrentAmount'
    | 'currencyIsoCode'
    | 'trialDurationPeriod'
    | 'trialDurationUnit'
    | 'billingOccurrence'
    | 'billingUnit'
    | 'billingCycles'
    | 'merchantMetadata'
  >
>;

/**
 * A plan as seeds and `setPlan` take it: the stored shape, where server-managed timestamps and the
 * optional members may be left out (the emulator's clock, `deletedAt: null`, `prepaid: true` and null
 * trial / metadata fill them in).
 */
export interface JpmMpsPlanInput extends Omit<
  JpmMpsPlan,
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
  | 'prepaid'
  | 'trialDurationPeriod'
  | 'trialDurationUnit'
  | 'merchantMetadata'
> {
  createdAt?: string;
  updatedAt?: string;
  deletedAt?: string | null;
  prepaid?: boolean;
  trialDurationPeriod?: number | null;
  trialDurationUnit?: JpmMpsUnit | null;
  merchantMetadata?: string | null;
}

/** The plan as it goes on the wire: a copy with the members in the documented order. */
export function planView(plan: JpmMpsPlan): JpmMpsPlan {
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    deletedAt: plan.deletedAt,
    name: plan.name,
    description: plan.description,
    recurrentAmount: plan.recurrentAmount,
    currencyIsoCode: plan.currencyIsoCode,
    trialDurationPeriod: plan.trialDurationPeriod,
    trialDurationUnit: plan.trialDurationUnit,
    billingOccurrence: plan.billingOccurrence,
    billingUnit: plan.billingUnit,
    billingCycles: plan.billingCycles,
    prepaid: plan.prepaid,
    merchantMetadata: plan.merchantMetadata,
  };
}
