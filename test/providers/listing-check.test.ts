// The listing checks every paginated read feeds page by page, without HTTP: what each refuses, and that a
// consistent listing passes whatever order its pages arrive in.

import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { ListingCheck, type ListingFields } from '../../src/providers/listing-check.js';

const FIELDS: ListingFields = { items: 'data', id: 'id', total: 'count', page: 'page' };
const source = { provider: 'jpmmps', connection: 'jpm', endpoint: 'GET /plans' };
const page = (n: number, ids: string[], extra: { echoed?: number; total?: number } = {}) => ({
  source,
  name: `page ${n}`,
  ids,
  asked: n,
  ...extra,
});

function refusal(act: () => void): ProviderError {
  try {
    act();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('the check accepted the listing');
}

describe('ListingCheck', () => {
  it('accepts pages in any order whose ids are distinct and add up to the stated total', () => {
    const pages = [page(2, ['e']), page(0, ['a', 'b']), page(1, ['c', 'd'])];
    const total = pages.reduce((n, p) => n + p.ids.length, 0);
    const check = new ListingCheck(FIELDS);

    for (const p of pages) check.page({ ...p, echoed: p.asked, total });

    expect(() => check.finish()).not.toThrow();
  });

  it('refuses an id listed on two pages, naming both pages, the field, endpoint and connection', () => {
    const check = new ListingCheck(FIELDS);
    check.page(page(0, ['a', 'b']));

    const error = refusal(() => check.page(page(1, ['c', 'b'])));

    expect(error.message).toContain('jpmmps: invalid response from GET /plans: data[1].id repeats b');
    expect(error.message).toContain('already listed on page 0 (this is page 1)');
    expect(error.message).toContain('nothing was planned or written');
    expect(error.message).toContain('run plansync again');
    expect(error.message).toMatch(/\(connection jpm\)$/);
    expect(error.exitCode).toBe(1);
  });

  it('refuses an id listed twice on one page', () => {
    const check = new ListingCheck(FIELDS);

    const error = refusal(() => check.page(page(0, ['a', 'a'])));

    expect(error.message).toContain('data[1].id repeats a, already listed on page 0.');
  });

  it('refuses an echoed page number other than the one asked for', () => {
    const check = new ListingCheck(FIELDS);

    const error = refusal(() => check.page(page(2, ['a'], { echoed: 1 })));

    expect(error.message).toContain('GET /plans: page is 1, but page 2 was asked for');
  });

  it('takes a page without an echo', () => {
    const check = new ListingCheck(FIELDS);

    check.page(page(3, ['a']));

    expect(() => check.finish()).not.toThrow();
  });

  it('refuses a stated total other than the distinct ids received', () => {
    const ids = ['a', 'b', 'c'];
    const check = new ListingCheck(FIELDS);
    check.page(page(0, ids, { total: ids.length + 1 }));

    const error = refusal(() => check.finish());

    expect(error.message).toContain(
      `count is ${ids.length + 1}, but the listing held ${ids.length} distinct ids`,
    );
  });

  it('refuses pages that state different totals', () => {
    const check = new ListingCheck(FIELDS);
    check.page(page(0, ['a'], { total: 2 }));

    const error = refusal(() => check.page(page(1, ['b'], { total: 3 })));

    expect(error.message).toContain('count is 3 on page 1, but 2 on page 0');
  });

  it('checks no total when no page states one', () => {
    const check = new ListingCheck({ items: 'plans', id: 'planId' });
    check.page({ source, name: 'the first page', ids: [3, 2] });

    expect(() => check.finish()).not.toThrow();
  });

  it('refuses a cursor that does not move on, or one already followed', () => {
    const check = new ListingCheck({ items: 'plans', id: 'planId' });
    check.cursor(source, undefined, 30);
    check.cursor(source, 30, 20);

    const same = refusal(() => check.cursor(source, 20, 20));
    const back = refusal(() => check.cursor(source, 20, 30));
    const unordered = refusal(() => check.cursor(source, 20, 25, false));

    expect(same.message).toContain('plans did not advance past planId 20 (the page ends at planId 20)');
    expect(back.message).toContain('plans did not advance past planId 20 (the page ends at planId 30)');
    expect(unordered.message).toContain('the page ends at planId 25');
  });
});
