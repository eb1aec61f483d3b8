// A subset of Stripe's search query language (reference §10.3): clauses `field:'value'` (exact),
// `field~'value'` (substring, at least 3 characters), `created>1700000000` (also <, >=, <=, =),
// `metadata['key']:'value'`, a leading `-` to negate, joined by AND or by OR (never both), at most
// 10 clauses. Field names depend on the object searched; a query outside this subset is a 400.

import { invalid } from './errors.js';

interface Clause {
  field: string;
  /** For `metadata['key']`. */
  key?: string;
  operator: ':' | '~' | '>' | '<' | '>=' | '<=' | '=';
  value: string;
  negated: boolean;
}

export type SearchPredicate = (object: Record<string, unknown>) => boolean;

const CLAUSE =
  /^\s*(-?)([a-z_]+)(?:\[\s*(?:'([^']*)'|"([^"]*)")\s*\])?\s*(>=|<=|:|~|>|<|=)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+))\s*/;

export function parseSearchQuery(query: string, fields: readonly string[]): SearchPredicate {
  const clauses: Clause[] = [];
  const joins = new Set<string>();
  let rest = query;
  for (;;) {
    const match = CLAUSE.exec(rest);
    if (match === null) throw badQuery(query);
    const [whole, minus, field = '', key1, key2, operator, quoted1, quoted2, number] = match;
    if (!fields.includes(field) || (field === 'metadata') !== (key1 !== undefined || key2 !== undefined)) {
      throw invalid(`Field \`${field}\` is an unsupported search field for this resource.`, {
        param: 'query',
      });
    }
    clauses.push({
      field,
      ...(field === 'metadata' && { key: key1 ?? key2 ?? '' }),
      operator: operator as Clause['operator'],
      value: quoted1 ?? quoted2 ?? number ?? '',
      negated: minus === '-',
    });
    rest = rest.slice(whole.length);
    if (rest.trim() === '') break;
    const join = /^(AND|OR)\s+/.exec(rest);
    if (join?.[1] === undefined) throw badQuery(query);
    joins.add(join[1]);
    rest = rest.slice(join[0].length);
  }
  if (joins.size > 1) throw invalid('A search query cannot combine AND and OR.', { param: 'query' });
  if (clauses.length > 10) throw invalid('A search query can have at most 10 clauses.', { param: 'query' });
  const tests = clauses.map(clauseTest);
  return joins.has('OR')
    ? (object) => tests.some((test) => test(object))
    : (object) => tests.every((test) => test(object));
}

function badQuery(query: string): Error {
  return invalid(`We could not parse your search query: ${query}`, { param: 'query' });
}

function clauseTest(clause: Clause): SearchPredicate {
  const test = positiveTest(clause);
  return clause.negated ? (object) => !test(object) : test;
}

function positiveTest({ field, key, operator, value }: Clause): SearchPredicate {
  const read = (object: Record<string, unknown>): unknown =>
    key === undefined ? object[field] : (object.metadata as Record<string, string> | undefined)?.[key];
  if (operator === ':') return (object) => text(read(object)) === value;
  if (operator === '~') {
    if (value.length < 3)
      throw invalid('A substring search needs at least 3 characters.', { param: 'query' });
    return (object) => text(read(object)).toLowerCase().includes(value.toLowerCase());
  }
  const bound = Number(value);
  if (field !== 'created' || !Number.isInteger(bound)) {
    throw invalid(`The ${operator} operator only compares numbers in the created field.`, { param: 'query' });
  }
  const compare = {
    '>': (n: number) => n > bound,
    '<': (n: number) => n < bound,
    '>=': (n: number) => n >= bound,
    '<=': (n: number) => n <= bound,
    '=': (n: number) => n === bound,
  }[operator];
  return (object) => compare(Number(read(object)));
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}
