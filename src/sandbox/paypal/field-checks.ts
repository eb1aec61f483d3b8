// Shape checks for request bodies: JSON types, lengths, ranges, enums, money. Each failure becomes a
// detail with the field's JSON Pointer. Operations word the same failure differently (create has
// INVALID_STRING_MAX_LENGTH, PATCH only INVALID_PARAMETER_VALUE, update-pricing not even
// INVALID_PARAMETER_SYNTAX), so a checker carries its operation's vocabulary, taken from the spec's
// per-operation 400 issue lists.

import { minorUnits } from './currencies.js';
import { fractionDigits, isNegative, parseDecimal, SIGNED_DECIMAL } from './decimal.js';
import { type PayPalErrorDetail, type PayPalIssue, detail } from './errors.js';
import type { PayPalMoney } from './plan-types.js';

export interface Vocabulary {
  missing: PayPalIssue;
  /** Wrong JSON type or a value that does not match its pattern. */
  syntax: PayPalIssue;
  minLength: PayPalIssue;
  maxLength: PayPalIssue;
  minValue: PayPalIssue;
  maxValue: PayPalIssue;
}

export const CREATE_VOCABULARY: Vocabulary = {
  missing: 'MISSING_REQUIRED_PARAMETER',
  syntax: 'INVALID_PARAMETER_SYNTAX',
  minLength: 'INVALID_STRING_MIN_LENGTH',
  maxLength: 'INVALID_STRING_MAX_LENGTH',
  minValue: 'INVALID_INTEGER_MIN_VALUE',
  maxValue: 'INVALID_INTEGER_MAX_VALUE',
};

export const PATCH_VOCABULARY: Vocabulary = {
  missing: 'INVALID_PARAMETER_VALUE',
  syntax: 'INVALID_PARAMETER_SYNTAX',
  minLength: 'INVALID_PARAMETER_VALUE',
  maxLength: 'INVALID_PARAMETER_VALUE',
  minValue: 'INVALID_PARAMETER_VALUE',
  maxValue: 'INVALID_PARAMETER_VALUE',
};

export const PRICING_VOCABULARY: Vocabulary = {
  missing: 'MISSING_REQUIRED_PARAMETER',
  syntax: 'INVALID_PARAMETER_VALUE',
  minLength: 'INVALID_PARAMETER_VALUE',
  maxLength: 'INVALID_PARAMETER_VALUE',
  minValue: 'INVALID_PARAMETER_VALUE',
  maxValue: 'INVALID_PARAMETER_VALUE',
};

export type JsonObject = Record<string, unknown>;

interface Presence {
  required?: boolean;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Inferred: a JSON null is read as an absent member, as PayPal's Java stack deserialises it. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export class FieldChecker {
  readonly details: PayPalErrorDetail[] = [];

  constructor(readonly vocabulary: Vocabulary) {}

  add(issue: PayPalIssue, field: string, value?: unknown): undefined {
    const scalar = typeof value === 'object' ? undefined : value;
    this.details.push(detail(issue, { field, value: scalar }));
    return undefined;
  }

  #absent(raw: unknown, field: string, options: Presence): raw is undefined | null {
    if (!isAbsent(raw)) return false;
    if (options.required === true) this.add(this.vocabulary.missing, field);
    return true;
  }

  object(raw: unknown, field: string, options: Presence = {}): JsonObject | undefined {
    if (this.#absent(raw, field, options)) return undefined;
    return isObject(raw) ? raw : this.add(this.vocabulary.syntax, field);
  }

  array(
    raw: unknown,
    field: string,
    options: Presence & { min: number; max: number },
  ): unknown[] | undefined {
    if (this.#absent(raw, field, options)) return undefined;
    if (!Array.isArray(raw)) return this.add(this.vocabulary.syntax, field);
    // Inferred: the spec's 400 lists have no array-size issue, so a wrong item count is a bad value.
    if (raw.length < options.min || raw.length > options.max) {
      return this.add('INVALID_PARAMETER_VALUE', field, String(raw.length));
    }
    return raw;
  }

  string(
    raw: unknown,
    field: string,
    options: Presence & { min?: number; max?: number; pattern?: RegExp },
  ): string | undefined {
    if (this.#absent(raw, field, options)) return undefined;
    if (typeof raw !== 'string') return this.add(this.vocabulary.syntax, field, raw);
    if (options.min !== undefined && raw.length < options.min) {
      return this.add(this.vocabulary.minLength, field, raw);
    }
    if (options.max !== undefined && raw.length > options.max) {
      return this.add(this.vocabulary.maxLength, field, raw);
    }
    if (options.pattern !== undefined && !options.pattern.test(raw)) {
      return this.add(this.vocabulary.syntax, field, raw);
    }
    return raw;
  }

  integer(raw: unknown, field: string, options: Presence & { min: number; max: number }): number | undefined {
    if (this.#absent(raw, field, options)) return undefined;
    if (typeof raw !== 'number' || !Number.isInteger(raw))
      return this.add(this.vocabulary.syntax, field, raw);
    if (raw < options.min) return this.add(this.vocabulary.minValue, field, raw);
    if (raw > options.max) return this.add(this.vocabulary.maxValue, field, raw);
    return raw;
  }

  boolean(raw: unknown, field: string, options: Presence = {}): boolean | undefined {
    if (this.#absent(raw, field, options)) return undefined;
    return typeof raw === 'boolean' ? raw : this.add(this.vocabulary.syntax, field, raw);
  }

  /** Enum members are `^[A-Z_]+$` in the spec: other text is bad syntax, an unknown word a bad value. */
  oneOf<T extends string>(
    raw: unknown,
    field: string,
    allowed: readonly T[],
    options: Presence = {},
  ): T | undefined {
    const text = this.string(raw, field, { ...options, min: 1, max: 24, pattern: /^[A-Z_]+$/ });
    if (text === undefined) return undefined;
    return (allowed as readonly string[]).includes(text)
      ? (text as T)
      : this.add('INVALID_PARAMETER_VALUE', field, text);
  }

  /**
   * `money`: a 3-letter currency code and a decimal string of at most 32 characters. Inferred: a
   * negative amount, or more decimals than the currency has, is an invalid value.
   */
  money(raw: unknown, field: string, options: Presence = {}): PayPalMoney | undefined {
    const money = this.object(raw, field, options);
    if (money === undefined) return undefined;
    const before = this.details.length;
    const code = this.string(money.currency_code, `${field}/currency_code`, {
      required: true,
      min: 3,
      max: 3,
      pattern: /^[A-Z]{3}$/,
    });
    const value = this.string(money.value, `${field}/value`, {
      required: true,
      max: 32,
      pattern: SIGNED_DECIMAL,
    });
    if (code === undefined || value === undefined || this.details.length > before) return undefined;
    const amount = parseDecimal(value);
    if (amount === undefined || isNegative(amount) || fractionDigits(value) > minorUnits(code)) {
      return this.add('INVALID_PARAMETER_VALUE', `${field}/value`, value);
    }
    return { currency_code: code, value };
  }
}
