// The read progress renderer (src/cli/read-progress.ts) on a fake clock: the exact text it writes to
// stderr, on a terminal (one line rewritten with `\r`) and in a log (a line every 10 s at most), and
// what it leaves unsaid for a short read. Also the listing estimate providers state before reading.

import { describe, expect, it } from 'vitest';
import type { ReadStart } from '../../src/engine/make-plan.js';
import type { Clock } from '../../src/http/pacer.js';
import { readReporters } from '../../src/cli/read-progress.js';
import type { CliIo } from '../../src/cli/io.js';
import { listingEstimate } from '../../src/providers/read-estimate.js';
import { providers } from '../../src/providers/registry.js';

function harness(isTTY: boolean) {
  let now = 0;
  const clock: Clock = { now: () => now, sleep: async () => {} };
  const writes: string[] = [];
  const stdout: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => writes.push(text),
    env: {},
    cwd: '/',
    isTTY,
    confirm: async () => false,
  };
  return { hooks: readReporters(io, clock), writes, stdout, at: (ms: number) => (now = ms) };
}

// 5,000 declared PayPal plans at 5 requests/s: 250 pages and a token.
const paypal: ReadStart = {
  ...listingEstimate({ declared: 5000, pageSize: 20, setup: 1, setupName: 'token' }),
  seconds: 251 / 5,
  requestsPerSecond: 5,
  concurrency: 4,
};

describe('statement before a read', () => {
  it('states a listing estimate, its basis and that it may grow', () => {
    const { hooks, writes } = harness(false);
    hooks.onReadStart('paypal-live', paypal);
    expect(writes).toEqual([
      'Reading paypal-live: about 251 requests (5000 declared plans at 20 per page, plus token), about 51 s at 5 requests/s, 4 at a time. The live count is unknown until the first page, so this may grow.\n',
    ]);
  });

  it('keeps the exact statement as it was (one request per declared object)', () => {
    const { hooks, writes } = harness(false);
    hooks.onReadStart('cc', {
      requests: 11,
      exact: true,
      setup: 1,
      seconds: 11 / 4,
      requestsPerSecond: 4,
      concurrency: 2,
    });
    expect(writes).toEqual(["Reading cc: 11 requests, about 3 s at the connection's rate limit.\n"]);
  });

  it('says nothing of a short listing read: under 10 s in a log, under 1 s on a terminal', () => {
    const short = { ...paypal, requests: 2, seconds: 0.4 };
    for (const [isTTY, start] of [
      [false, short],
      [false, { ...paypal, seconds: 9.9 }],
      [true, short],
    ] as const) {
      const { hooks, writes, at } = harness(isTTY);
      hooks.onReadStart('pp', start);
      at(300);
      hooks.onProgress('pp', 1, 1);
      hooks.onReadEnd('pp');
      expect(writes).toEqual([]);
    }
  });
});

