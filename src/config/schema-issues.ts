// Turns ajv's errors into messages a person can act on: where (file:line:column and path), what was
// expected, what was found, and a "did you mean" when a key or value looks like a typo. ajv reports
// every failed branch of an `anyOf`; those are collapsed into the one message that matters.

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ConfigIssue } from '../errors.js';
import { found, foundWithKind, quote, typeWords } from './describe-value.js';
import { caseHint, FORMAT_WORDS, lengthFound, lengthWords, rangeWords, typeHint } from './expected-words.js';
import { closest, didYouMean } from './did-you-mean.js';
import { formatPath, pointerToPath } from './paths.js';
import type { DocPath } from './paths.js';
import type { YamlSource } from './yaml-source.js';

/** An issue plus the path it concerns as segments, so callers can tell which entries are broken. */
export interface PathedIssue {
  issue: ConfigIssue;
  at: DocPath;
}

type Schema = Record<string, unknown>;

/** A collapsed `anyOf`/`oneOf` whose branches all failed for different reasons. */
const NO_BRANCH = 'x-no-branch';

/** When a branch's own error has no `x-expected`, the compound's description stands in. */
type Expected = Map<ErrorObject, string>;

/** Entries of the large mapping validated at once by validateInChunks. */
const CHUNK = 250;

/**
 * Validate `source.data` against `validate`, with the entries of its mapping under `key` (a plans
 * file's `plans`, the project's `connections`) taken a chunk at a time. ajv's generated code appends
 * each invalid entry's errors by copying the whole list so far (`vErrors.concat(...)`), and collapsing
 * `anyOf` errors compares each with each: both cost time in the square of the invalid entries, minutes
 * for 40,000. By chunks, the cost grows with the entries instead. Errors about the file itself (a
 * missing key, a wrong `connection`) come from the first chunk only.
 */
