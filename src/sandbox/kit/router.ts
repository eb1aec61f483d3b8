// Method + path-pattern routing (`/recurring/plans/:planId`) with enough information to tell "no such
// resource" from "resource exists but not with this method", which providers answer differently.

import type { RequestHandler } from './types.js';

export type RouteMatch =
  | { kind: 'found'; handler: RequestHandler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface Route {
  method: string;
  segments: string[];
  handler: RequestHandler;
}

export class Router {
  readonly #routes: Route[] = [];

  /** `pattern` segments starting with `:` capture one path segment into `params`. */
  on(method: string, pattern: string, handler: RequestHandler): this {
    this.#routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function splitPath(path: string): string[] {
  // A trailing slash names the same resource; provider documents use both spellings.
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const segment = actual[index] ?? '';
    if (expected.startsWith(':')) {
      params[expected.slice(1)] = safeDecode(segment);
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