describe('progress on a terminal', () => {
  it('rewrites one line from 1 s on, at most every 100 ms, and blanks it at the end', () => {
    const { hooks, writes, stdout, at } = harness(true);
    hooks.onReadStart('paypal-live', paypal);
    writes.length = 0;
    at(500);
    hooks.onProgress('paypal-live', 2); // before 1 s: no line
    at(1000);
    hooks.onProgress('paypal-live', 5, 250); // the first page stated the total
    at(1050);
    hooks.onProgress('paypal-live', 6, 250); // within 100 ms of the last frame
    at(2000);
    hooks.onProgress('paypal-live', 10, 250);
    at(50_000);
    hooks.onProgress('paypal-live', 250, 250);
    hooks.onReadEnd('paypal-live');
    const frame = (text: string, pad = 0) => `\r${text}${' '.repeat(pad)}`;
    expect(writes).toEqual([
      frame('  paypal-live: 6/251 requests, about 41 s left'),
      frame('  paypal-live: 11/251 requests, about 44 s left'),
      frame('  paypal-live: 251/251 requests, about 0 s left'),
      `\r${' '.repeat('  paypal-live: 251/251 requests, about 0 s left'.length)}\r`,
    ]);
    expect(stdout).toEqual([]);
  });

  it('marks the total as an estimate until a page states it, and pads over a longer frame', () => {
    const { hooks, writes, at } = harness(true);
    hooks.onReadStart('bs', {
      ...listingEstimate({ declared: 1200, pageSize: 500 }),
      seconds: 30,
      requestsPerSecond: 0.1,
      concurrency: 1,
    });
    writes.length = 0;
    at(1000);
    hooks.onProgress('bs', 1);
    at(2000);
    hooks.onProgress('bs', 2, 2);
    expect(writes).toEqual([
      '\r  bs: 1/about 3 requests, about 2 s left',
      '\r  bs: 2/2 requests, about 0 s left' + ' '.repeat(6),
    ]);
  });

  it('joins connections read in parallel into one line', () => {
    const { hooks, writes, at } = harness(true);
    hooks.onReadStart('a', paypal);
    hooks.onReadStart('b', {
      requests: 11,
      exact: true,
      setup: 1,
      seconds: 3,
      requestsPerSecond: 4,
      concurrency: 2,
    });
    writes.length = 0;
    at(1000);
    hooks.onProgress('b', 4, 10);
    at(1200);
    hooks.onProgress('a', 3, 250);
    hooks.onReadEnd('b');
    expect(writes).toEqual([
      '\r  a: 0/about 251 requests, b: 5/11 requests, about 51 s left',
      '\r  a: 4/251 requests, b: 5/11 requests, about 1 min 15 s left',
      '\r  a: 4/251 requests, about 1 min 15 s left' + ' '.repeat(18),
    ]);
  });
});

describe('progress in a log', () => {
  it('writes a line every 10 s at most, the first after 10 s, and nothing at the end', () => {
    const { hooks, writes, at } = harness(false);
    hooks.onReadStart('paypal-live', paypal);
    writes.length = 0;
    for (let ms = 1000, done = 5; ms <= 31_000; ms += 1000, done += 5) {
      at(ms);
      hooks.onProgress('paypal-live', done, 250);
    }
    hooks.onReadEnd('paypal-live');
    expect(writes).toEqual([
      '  paypal-live: 51/251 requests, about 40 s left\n',
      '  paypal-live: 101/251 requests, about 30 s left\n',
      '  paypal-live: 151/251 requests, about 20 s left\n',
    ]);
  });
});

describe('estimates of every provider', () => {
  it('each provider states one, exact only where it reads one object per request', () => {
    const scope = {
      paypal: { product_ids: ['P-1'] },
      constantcontact: { account_ids: ['a', 'b'] },
      stripe: { product_ids: ['pro', 'team'] },
    } as Record<string, Record<string, unknown>>;
    const estimates = Object.fromEntries(
      providers.all().map((provider) => [provider.id, provider.estimateReads?.(scope[provider.id], 450)]),
    );
    expect(estimates).toEqual({
      paypal: {
        requests: 24,
        exact: false,
        setup: 1,
        basis: '450 declared plans at 20 per page, plus token',
      },
      bluesnap: { requests: 1, exact: false, setup: 0, basis: '450 declared plans at 500 per page' },
      jpmmps: { requests: 5, exact: false, setup: 0, basis: '450 declared plans at 100 per page' },
      constantcontact: { requests: 3, exact: true, setup: 1 },
      stripe: {
        requests: 5,
        exact: false,
        basis: '2 products: one product read, then active and archived prices of each',
      },
    });
    // Beyond five products in scope, the account's listings are read and kept to the products.
    const many = { product_ids: ['a', 'b', 'c', 'd', 'e', 'f'] };
    expect(providers.get('stripe')?.estimateReads?.(many, 450)).toEqual({
      requests: 7,
      exact: false,
      basis: '450 declared products and prices at 100 per page: products, active prices, archived prices',
    });
  });

  it('counts a page per listing at least, and nothing where no product is declared', () => {
    expect(listingEstimate({ declared: 30, pageSize: 20, lists: 3 }).requests).toBe(4);
    expect(listingEstimate({ declared: 0, pageSize: 20 })).toEqual({
      requests: 1,
      exact: false,
      setup: 0,
      basis: 'no declared plans: at least one page of 20',
    });
    const paypalProvider = providers.get('paypal');
    expect(paypalProvider?.estimateReads?.({ product_ids: [] }, 0)).toEqual({ requests: 0, exact: true });
  });
});
