// undici's Agent and request API, loaded without undici's index. `import 'undici'` loads all of
// undici (fetch, WebSocket, caches, mocks and proxies, and through them Node's own bundled copy):
// about 100 ms at every start, on the way to the first request (issue 18). plansync uses only the
// Agent and `request`: 50 ms. undici has no "exports" map, so its files are reachable by path; every
// HTTP test runs through these two, so an upgrade that moves them fails loudly, not silently.

import { createRequire } from 'node:module';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';

const requireUndici = createRequire(import.meta.url);

export const Agent = requireUndici('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
export type Agent = UndiciAgent;

const dispatchRequest = requireUndici('undici/lib/api/api-request.js') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

/** undici's `request(url, options)`: the URL split into origin and path as undici's index does it. */
export function request(
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const parsed = new URL(url);
  return dispatchRequest.call(dispatcher, {
    ...rest,
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
  });
}
