import { afterEach, describe, expect, it } from 'vitest';
import {
  LIVE_ID,
  PLANS,
  TEST_KEY,
  TEST_SEED,
  call,
  closeTestEmulators,
  planBody,
  startTestEmulator,
} from './client.js';

afterEach(closeTestEmulators);

describe('JPM MPS emulator: request log', () => {
  it('never contains the merchant key, wherever a client sends it', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    await call(emulator, 'GET', `${PLANS}?name=${TEST_KEY}`);
    await call(emulator, 'POST', PLANS, { body: planBody({ merchantMetadata: `key=${TEST_KEY}` }) });
    await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body: { description: TEST_KEY } });
    await call(emulator, 'GET', PLANS, { headers: { 'x-api-key': 'wrong-key' } });

    const serialised = JSON.stringify(emulator.log);
    expect(emulator.log).toHaveLength(4);
    expect(serialised).not.toContain(TEST_KEY);
    for (const entry of emulator.log) expect(Object.keys(entry.headers)).not.toContain('x-api-key');
  });

  it('logs the documented non-secret headers and whether the key was valid', async () => {
    const emulator = await startTestEmulator();

    await call(emulator, 'GET', PLANS, {
      headers: { origin: 'https://shop.example', 'user-agent': 'plansync' },
    });
    await call(emulator, 'GET', PLANS, { headers: { 'x-api-key': null } });

    expect(emulator.log.map((entry) => entry.authorized)).toEqual([true, false]);
    expect(emulator.log[0]?.headers).toMatchObject({
      'accept-language': 'en-US',
      origin: 'https://shop.example',
      'user-agent': 'plansync',
    });
  });

  it('counts creates, updates and deletes as writes, reads not', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    await call(emulator, 'GET', PLANS);
    await call(emulator, 'POST', PLANS, { body: planBody() });
    await call(emulator, 'PATCH', `${PLANS}/${LIVE_ID}`, { body: { name: 'x' } });
    await call(emulator, 'DELETE', `${PLANS}/${LIVE_ID}`);

    expect(emulator.writes().map((entry) => entry.method)).toEqual(['POST', 'PATCH', 'DELETE']);
  });
});
