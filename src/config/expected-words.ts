// What a schema keyword wants, in words ("a whole number from 1 to 32", "text of 1 to 199
// characters"), and the small hints that turn a schema failure into a fix ("write it without quotes").

import { found } from './describe-value.js';

type Schema = Record<string, unknown>;

export function rangeWords(schema: Schema): string {
  const noun = schema.type === 'integer' ? 'a whole number' : 'a number';
  const bound = (inclusive: unknown, exclusive: unknown) =>
    typeof inclusive === 'number'
      ? { value: inclusive, strict: false }
      : typeof exclusive === 'number'
        ? { value: exclusive, strict: true }
        : undefined;
  const lower = bound(schema.minimum, schema.exclusiveMinimum);
  const upper = bound(schema.maximum, schema.exclusiveMaximum);
  if (lower && upper && !lower.strict && !upper.strict)
    return `${noun} from ${lower.value} to ${upper.value}`;
  const parts: string[] = [];
  if (lower) parts.push(lower.strict ? `greater than ${lower.value}` : `at least ${lower.value}`);
  if (upper) parts.push(upper.strict ? `less than ${upper.value}` : `at most ${upper.value}`);
  const text = parts.join(' and ');
  return text.startsWith('at ') ? `${noun} of ${text}` : `${noun} ${text}`;
}

export function lengthWords(schema: Schema): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : undefined;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  if (min !== undefined && max !== undefined) return `text of ${min} to ${max} characters`;
  if (max !== undefined) return `text of at most ${max} characters`;
  if (min === 1) return 'non-empty text';
  return `text of at least ${min ?? 0} characters`;
}

export function lengthFound(value: unknown): string {
  if (typeof value !== 'string') return found(value);
  return value.length === 0 ? 'got empty text' : `got ${value.length} characters`;
}

export const FORMAT_WORDS: Record<string, string> = { uri: 'an absolute URL' };

/** `usd` → `USD` when only the case is wrong. */
export function caseHint(value: unknown, pattern: unknown): string | undefined {
  if (typeof value !== 'string' || typeof pattern !== 'string') return undefined;
  const regex = new RegExp(pattern, 'u');
  const variant = [value.trim(), value.toUpperCase(), value.toLowerCase()].find(
    (candidate) => candidate !== value && regex.test(candidate),
  );
  return variant === undefined ? undefined : `did you mean \`${variant}\`?`;
}

export function typeHint(value: unknown, type: unknown): string | undefined {
  const wanted = String(type);
  if ((value === null || value === undefined) && wanted.includes('object')) {
    return 'for an empty mapping write `{}`';
  }
  if (
    typeof value === 'string' &&
    /number|integer/.test(wanted) &&
    value.trim() !== '' &&
    !Number.isNaN(Number(value))
  ) {
    return 'write the number without quotes';
  }
  if (typeof value === 'string' && wanted.includes('boolean') && /^(true|false)$/i.test(value)) {
    return 'write true or false without quotes';
  }
  return undefined;
}
