// Typed readers over a decoded form: each returns the value in its wire type or throws the 400 Stripe
// gives for it, naming the parameter the way the client spelled it (`recurring[interval]`). Unknown
// parameters are refused (`parameter_unknown`), as Stripe does, so a misspelt field cannot pass silently.

import { invalid, unknownParam } from './errors.js';
import { type FormObject, type FormValue, isObject } from './form.js';

/** Refuses any key of `form` not in `allowed`; `prefix` is the enclosing parameter, if any. */
export function checkKnown(form: FormObject, allowed: readonly string[], prefix?: string): void {
  for (const key of Object.keys(form)) {
    if (!allowed.includes(key)) throw unknownParam(nested(prefix, key));
  }
}

export function nested(prefix: string | undefined, key: string): string {
  return prefix === undefined ? key : `${prefix}[${key}]`;
}

export function readString(value: FormValue, param: string, max?: number): string {
  if (typeof value !== 'string') throw invalid(`Invalid string: ${param} must be a string.`, { param });
  if (max !== undefined && value.length > max) {
    throw invalid(`Invalid ${param}: must be at most ${max} characters`, {
      param,
      code: 'parameter_invalid_string_length',
    });
  }
  return value;
}

/** A string that must not be empty: an empty value is an attempt to unset, refused for this field. */
export function readRequiredString(value: FormValue, param: string, max?: number): string {
  const text = readString(value, param, max);
  if (text === '') {
    throw invalid(
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      { param, code: 'parameter_invalid_empty' },
    );
  }
  return text;
}

/** An emptyable string: '' clears it (null). */
export function readClearable(value: FormValue, param: string, max?: number): string | null {
  const text = readString(value, param, max);
  return text === '' ? null : text;
}

export function readInteger(
  value: FormValue,
  param: string,
  range: { min?: number; max?: number } = {},
): number {
  const text = typeof value === 'string' ? value : '';
  if (!/^-?\d+$/.test(text)) {
    throw invalid(`Invalid integer: ${typeof value === 'string' ? value : param}`, {
      param,
      code: 'parameter_invalid_integer',
    });
  }
  const number = Number(text);
  if (range.min !== undefined && number < range.min) {
    throw invalid(`This value must be greater than or equal to ${range.min}.`, {
      param,
      code: 'parameter_invalid_integer',
    });
  }
  if (range.max !== undefined && number > range.max) {
    throw invalid(`This value must be less than or equal to ${range.max} (it currently is '${number}').`, {
      param,
      code: 'parameter_invalid_integer',
    });
  }
  return number;
}

export function readBoolean(value: FormValue, param: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(`Invalid boolean: ${typeof value === 'string' ? value : param}`, { param });
}

export function readEnum<T extends string>(value: FormValue, param: string, allowed: readonly T[]): T {
  const text = readString(value, param);
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw invalid(`Invalid ${param}: must be one of ${allowed.join(', ')}`, { param });
}

export function readObject(value: FormValue, param: string): FormObject {
  if (isObject(value)) return value;
  throw invalid(`Invalid object: ${param} must be a hash.`, { param });
}

/** `expand[]` (or `expand[0]`): the list of paths asked for, each checked against `allowed`. */
export function readExpand(value: FormValue | undefined, allowed: readonly string[]): Set<string> {
  if (value === undefined) return new Set();
  const list = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [value];
  const paths = list.map((item) => readString(item, 'expand'));
  for (const path of paths) {
    if (!allowed.includes(path)) {
      throw invalid(`This property cannot be expanded (${path}).`, { param: 'expand' });
    }
  }
  return new Set(paths);
}
