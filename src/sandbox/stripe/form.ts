// Stripe's form encoding (reference §3): `application/x-www-form-urlencoded` bodies and query strings
// whose keys nest with brackets. `recurring[interval]=month` makes an object, `expand[]=a` appends to a
// list, `tiers[0][up_to]=inf` indexes one; an indexed list is an object with integer keys until a
// reader asks for a list (`asList`), because `metadata[0]=x` is a map, not a list. An empty value is
// kept as '' — for an emptyable field it means "clear" (there is no null in form encoding).

import { invalid } from './errors.js';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** Decodes a form body or query string; malformed nesting is a 400 naming the parameter. */
export function decodeForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = keyPath(key);
    if (path === undefined) throw invalid(`Invalid parameter name: ${key}`, { param: key });
    insert(root, path, value, key);
  }
  return root;
}

function keyPath(key: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (match?.[1] === undefined) return undefined;
  const rest = match[2] ?? '';
  return [match[1], ...Array.from(rest.matchAll(/\[([^[\]]*)\]/g), (m) => m[1] ?? '')];
}

function insert(container: FormObject | FormValue[], path: string[], value: string, key: string): void {
  const [head = '', ...tail] = path;
  const conflict = () => invalid(`Invalid hash or array: ${key}`, { param: key });
  if (Array.isArray(container)) {
    if (head !== '') throw conflict();
    if (tail.length === 0) {
      container.push(value);
      return;
    }
    const child: FormObject = {};
    container.push(child);
    insert(child, tail, value, key);
    return;
  }
  if (head === '') throw conflict();
  if (tail.length === 0) {
    if (head in container) throw invalid(`Received the parameter ${key} more than once.`, { param: key });
    container[head] = value;
    return;
  }
  const wantsList = tail[0] === '';
  const existing = container[head];
  if (existing === undefined) {
    const child: FormObject | FormValue[] = wantsList ? [] : {};
    container[head] = child;
    insert(child, tail, value, key);
    return;
  }
  if (typeof existing === 'string' || Array.isArray(existing) !== wantsList) throw conflict();
  insert(existing, tail, value, key);
}

/** A list sent as `a[]=…` or as `a[0]=…&a[1]=…` (indexes from 0, none missing); else undefined. */
export function asList(value: FormValue): FormValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return undefined;
  const keys = Object.keys(value);
  if (!keys.every((key) => /^\d+$/.test(key))) return undefined;
  const indexes = keys.map(Number).sort((a, b) => a - b);
  if (!indexes.every((index, position) => index === position)) return undefined;
  return indexes.map((index) => value[String(index)] as FormValue);
}

export function isObject(value: FormValue | undefined): value is FormObject {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The form text of a decoded value, lists indexed (`tiers[0][up_to]=inf`): what a `rewrite-request`
 * fault hands back to the handler after changing the decoded form. Anything but an object encodes as ''.
 */
export function encodeForm(value: unknown): string {
  const pairs: Array<[string, string]> = [];
  const walk = (item: unknown, key: string): void => {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      pairs.push([key, String(item)]);
    } else if (Array.isArray(item)) {
      item.forEach((child, index) => walk(child, `${key}[${index}]`));
    } else if (item !== null && typeof item === 'object') {
      for (const [name, child] of Object.entries(item)) walk(child, `${key}[${name}]`);
    }
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, child] of Object.entries(value)) walk(child, name);
  }
  return new URLSearchParams(pairs).toString();
}

/** The decoded form `rewrite-request` faults see; undefined for a body that does not decode. */
export function decodeFormOrUndefined(text: string): FormObject | undefined {
  try {
    return decodeForm(text);
  } catch {
    return undefined;
  }
}
