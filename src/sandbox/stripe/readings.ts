// Where the reference could only infer Stripe's behaviour (reference §16), the emulator plays either
// reading, so plansync can be tested against both. Each default is the reference's preferred reading.

export interface StripeReadings {
  /** `GET /v1/prices` without `active`: active prices only (the SDK comment, default) or all (§16.3). */
  pricesListDefault: 'active-only' | 'all';
  /** `tiers` and `currency_options` in price answers only when expanded (default, §16.7) or always. */
  tiersWhenListed: 'expand-only' | 'always';
  /**
   * An immutable parameter sent to `POST /v1/prices/{id}`: refused as `parameter_unknown` (default,
   * §16.1), or silently ignored with a 200 — the failure plansync's verified writes must catch.
   */
  immutableUpdate: 'reject' | 'ignore';
  /** Code of the 400 for a duplicate product id: `resource_already_exists` (default, §16.2) or none. */
  duplicateProductCode: 'resource_already_exists' | 'none';
  /** Whether `lookup_keys[]` finds archived prices (default true, §16.4). */
  lookupKeysFindArchived: boolean;
}

export const DEFAULT_READINGS: StripeReadings = {
  pricesListDefault: 'active-only',
  tiersWhenListed: 'expand-only',
  immutableUpdate: 'reject',
  duplicateProductCode: 'resource_already_exists',
  lookupKeysFindArchived: true,
};
