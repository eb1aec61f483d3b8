import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator, BlueSnapWirePlan } from '../../../src/sandbox/bluesnap/index.js';
import { call, closeTestEmulators, errorCodes, errorNames, startTestEmulator } from './client.js';

interface ListBody {
  totalResults?: number;
  lastPage: boolean;
  plans: Array<Partial<BlueSnapWirePlan>>;
}

/** Twelve plans, ids 101..112; the even ones are INACTIVE. */
const SEED: BlueSnapWirePlan[] = Array.from({ length: 12 }, (_, index) => ({
  planId: 101 + index,
  name: `Plan ${101 + index}`,
  recurringChargeAmount: 10 + index,
  currency: 'USD',
  chargeFrequency: 'MONTHLY',
  status: (101 + index) % 2 === 0 ? 'INACTIVE' : 'ACTIVE',
}));

let emulator: BlueSnapEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator({ seed: SEED, maxPageSize: 20 });
});

afterEach(closeTestEmulators);

async function list(query: string): Promise<{ status: number; body: ListBody; json: unknown }> {
  const response = await call(emulator, 'GET', `/recurring/plans${query}`);
  return { status: response.status, body: response.json as ListBody, json: response.json };
}

const ids = (body: ListBody): Array<number | undefined> => body.plans.map((plan) => plan.planId);

describe('BlueSnap emulator: list plans', () => {
  it('returns 10 plans by default, in descending planId order', async () => {
    const { body } = await list('');

    expect(ids(body)).toEqual([112, 111, 110, 109, 108, 107, 106, 105, 104, 103]);
    expect(body.lastPage).toBe(false);
  });

  it('continues below an exclusive `after` cursor', async () => {
    const { body } = await list('?pagesize=3&after=110');

    expect(ids(body)).toEqual([109, 108, 107]);
  });

  it('returns the page just above an exclusive `before` cursor, still descending', async () => {
    const { body } = await list('?pagesize=3&before=105');

    expect(ids(body)).toEqual([108, 107, 106]);
  });

  it('marks the last page when paging down reaches the lowest id', async () => {
    const { body } = await list('?pagesize=3&after=104');

    expect(ids(body)).toEqual([103, 102, 101]);
    expect(body.lastPage).toBe(true);
  });

  it('walks every plan exactly once when each page continues after the previous last id', async () => {
    const seen: Array<number | undefined> = [];
    let cursor = '';
    for (;;) {
      const { body } = await list(`?pagesize=5${cursor}`);
      seen.push(...ids(body));
      if (body.lastPage) break;
      cursor = `&after=${body.plans.at(-1)?.planId}`;
    }

    expect(seen).toEqual(SEED.map((plan) => plan.planId).reverse());
  });

  it('marks the last page when paging back up reaches the highest id', async () => {
    const { body } = await list('?pagesize=5&before=108');

    expect(ids(body)).toEqual([112, 111, 110, 109]);
    expect(body.lastPage).toBe(true);
  });

  it('includes totalResults only when gettotal=true', async () => {
    const withTotal = await list('?gettotal=true&pagesize=2');
    const withoutTotal = await list('?pagesize=2');

    expect(withTotal.body.totalResults).toBe(12);
    expect(withoutTotal.body).not.toHaveProperty('totalResults');
  });

  it('returns full plan objects by default', async () => {
    const { body } = await list('?pagesize=1');

    expect(body.plans[0]).toEqual({
      planId: 112,
      name: 'Plan 112',
      recurringChargeAmount: 21,
      currency: 'USD',
      chargeFrequency: 'MONTHLY',
      chargeOnPlanSwitch: false,
      status: 'INACTIVE',
    });
  });

  it('returns only name and planId with fulldescription=false', async () => {
    const { body } = await list('?pagesize=2&fulldescription=false');

    expect(body.plans).toEqual([
      { name: 'Plan 112', planId: 112 },
      { name: 'Plan 111', planId: 111 },
    ]);
  });

  it('filters by status', async () => {
    const { body } = await list('?status=ACTIVE&gettotal=true&pagesize=20');

    expect(ids(body)).toEqual([111, 109, 107, 105, 103, 101]);
    expect(body.totalResults).toBe(6);
  });

  it('refuses a negative pagesize with NEGATIVE_PAGE_SIZE (26001)', async () => {
    const { status, json } = await list('?pagesize=-1');

    expect(status).toBe(400);
    expect(errorCodes(json)).toEqual(['26001']);
  });

  it('refuses a pagesize above the maximum with MAX_PAGE_SIZE_EXCEEDED (26002)', async () => {
    const { status, json } = await list('?pagesize=21');

    expect(status).toBe(400);
    expect(errorNames(json)).toEqual(['MAX_PAGE_SIZE_EXCEEDED']);
  });

  it('accepts a pagesize equal to the maximum', async () => {
    const { status } = await list('?pagesize=20');

    expect(status).toBe(200);
  });

  it('refuses after and before together with INVALID_PAGINATION_PARAMETERS (26003)', async () => {
    const { status, json } = await list('?after=110&before=105');

    expect(status).toBe(400);
    expect(errorCodes(json)).toEqual(['26003']);
  });

  it('refuses an unknown status filter with INVALID_STATUS', async () => {
    const { json } = await list('?status=DELETED');

    expect(errorNames(json)).toEqual(['INVALID_STATUS']);
  });

  it('answers an empty account with an empty last page', async () => {
    const empty = await startTestEmulator();

    const response = await call(empty, 'GET', '/recurring/plans?gettotal=true');

    expect(response.json).toEqual({ totalResults: 0, lastPage: true, plans: [] });
  });
});
