// Listing faults of the PayPal emulator (`listFaults`, `setListFaults`): a page served twice and a wrong
// `total_items`, for tests of a client's listing checks. Each faulty answer is compared with what the
// same emulator serves faithfully, so only the fault differs.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../../src/sandbox/paypal/index.js';
import { TEST_SEED, call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

const PAGE_SIZE = 3;
const PAGES = [1, 2, 3];

interface ListJson {
  plans: Array<{ id: string }>;
  total_items: number;
  total_pages: number;
}

const seed: PayPalPlanInput[] = Array.from({ length: PAGE_SIZE * PAGES.length - 1 }, (_, i) => ({
  ...TEST_SEED[0]!,
  id: `P-FAULT${String(i + 1).padStart(19, '0')}`,
  name: `Plan ${i + 1}`,
}));

async function page(emulator: PayPalEmulator, n: number): Promise<ListJson> {
  const response = await call(
    emulator,
    'GET',
    `/v1/billing/plans?page_size=${PAGE_SIZE}&page=${n}&total_required=true`,
  );
  expect(response.status).toBe(200);
  return response.json as ListJson;
}

const ids = (body: ListJson) => body.plans.map((plan) => plan.id);

describe('PayPal emulator: listing faults', () => {
  it('serves the repeated page with the previous page’s plans, totals unchanged', async () => {
    const emulator = await startTestEmulator({ seed });
    const faithful = await Promise.all(PAGES.map((n) => page(emulator, n)));
    emulator.setListFaults({ repeatPage: 2 });

    const served = await Promise.all(PAGES.map((n) => page(emulator, n)));

    expect(served.map(ids)).toEqual([faithful[0]!, faithful[0]!, faithful[2]!].map(ids));
    expect(served.map((body) => [body.total_items, body.total_pages])).toEqual(
      faithful.map((body) => [body.total_items, body.total_pages]),
    );
  });

  it('states total_items off by totalItemsOffset, with the same plans and total_pages', async () => {
    const emulator = await startTestEmulator({ seed, listFaults: { totalItemsOffset: 2 } });
    const faulty = await page(emulator, 1);
    emulator.setListFaults({});

    const faithful = await page(emulator, 1);

    expect(faulty).toEqual({ ...faithful, total_items: faithful.total_items + 2 });
  });
});
