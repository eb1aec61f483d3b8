import { describe, expect, it } from 'vitest';
import { REDACTED, RequestLog, type RequestLogEntry } from '../../../src/sandbox/kit/index.js';

function entry(overrides: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    method: 'GET',
    path: '/',
    query: {},
    body: undefined,
    headers: {},
    status: 200,
    response: null,
    fault: null,
    authorized: true,
    handled: true,
    timestamp: new Date(0).toISOString(),
    ...overrides,
  };
}

describe('RequestLog', () => {
  it('masks secret values wherever they appear in logged data', () => {
    const log = new RequestLog(['hunter2']);

    log.record(entry({ path: '/x/hunter2', query: { token: 'hunter2' }, body: { nested: ['a hunter2 b'] } }));

    expect(JSON.stringify(log.entries)).not.toContain('hunter2');
    expect(log.entries[0]?.query.token).toBe(REDACTED);
  });

  it('masks secrets in a recorded response', () => {
    const log = new RequestLog(['hunter2']);
    const logged = log.record(entry());

    log.recordResponse(logged, { status: 200, headers: {}, body: { echo: 'hunter2' } });

    expect(log.entries[0]?.response?.body).toEqual({ echo: REDACTED });
  });

  it('masks secrets added later from then on', () => {
    const log = new RequestLog([]);
    log.addSecrets(['tok-123', '']);

    log.record(entry({ query: { t: 'tok-123' }, path: '/a' }));

    expect(log.entries[0]?.query.t).toBe(REDACTED);
    expect(log.entries[0]?.path).toBe('/a');
  });

  it('masks secrets in keys, even under an undefined value, and secrets that JSON would escape', () => {
    const quoted = 'pa"ss\\word';
    const log = new RequestLog(['hunter2', quoted]);

    log.record(
      entry({ headers: { 'x-hunter2': undefined as unknown as string }, query: { q: `a ${quoted} b` } }),
    );

    expect(Object.keys(log.entries[0]?.headers ?? {})).toEqual([`x-${REDACTED}`]);
    expect(log.entries[0]?.query.q).toBe(`a ${REDACTED} b`);
  });

  it('leaves an entry that holds no secret as it is', () => {
    const log = new RequestLog(['hunter2']);
    const logged = log.record(entry({ query: { page: '2' } }));
    const body = { plans: [{ id: 'P-1', name: 'Gold' }] };

    log.recordResponse(logged, { status: 200, headers: {}, body });

    expect(log.entries[0]?.response?.body).toBe(body);
  });

  it('masks a secret that contains another as a whole', () => {
    const log = new RequestLog(['abc', 'abcdef']);

    log.record(entry({ path: '/abcdef' }));

    expect(log.entries[0]?.path).toBe(`/${REDACTED}`);
  });

  it('lists as writes only non-read requests that reached the handler', () => {
    const log = new RequestLog([]);
    log.record(entry({ method: 'GET' }));
    log.record(entry({ method: 'POST', handled: false }));
    log.record(entry({ method: 'PUT', path: '/kept' }));

    const writes = log.writes();

    expect(writes.map((write) => write.path)).toEqual(['/kept']);
  });

  it('lets a provider say which requests are writes', () => {
    const log = new RequestLog([], { isWrite: (logged) => logged.path !== '/token' });
    log.record(entry({ method: 'POST', path: '/token' }));
    log.record(entry({ method: 'POST', path: '/plans' }));

    const writes = log.writes();

    expect(writes.map((write) => write.path)).toEqual(['/plans']);
  });

  it('empties on clear()', () => {
    const log = new RequestLog([]);
    log.record(entry());

    log.clear();

    expect(log.entries).toHaveLength(0);
  });
});
