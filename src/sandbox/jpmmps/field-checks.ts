// Checks on single body members, collecting every problem as a `{ field, message }` rather than
// stopping at the first, so one 400 names all fields at fault. Types are strict JSON types: a number
// sent as a string is refused (inferred; the samples always send numbers).

import { isIsoCurrency } from './currencies.js';
import type { FieldError } from './errors.js';
import { DURATION_UNITS, type JpmMpsUnit } from './plan-types.js';

/** Double 18.2: at most 16 integer digits and 2 decimals (reference §3). */
const MAX_AMOUNT = 1e16;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface CheckOptions {
  /**
   * On create an explicit null reads as "not sent" (inferred); on PATCH it is refused, because clearing
   * a member (say the trial) is not expressible (reference §4.4).
   */
  nullIsAbsent: boolean;
}

export class FieldChecks {
  readonly errors: FieldError[] = [];
  readonly #nullIsAbsent: boolean;

  constructor(options: CheckOptions) {
    this.#nullIsAbsent = options.nullIsAbsent;
  }

  add(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** True when the member was not sent (or sent as null where that means the same). */
  absent(raw: unknown): boolean {
    return raw === undefined || (raw === null && this.#nullIsAbsent);
  }

  #present(raw: unknown, field: string, required: boolean): boolean {
    if (raw === null && !this.#nullIsAbsent) return this.add(field, `${field} must not be null`) ?? false;
    if (!this.absent(raw)) return true;
    if (required) this.add(field, `${field} is required`);
    return false;
  }

  /** Inferred: required text must not be blank; every text member is at most `max` characters. */
  string(raw: unknown, field: string, options: { required: boolean; max: number }): string | undefined {
    if (!this.#present(raw, field, options.required)) return undefined;
    if (typeof raw !== 'string') return this.add(field, `${field} must be a string`);
    if (options.required && raw.trim() === '') return this.add(field, `${field} must not be blank`);
    if (raw.length > options.max)
      return this.add(field, `${field} must be at most ${options.max} characters`);
    return raw;
  }

  integer(
    raw: unknown,
    field: string,
    options: { required: boolean; min: number; max: number; excluded?: readonly number[] },
  ): number | undefined {
    if (!this.#present(raw, field, options.required)) return undefined;
    if (typeof raw !== 'number' || !Number.isInteger(raw)) {
      return this.add(field, `${field} must be an integer`);
    }
    if (raw < options.min || raw > options.max) {
      return this.add(field, `${field} must be between ${options.min} and ${options.max}`);
    }
    if (options.excluded?.includes(raw) === true) return this.add(field, `${field} must not be ${raw}`);
    return raw;
  }

  /** A JSON number > 0 with at most 2 decimals (inferred: zero and negative amounts are refused). */
  amount(raw: unknown, field: string, required: boolean): number | undefined {
    if (!this.#present(raw, field, required)) return undefined;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return this.add(field, `${field} must be a number`);
    if (raw <= 0) return this.add(field, `${field} must be greater than 0`);
    if (raw >= MAX_AMOUNT) return this.add(field, `${field} must have at most 16 integer digits`);
    if (decimals(raw) > 2) return this.add(field, `${field} must have at most 2 decimal places`);
    return raw;
  }

  currency(raw: unknown, field: string, required: boolean): string | undefined {
    if (!this.#present(raw, field, required)) return undefined;
    if (typeof raw !== 'string' || !isIsoCurrency(raw)) {
      return this.add(field, `${field} must be an ISO 4217 currency code`);
    }
    return raw;
  }

  unit(raw: unknown, field: string, required: boolean): JpmMpsUnit | undefined {
    if (!this.#present(raw, field, required)) return undefined;
    if (typeof raw !== 'string' || !(DURATION_UNITS as readonly string[]).includes(raw)) {
      return this.add(field, `${field} must be one of ${DURATION_UNITS.join(', ')}`);
    }
    return raw as JpmMpsUnit;
  }

  boolean(raw: unknown, field: string): boolean | undefined {
    if (!this.#present(raw, field, false)) return undefined;
    return typeof raw === 'boolean' ? raw : this.add(field, `${field} must be a boolean`);
  }
}

/** Decimal places of a number as JavaScript writes it shortest (90.99 → 2, 1e-7 → 7). */
function decimals(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent !== null) return Number(exponent[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}
