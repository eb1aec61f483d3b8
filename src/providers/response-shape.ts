// Shapes of provider responses, declared as data and checked before anything reads them: a body that
// lacks a field plansync needs, or holds the wrong type, becomes a ProviderError naming the provider,
// the connection, the endpoint and the field path, never a crash further on or a wrong plan. Extra
// fields are allowed.

import { isDecimal } from '../core/money.js';
import { ProviderError } from '../errors.js';
import type { RequestSource } from '../http/client.js';

export type Shape =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  /** A finite decimal, as a JSON number or a decimal string (amounts). */
  | 'decimal'
  | { enum: readonly string[] }
  | { object: Record<string, Field> }
  | { array: Shape }
  /** Anything else: a predicate and what it expects, said in the error ("a plan id"). */
  | { test: (value: unknown) => boolean; expected: string };

/** A field that may be absent (and, when nullable, null). */
export interface Optional {
  optional: Shape;
  nullable: boolean;
}

type Field = Shape | Optional;

export const optional = (shape: Shape): Optional => ({ optional: shape, nullable: false });
export const nullable = (shape: Shape): Optional => ({ optional: shape, nullable: true });

/**
 * Where a response came from, for the error: `paypal`, its connection, `GET /v1/billing/plans`.
 * Every HttpResponse carries one (`response.source`).
 */
export type ResponseSource = RequestSource;

export function invalidResponse(source: ResponseSource, path: string, detail: string): ProviderError {
  return new ProviderError(
    `${source.provider}: invalid response from ${source.endpoint}: ${path || 'body'} ${detail}`,
    source,
  );
}

/**
 * Checks `value` against `shape` and returns it, typed as the caller declares. `path` names the value
 * in errors (`plans[0]`); empty means the whole body, whose fields are then named bare (`plan_type`).
 */
export function checkShape<T>(source: ResponseSource, value: unknown, shape: Shape, path = ''): T {
  walk(source, value, shape, path);
  return value as T;
}

function walk(source: ResponseSource, value: unknown, shape: Shape, path: string): void {
  const fail = (expected: string) =>
    invalidResponse(source, path, `is not ${expected} (got ${preview(value)})`);
  if (typeof shape === 'string') {
    if (!SCALARS[shape].test(value)) throw fail(SCALARS[shape].expected);
    return;
  }
  if ('enum' in shape) {
    if (typeof value !== 'string' || !shape.enum.includes(value))
      throw fail(`one of ${shape.enum.join(', ')}`);
    return;
  }
  if ('test' in shape) {
    if (!shape.test(value)) throw fail(shape.expected);
    return;
  }
  if ('array' in shape) {
    if (!Array.isArray(value)) throw fail('an array');
    value.forEach((item, i) => walk(source, item, shape.array, `${path}[${i}]`));
    return;
  }
  if (!isRecord(value)) throw fail('an object');
  for (const [name, field] of Object.entries(shape.object)) {
    const at = path === '' ? name : `${path}.${name}`;
    const child = value[name];
    if (typeof field === 'object' && 'optional' in field) {
      if (child === undefined || (child === null && field.nullable)) continue;
      walk(source, child, field.optional, at);
    } else {
      if (child === undefined) throw invalidResponse(source, at, 'is missing');
      walk(source, child, field, at);
    }
  }
}

const SCALARS: Record<Extract<Shape, string>, { test: (value: unknown) => boolean; expected: string }> = {
  string: { test: (v) => typeof v === 'string', expected: 'a string' },
  integer: { test: (v) => Number.isSafeInteger(v), expected: 'an integer' },
  number: { test: (v) => typeof v === 'number' && Number.isFinite(v), expected: 'a number' },
  boolean: { test: (v) => typeof v === 'boolean', expected: 'a boolean' },
  decimal: {
    test: (v) => (typeof v === 'number' || typeof v === 'string') && isDecimal(v),
    expected: 'a decimal number',
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of what came instead: type for containers, truncated JSON for scalars. */
function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
