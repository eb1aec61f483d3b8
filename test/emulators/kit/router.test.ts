import { describe, expect, it } from 'vitest';
import { Router } from '../../../src/sandbox/kit/index.js';

const ok = () => ({ status: 200 });

describe('Router', () => {
  it('captures path parameters', () => {
    const router = new Router().on('GET', '/plans/:planId', ok);

    const match = router.match('GET', '/plans/2185252');

    expect(match.kind === 'found' && match.params).toEqual({ planId: '2185252' });
  });

  it('treats a trailing slash as the same resource', () => {
    const router = new Router().on('PUT', '/plans/:planId', ok);

    const match = router.match('PUT', '/plans/9/');

    expect(match.kind).toBe('found');
  });

  it('tells a wrong method apart from an unknown path', () => {
    const router = new Router().on('GET', '/plans', ok).on('POST', '/plans', ok);

    const wrongMethod = router.match('DELETE', '/plans');
    const unknownPath = router.match('GET', '/other');

    expect([wrongMethod, unknownPath]).toEqual([
      { kind: 'method-not-allowed', allowed: ['GET', 'POST'] },
      { kind: 'not-found' },
    ]);
  });
});
