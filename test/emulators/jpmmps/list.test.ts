import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, ListResponseBody } from '../../../src/sandbox/jpmmps/index.js';
import {
  DELETED_ID,
  LIVE_ID,
  PLANS,
  TEST_SEED,
  call,
  closeTestEmulators,
  planBody,
  startTestEmulator,
  testClock,
} from './client.js';

afterEach(closeTestEmulators);

async function list(emulator: JpmMpsEmulator, query = ''): Promise<ListResponseBody> {
  const response = await call(emulator, 'GET', `${PLANS}${query}`);
  expect(response.status).toBe(200);
  return response.json as ListResponseBody;
}

const names = (body: ListResponseBody): string[] => body.data.map((plan) => plan.name);

describe('JPM MPS emulator: list pagination (zero-based)', () => {
  let emulator: JpmMpsEmulator;

  beforeEach(async () => {
    const clock = testClock(Date.parse('2025-01-01T00:00:00.00Z'));
    emulator = await startTestEmulator({ now: clock.now });
    for (let index = 1; index <= 7; index += 1) {
      await call(emulator, 'POST', PLANS, { body: planBody({ name: `Plan ${index}` }) });
      clock.advance(1000);
    }
  });

  it('starts at page 0 with 10 per page by default', async () => {
    const body = await list(emulator);

    expect({ ...body, data: names(body) }).toEqual({
      page: 0,
      pageSize: 10,
      count: 7,
      totalPages: 1,
      data: ['Plan 1', 'Plan 2', 'Plan 3', 'Plan 4', 'Plan 5', 'Plan 6', 'Plan 7'],
    });
  });

  it('pages with page=0,1,2 and pageSize, in createdAt order', async () => {
    const pages = await Promise.all([0, 1, 2, 3].map((page) => list(emulator, `?page=${page}&pageSize=3`)));

    expect(pages.map(names)).toEqual([
      ['Plan 1', 'Plan 2', 'Plan 3'],
      ['Plan 4', 'Plan 5', 'Plan 6'],
      ['Plan 7'],
      [],
    ]);
    expect(pages.map((page) => [page.page, page.pageSize, page.count, page.totalPages])).toEqual([
      [0, 3, 7, 3],
      [1, 3, 7, 3],
      [2, 3, 7, 3],
      [3, 3, 7, 3],
    ]);
  });

  it('silently ignores invalid page and pageSize values', async () => {
    const bodies = await Promise.all(
      ['?page=-1&pageSize=0', '?page=abc&pageSize=x', '?page=1.5&pageSize=-3', '?unknown=1'].map((query) =>
        list(emulator, query),
      ),
    );

    for (const body of bodies) expect([body.page, body.pageSize, body.data.length]).toEqual([0, 10, 7]);
  });

  it('numbers pages from 1 with pageBase: 1', async () => {
    const oneBased = await startTestEmulator({ pageBase: 1, seed: TEST_SEED });

    const first = await list(oneBased, '?pageSize=1');
    const second = await list(oneBased, '?page=2&pageSize=1');
    const zero = await list(oneBased, '?page=0&pageSize=1');

    expect([first.page, first.data[0]?.id]).toEqual([1, DELETED_ID]);
    expect([second.page, second.data[0]?.id]).toEqual([2, LIVE_ID]);
    expect(zero.page).toBe(1);
  });
});

describe('JPM MPS emulator: list filters', () => {
  let emulator: JpmMpsEmulator;
  let clock: ReturnType<typeof testClock>;

  beforeEach(async () => {
    clock = testClock(Date.parse('2025-01-01T00:00:00.00Z'));
    emulator = await startTestEmulator({ now: clock.now, seed: TEST_SEED });
    await call(emulator, 'POST', PLANS, { body: planBody({ name: 'Alpha' }) });
    clock.advance(60_000);
    await call(emulator, 'POST', PLANS, { body: planBody({ name: 'Beta' }) });
    clock.advance(60_000);
    await call(emulator, 'POST', PLANS, { body: planBody({ name: 'Alpha' }) });
  });

  it('lists deleted plans too when deleted is not given, ordered by createdAt', async () => {
    expect(names(await list(emulator))).toEqual(['Gone', 'Live', 'Alpha', 'Beta', 'Alpha']);
  });

  it.each([
    ['FALSE', ['Live', 'Alpha', 'Beta', 'Alpha']],
    ['false', ['Live', 'Alpha', 'Beta', 'Alpha']],
    ['TRUE', ['Gone']],
    ['True', ['Gone']],
    ['maybe', ['Gone', 'Live', 'Alpha', 'Beta', 'Alpha']],
  ])('filters deleted=%s', async (value, expected) => {
    expect(names(await list(emulator, `?deleted=${value}`))).toEqual(expected);
  });

  it('filters by exact name, with count and totalPages of the matches', async () => {
    const alpha = await list(emulator, '?name=Alpha&pageSize=1');
    const partial = await list(emulator, '?name=Alp');
    const otherCase = await list(emulator, '?name=alpha');

    expect([alpha.count, alpha.totalPages, names(alpha)]).toEqual([2, 2, ['Alpha']]);
    expect([partial.count, otherCase.count]).toEqual([0, 0]);
  });

  it('filters on createdAt and updatedAt, inclusive, in the documented format', async () => {
    const created = await list(
      emulator,
      '?createdAtGte=2025-01-01T00:01:00.00Z&createdAtLte=2025-01-01T00:02:00.00Z',
    );
    const updatedBefore = await list(emulator, '?updatedAtLte=2025-01-01T00:00:00.00Z');

    expect(names(created)).toEqual(['Beta', 'Alpha']);
    expect(names(updatedBefore)).toEqual(['Gone', 'Live', 'Alpha']);
  });

  it('combines name, deleted and createdAtGte, the lookup after a lost create answer', async () => {
    const body = await list(emulator, '?name=Alpha&deleted=FALSE&createdAtGte=2025-01-01T00:01:00.00Z');

    expect(body.data.map((plan) => plan.createdAt)).toEqual(['2025-01-01T00:02:00.00Z']);
  });

  it.each([
    '?createdAtGte=2025-01-01T00:01:00.000Z',
    '?createdAtGte=2025-01-01T00:01:00Z',
    '?createdAtGte=2025-02-30T00:00:00.00Z',
    '?createdAtGte=yesterday',
    '?updatedAtLte=',
  ])('silently ignores the invalid date filter %s', async (query) => {
    expect((await list(emulator, query)).count).toBe(5);
  });

  it('takes other ISO precisions when lenientDateFilters is on', async () => {
    const lenient = await startTestEmulator({ now: clock.now, seed: TEST_SEED, lenientDateFilters: true });

    const body = await list(lenient, '?createdAtGte=2024-05-01T10:00:00.000Z');

    expect(names(body)).toEqual(['Live']);
  });
});
