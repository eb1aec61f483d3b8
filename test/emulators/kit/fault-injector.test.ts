import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/sandbox/kit/index.js';

describe('FaultInjector', () => {
  it('applies a fault to a matching request once by default', () => {
    const faults = new FaultInjector();
    faults.inject({ fault: { kind: 'reset-before' } });

    const first = faults.take('GET', '/a');
    const second = faults.take('GET', '/a');

    expect([first?.kind, second]).toEqual(['reset-before', undefined]);
  });

  it('counts `times` down before the rule is used up', () => {
    const faults = new FaultInjector();
    faults.inject({ times: 2, fault: { kind: 'hang' } });

    const kinds = [faults.take('GET', '/'), faults.take('GET', '/'), faults.take('GET', '/')].map(
      (f) => f?.kind,
    );

    expect(kinds).toEqual(['hang', 'hang', undefined]);
  });

  it('consumes rules in the order they were injected', () => {
    const faults = new FaultInjector();
    faults.inject({ fault: { kind: 'status', status: 503 } });
    faults.inject({ fault: { kind: 'truncate' } });

    const kinds = [faults.take('GET', '/'), faults.take('GET', '/')].map((f) => f?.kind);

    expect(kinds).toEqual(['status', 'truncate']);
  });

  it('skips requests whose method does not match', () => {
    const faults = new FaultInjector();
    faults.inject({ method: 'post', fault: { kind: 'non-json' } });

    const onGet = faults.take('GET', '/plans');
    const onPost = faults.take('POST', '/plans');

    expect([onGet, onPost?.kind]).toEqual([undefined, 'non-json']);
  });

  it('matches paths exactly by string and by pattern', () => {
    const faults = new FaultInjector();
    faults.inject({ path: '/plans', fault: { kind: 'hang' } });
    faults.inject({ path: /^\/plans\/\d+$/, fault: { kind: 'truncate' } });

    const kinds = ['/plans/', '/plans/7', '/plans'].map((path) => faults.take('GET', path)?.kind);

    expect(kinds).toEqual([undefined, 'truncate', 'hang']);
  });

  it('reports pending rules with their remaining uses', () => {
    const faults = new FaultInjector();
    faults.inject({ times: 3, fault: { kind: 'delay', ms: 5 } });
    faults.take('GET', '/');

    const pending = faults.pending();

    expect(pending.map((rule) => rule.times)).toEqual([2]);
  });

  it('forgets every rule on clear()', () => {
    const faults = new FaultInjector();
    faults.inject({ times: Infinity, fault: { kind: 'hang' } });

    faults.clear();

    expect(faults.take('GET', '/')).toBeUndefined();
  });
});

describe('FaultInjector skip', () => {
  it('lets `skip` matching requests through before the fault applies', () => {
    const faults = new FaultInjector();
    faults.inject({ method: 'GET', skip: 2, fault: { kind: 'hang' } });

    const kinds = ['GET', 'POST', 'GET', 'GET', 'GET'].map((method) => faults.take(method, '/')?.kind);

    expect(kinds).toEqual([undefined, undefined, undefined, 'hang', undefined]);
  });

  it('offers a request a rule let through to the rules armed after it', () => {
    const faults = new FaultInjector();
    faults.inject({ skip: 1, fault: { kind: 'truncate' } });
    faults.inject({ fault: { kind: 'reset-before' } });

    const kinds = [faults.take('GET', '/'), faults.take('GET', '/')].map((f) => f?.kind);

    expect(kinds).toEqual(['reset-before', 'truncate']);
  });

  it('reports the skips a pending rule has left', () => {
    const faults = new FaultInjector();
    faults.inject({ skip: 3, fault: { kind: 'hang' } });
    faults.take('GET', '/');

    expect(faults.pending().map((rule) => [rule.skip, rule.times])).toEqual([[2, 1]]);
  });

  it.each([-1, 0.5, Number.NaN])('refuses skip %s', (skip) => {
    const faults = new FaultInjector();

    expect(() => faults.inject({ skip, fault: { kind: 'hang' } })).toThrow(RangeError);
  });
});

describe('FaultInjector kinds', () => {
  it('refuses a kind the emulator declared unsupported, with its reason, and says so in supports()', () => {
    const faults = new FaultInjector({ unsupported: { 'expire-credentials': 'static keys' } });

    const inject = () => faults.inject({ fault: { kind: 'expire-credentials' } });

    expect(inject).toThrow('this emulator cannot apply expire-credentials: static keys');
    expect([faults.supports('expire-credentials'), faults.supports('hang')]).toEqual([false, true]);
    expect(faults.pending()).toEqual([]);
  });

  it.each([
    { intervalMs: -1 },
    { intervalMs: Number.POSITIVE_INFINITY },
    { intervalMs: 10, chunks: 0 },
    { intervalMs: 10, chunks: 1.5 },
  ])('refuses a malformed slow-body fault %o', (shape) => {
    const faults = new FaultInjector();

    expect(() => faults.inject({ fault: { kind: 'slow-body', ...shape } })).toThrow(RangeError);
  });
});
