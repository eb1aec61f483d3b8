// Paths inside a YAML document: segments for locating nodes, dotted text for messages.

export type PathSegment = string | number;
export type DocPath = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * `plans.basic-monthly.currency`, `items[0].name`. Keys that would make the dotted form ambiguous
 * (dots, spaces, brackets) are written as `["basic.v2"]`.
 */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Turn an ajv `instancePath` (JSON Pointer) into segments, using the data to tell array indexes
 * from mapping keys that happen to look like numbers.
 */
export function pointerToPath(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(key)) {
      const index = Number(key);
      path.push(index);
      current = current[index];
      continue;
    }
    path.push(key);
    current =
      current !== null && typeof current === 'object' && Object.hasOwn(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return path;
}
