// Listing faults of the BlueSnap emulator (`listFaults`, `setListFaults`): a cursor that takes in the
// plan it names, so one plan is listed on two pages, and a wrong `totalResults`, for tests of a
// client's listing checks. Each faulty answer is compared with what the same emulator serves
// faithfully, so only the fault differs.

import { afterEach, describe, expect, it } from 'vitest';
import type { BlueSnapEmulator, BlueSnapWirePlan } from '../../../src/sandbox/bluesnap/index.js';
import { blueSnapSeedPlan } from '../../providers/bluesnap/fixture.js';
import { call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

interface ListBody {
  totalResults?: number;
  lastPage: boolean;
  plans: BlueSnapWirePlan[];
}

const PAGE_SIZE = 3;
const seed = Array.from({ length: PAGE_SIZE * 2 + 1 }, (_, i) => blueSnapSeedPlan(101 + i));

async function list(emulator: BlueSnapEmulator, after?: number): Promise<ListBody> {
  const cursor = after === undefined ? '' : `&after=${after}`;
  const response = await call(
    emulator,
    'GET',
    `/recurring/plans?pagesize=${PAGE_SIZE}&gettotal=true${cursor}`,
  );
  expect(response.status).toBe(200);
  return response.json as ListBody;
}

const ids = (body: ListBody) => body.plans.map((plan) => plan.planId);

describe('BlueSnap emulator: listing faults', () => {
  it('lists the cursor plan again at the top of the next page under inclusiveAfter', async () => {
    const emulator = await startTestEmulator({ seed });
    const first = await list(emulator);
    const cursor = ids(first).at(-1);
    const faithful = await list(emulator, cursor);
    emulator.setListFaults({ inclusiveAfter: true });

    const served = await list(emulator, cursor);

    expect(ids(served)).toEqual([cursor, ...ids(faithful)].slice(0, PAGE_SIZE));
    expect(served.totalResults).toBe(faithful.totalResults);
  });

  it('states totalResults off by totalResultsOffset, with the same plans', async () => {
    const emulator = await startTestEmulator({ seed, listFaults: { totalResultsOffset: -1 } });
    const faulty = await list(emulator);
    emulator.setListFaults({});

    const faithful = await list(emulator);

    expect(faulty).toEqual({ ...faithful, totalResults: (faithful.totalResults ?? 0) - 1 });
  });
});