export function validateInChunks(validate: ValidateFunction, key: string, source: YamlSource): PathedIssue[] {
  const data = source.data;
  const entries = isRecord(data) && Object.hasOwn(data, key) ? data[key] : undefined;
  if (!isRecord(entries) || Object.keys(entries).length <= CHUNK) {
    return validate(data) ? [] : schemaIssues(validate.errors ?? [], source);
  }
  const names = Object.keys(entries);
  const inside = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const issues: PathedIssue[] = [];
  for (let from = 0; from < names.length; from += CHUNK) {
    const chunk: Record<string, unknown> = {};
    for (const name of names.slice(from, from + CHUNK)) {
      Object.defineProperty(chunk, name, {
        value: entries[name],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const view: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    Object.defineProperty(view, key, { value: chunk, enumerable: true, writable: true, configurable: true });
    if (validate(view)) continue;
    const errors = (validate.errors ?? []).filter(
      (error) =>
        from === 0 ||
        error.instancePath.startsWith(`${inside}/`) ||
        (error.instancePath === inside && error.propertyName !== undefined),
    );
    issues.push(...schemaIssues(errors, source));
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function schemaIssues(errors: readonly ErrorObject[], source: YamlSource): PathedIssue[] {
  const expected: Expected = new Map();
  const seen = new Set<string>();
  const converted: Converted[] = [];
  for (const error of collapse([...errors], expected)) {
    const item = convert(error, source, expected.get(error));
    if (!item) continue;
    const id = `${item.issue.path}\n${item.issue.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    converted.push(item);
  }
  // `curency: USD` reads as one mistake, not two: the "did you mean `currency`" covers the missing key.
  const typoFor = new Set(converted.flatMap((item) => (item.suggested ? [formatPath(item.suggested)] : [])));
  return converted
    .filter((item) => !(item.missing && typoFor.has(item.issue.path)))
    .filter((item) => !item.missingOneOf?.some((path) => typoFor.has(path)))
    .map(({ at, issue }) => ({ at, issue }));
}

interface Converted extends PathedIssue {
  /** For an unknown key that looks like a typo: the path of the key it probably meant. */
  suggested?: DocPath;
  /** A missing required key. */
  missing?: boolean;
  /** Missing one of these keys (an `anyOf`/`oneOf` of `required` alone): a typo of any covers it. */
  missingOneOf?: string[];
}

function isCompound(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf';
}

/** Errors produced inside `compound`'s branches (same data, schema path below it). */
function isBranchError(error: ErrorObject, compound: ErrorObject): boolean {
  if (error === compound) return false;
  const sameData =
    error.instancePath === compound.instancePath ||
    error.instancePath.startsWith(`${compound.instancePath}/`);
  return sameData && error.schemaPath.startsWith(`${compound.schemaPath}/`);
}

function branchIndex(error: ErrorObject, compound: ErrorObject): number {
  return Number(error.schemaPath.slice(compound.schemaPath.length + 1).split('/')[0]);
}

/**
 * For each outermost `anyOf`/`oneOf`: if exactly one branch accepts the value's type, its errors are the
 * real ones (a string amount failing the decimal pattern); otherwise one "expected X, got Y" replaces them.
 */
function collapse(errors: ErrorObject[], expected: Expected): ErrorObject[] {
  const compounds = errors.filter(isCompound);
  const outer = compounds.filter((compound) => !compounds.some((other) => isBranchError(compound, other)));
  if (outer.length === 0) return errors;
  const consumed = new Set<ErrorObject>(outer);
  const result: ErrorObject[] = [];
  for (const compound of outer) {
    const inside = errors.filter((error) => isBranchError(error, compound));
    inside.forEach((error) => consumed.add(error));
    const branches = new Map<number, ErrorObject[]>();
    for (const error of inside) {
      const index = branchIndex(error, compound);
      branches.set(index, [...(branches.get(index) ?? []), error]);
    }
    const typeMatches = [...branches.values()].filter(
      (branch) =>
        !branch.some((error) => error.keyword === 'type' && error.instancePath === compound.instancePath),
    );
    const compoundExpected = (compound.parentSchema as Schema | undefined)?.['x-expected'];
    const [only] = typeMatches;
    if (typeMatches.length === 1 && only) {
      for (const error of collapse(only, expected)) {
        if (typeof compoundExpected === 'string' && !expected.has(error))
          expected.set(error, compoundExpected);
        result.push(error);
      }
    } else {
      result.push({ ...compound, keyword: NO_BRANCH });
    }
  }
  return [...errors.filter((error) => !consumed.has(error)), ...result];
}

/**
 * The key each branch requires, when every branch of the compound only requires one key (strict mode
 * wants it declared there too, as `properties: { key: true }`).
 */
function exclusiveKeys(branches: readonly Schema[]): string[] | undefined {
  const keys = branches.map((branch) => {
    const required = branch.required;
    const others = Object.keys(branch).filter(
      (name) => !['required', 'description', 'properties'].includes(name),
    );
    return Array.isArray(required) && required.length === 1 && others.length === 0
      ? String(required[0])
      : undefined;
  });
  return keys.every((key) => key !== undefined) ? keys : undefined;
}

/** `oneOf: [{required: [a]}, {required: [b]}]`: exactly one of the keys, said in words. */
function exclusiveIssue(
  keys: readonly string[],
  branches: readonly Schema[],
  data: unknown,
  base: DocPath,
  params: Record<string, unknown>,
  issue: (at: DocPath, target: 'key' | 'value' | 'parent', message: string, hint?: string) => PathedIssue,
): Converted {
  const names = keys.map((key) => quote(key));
  const choices = branches
    .map((branch, index) =>
      typeof branch.description === 'string' ? `${names[index]} for ${branch.description}` : undefined,
    )
    .filter((text) => text !== undefined);
  const hint = choices.length > 0 ? choices.join(', ') : undefined;
  const present = keys.filter((key) => data !== null && typeof data === 'object' && Object.hasOwn(data, key));
  const [, second] = present;
  // `passingSchemas` is set when several branches of a `oneOf` passed: keys that exclude each other.
  if (second !== undefined && Array.isArray(params.passingSchemas)) {
    return issue(
      [...base, second],
      'key',
      `${present.map((key) => quote(key)).join(' and ')} exclude each other; write exactly one`,
      hint,
    );
  }
  return {
    ...issue(base, 'key', `missing required key: one of ${names.join(', ')}`, hint),
    missingOneOf: keys.map((key) => formatPath([...base, key])),
  };
}

/** The `x-unsupported` note for a value starting with one of its words (`Weeks` → the `week` note). */
function unsupportedNote(notes: unknown, value: string): string | undefined {
  if (notes === null || typeof notes !== 'object') return undefined;
  const lower = value.trim().toLowerCase();
  const match = Object.entries(notes).find(([word]) => lower.startsWith(word.toLowerCase()));
  return typeof match?.[1] === 'string' ? match[1] : undefined;
}

function convert(error: ErrorObject, source: YamlSource, fallbackExpected?: string): Converted | undefined {
  const schema = (error.parentSchema ?? {}) as Schema;
  const ownExpected = typeof schema['x-expected'] === 'string' ? schema['x-expected'] : undefined;
  const expected = ownExpected ?? fallbackExpected;
  // A whole document that is one value (an environment dump, say) is file content: never echoed.
  const redact = schema['x-redact'] === true || error.instancePath === '';
  const data: unknown = error.data;
  const base = pointerToPath(error.instancePath, source.data);
  const params = error.params as Record<string, unknown>;
  const issue = (at: DocPath, target: 'key' | 'value' | 'parent', message: string, hint?: string) => ({
    at,
    issue: {
      location: source.locate(at, target),
      path: formatPath(at),
      message,
      ...(hint !== undefined && { hint }),
    },
  });

  // A failed `propertyNames` arrives twice: the inner error (with `propertyName`) says why.
  if (error.keyword === 'propertyNames') return undefined;
  // A failed `if`/`then` (a plan's required fields, asked only without `environments`) arrives
  // twice as well: the `required` error inside says which key is missing.
  if (error.keyword === 'if') return undefined;
  // `1e400`, `.inf`, `.nan`: the loader has said what is wrong with the number as written (yaml-source.ts);
  // ajv would add "got `null`", JSON's spelling of a non-finite number.
  if (typeof data === 'number' && !Number.isFinite(data)) return undefined;
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    const what =
      expected ??
      (error.keyword === 'maxLength' ? lengthWords(schema) : `a key matching /${String(params.pattern)}/`);
    return issue(
      [...base, key],
      'key',
      `invalid key ${quote(key)}: expected ${what}`,
      caseHint(key, schema.pattern),
    );
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((schema.properties ?? {}) as Schema);
      const suggestion = closest(key, allowed);
      const hint =
        key === '<<'
          ? 'YAML merge keys (`<<`) are not supported; write the fields out'
          : suggestion !== undefined
            ? `did you mean ${quote(suggestion)}?`
            : allowed.length > 0
              ? `allowed keys: ${allowed.join(', ')}`
              : undefined;
      const unknown = issue([...base, key], 'key', `unknown key ${quote(key)}`, hint);
      return suggestion === undefined ? unknown : { ...unknown, suggested: [...base, suggestion] };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { ...issue([...base, key], 'parent', `missing required key ${quote(key)}`), missing: true };
    }
    case 'type':
      return issue(
        base,
        'value',
        `expected ${expected ?? typeWords(params.type)}, ${foundWithKind(data, redact)}`,
        typeHint(data, params.type),
      );
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      const aliases = (schema['x-aliases'] ?? {}) as Record<string, unknown>;
      const alias = typeof data === 'string' && Object.hasOwn(aliases, data) ? aliases[data] : undefined;
      const hint =
        typeof data !== 'string' || redact
          ? undefined
          : (unsupportedNote(schema['x-unsupported'], data) ??
            didYouMean(data, allowed) ??
            (typeof alias === 'string' ? `did you mean ${quote(alias)}?` : undefined));
      return issue(base, 'value', `expected one of ${allowed.join(', ')}, ${found(data, redact)}`, hint);
    }
    case 'const': {
      const allowed = params.allowedValue;
      // `version: "1"` against `const: 1`: the same characters, but text; say so.
      if (typeof allowed === 'number' && typeof data === 'string' && data.trim() === String(allowed)) {
        return issue(
          base,
          'value',
          `expected the number ${allowed}, not the text ${JSON.stringify(data)}`,
          `write it without quotes: ${allowed}`,
        );
      }
      return issue(base, 'value', `expected ${expected ?? quote(allowed)}, ${found(data, redact)}`);
    }
    case 'pattern':
      return issue(
        base,
        'value',
        `expected ${expected ?? `text matching /${String(params.pattern)}/`}, ${found(data, redact)}`,
        redact ? undefined : caseHint(data, params.pattern),
      );
    case 'format':
      return issue(
        base,
        'value',
        `expected ${expected ?? FORMAT_WORDS[String(params.format)] ?? `a valid ${String(params.format)}`}, ${found(data, redact)}`,
      );
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issue(base, 'value', `expected ${rangeWords(schema)}, ${found(data, redact)}`);
    case 'minLength':
    case 'maxLength':
      return issue(
        base,
        'value',
        `expected ${expected ?? lengthWords(schema)}, ${redact ? found(data, true) : lengthFound(data)}`,
      );
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const count = Array.isArray(data) ? data.length : 0;
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return issue(
        base,
        'value',
        `expected ${bound} ${limit} ${limit === 1 ? 'item' : 'items'}, got ${count === 0 ? 'none' : count}`,
      );
    }
    case 'uniqueItems': {
      // ajv reports the later index `i` and the earlier one `j`.
      const [i, j] = [Number(params.i), Number(params.j)];
      const item = Array.isArray(data) ? (data as unknown[])[i] : undefined;
      return issue(
        [...base, i],
        'value',
        `${quote(item)} is listed twice (also at ${formatPath([...base, j])}); expected each item once`,
      );
    }
    case 'minProperties': {
      const limit = Number(params.limit);
      const count = data !== null && typeof data === 'object' ? Object.keys(data).length : 0;
      return issue(
        base,
        'value',
        `expected at least ${limit} ${limit === 1 ? 'entry' : 'entries'}, got ${count === 0 ? 'none' : count}`,
      );
    }
    case NO_BRANCH: {
      const branches = Array.isArray(error.schema) ? (error.schema as Schema[]) : [];
      const keys = exclusiveKeys(branches);
      if (keys) return exclusiveIssue(keys, branches, data, base, params, issue);
      const words = expected ?? branches.map((branch) => typeWords(branch.type)).join(' or ');
      return issue(base, 'value', `expected ${words}, ${foundWithKind(data, redact)}`);
    }
    default:
      return issue(base, 'value', error.message ?? `does not match the schema (${error.keyword})`);
  }
}
