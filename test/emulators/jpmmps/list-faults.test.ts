// Listing faults of the MPS emulator (`listFaults`, `setListFaults`): a page served twice, a wrong
// `count` and no `page` echo, for tests of a client's listing checks. Each faulty answer is compared
// with what the same emulator serves faithfully, so only the fault differs.

import { afterEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, JpmMpsPlanInput, ListResponseBody } from '../../../src/sandbox/jpmmps/index.js';
import { jpmPlanId } from '../../providers/jpmmps/fixture.js';
import { PLANS, call, closeTestEmulators, planBody, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

const PAGE_SIZE = 3;
const seed: JpmMpsPlanInput[] = Array.from(
  { length: PAGE_SIZE * 3 - 1 },
  (_, i) => ({ ...planBody({ name: `Plan ${i}` }), id: jpmPlanId(i + 1) }) as JpmMpsPlanInput,
);

async function page(emulator: JpmMpsEmulator, n: number): Promise<ListResponseBody> {
  const response = await call(emulator, 'GET', `${PLANS}?page=${n}&pageSize=${PAGE_SIZE}`);
  expect(response.status).toBe(200);
  return response.json as ListResponseBody;
}

const ids = (body: ListResponseBody) => body.data.map((plan) => plan.id);

describe.each([0, 1] as const)('JPM MPS emulator: listing faults, pages from %i', (pageBase) => {
  const numbers = [pageBase, pageBase + 1, pageBase + 2];

  it('serves the repeated page with the previous page’s plans under its own number', async () => {
    const emulator = await startTestEmulator({ seed, pageBase });
    const faithful = await Promise.all(numbers.map((n) => page(emulator, n)));
    emulator.setListFaults({ repeatPage: pageBase + 1 });

    const served = await Promise.all(numbers.map((n) => page(emulator, n)));

    expect(served.map(ids)).toEqual([faithful[0], faithful[0], faithful[2]].map((body) => ids(body!)));
    expect(served.map((body) => [body.page, body.count, body.totalPages])).toEqual(
      faithful.map((body) => [body.page, body.count, body.totalPages]),
    );
  });

  it('serves the first page as is when asked to repeat it: there is none before it', async () => {
    const emulator = await startTestEmulator({ seed, pageBase });
    const faithful = await page(emulator, pageBase);
    emulator.setListFaults({ repeatPage: pageBase });

    expect(await page(emulator, pageBase)).toEqual(faithful);
  });

  it('states a count off by countOffset, with the same plans and totalPages', async () => {
    const emulator = await startTestEmulator({ seed, pageBase });
    const faithful = await page(emulator, pageBase);
    emulator.setListFaults({ countOffset: 1 });

    const served = await page(emulator, pageBase);

    expect(served).toEqual({ ...faithful, count: faithful.count + 1 });
  });

  it('leaves the page echo out under omitEcho, and nothing else', async () => {
    const emulator = await startTestEmulator({ seed, pageBase });
    const faithful = await page(emulator, pageBase + 1);
    emulator.setListFaults({ omitEcho: true });

    const served = await page(emulator, pageBase + 1);

    const { page: _echo, ...rest } = faithful;
    expect(served).toEqual(rest);
  });

  it('serves faithfully again once the faults are cleared', async () => {
    const emulator = await startTestEmulator({
      seed,
      pageBase,
      listFaults: { repeatPage: pageBase + 1, countOffset: -2 },
    });
    const faulty = await Promise.all(numbers.map((n) => page(emulator, n)));
    emulator.setListFaults({});

    const served = await Promise.all(numbers.map((n) => page(emulator, n)));

    expect(new Set(served.flatMap(ids)).size).toBe(seed.length);
    expect(served.every((body) => body.count === seed.length)).toBe(true);
    expect(new Set(faulty.flatMap(ids)).size).toBeLessThan(seed.length);
  });
});
