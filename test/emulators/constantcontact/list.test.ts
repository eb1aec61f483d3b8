import { afterEach, describe, expect, it } from 'vitest';
import { decodeOffset, encodeOffset, generateAccounts } from '../../../src/sandbox/constantcontact/index.js';
import { ACCOUNTS, call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

interface Page {
  site_owner_list: Array<{ encoded_account_id: string; billing_status: string }>;
  _links?: { next?: { href: string } };
}

const page = (json: unknown) => json as Page;

describe('Constant Contact emulator: GET /partner/accounts', () => {
  it('answers an empty list without _links for a partner with no accounts', async () => {
    const emulator = await startTestEmulator();
    const response = await call(emulator, 'GET', ACCOUNTS);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ site_owner_list: [] });
  });

  it('pages with the default 50 and a relative next href including /v3', async () => {
    const accounts = generateAccounts(120, { seed: 7 });
    const emulator = await startTestEmulator({ accounts });

    const first = page((await call(emulator, 'GET', ACCOUNTS)).json);
    expect(first.site_owner_list).toHaveLength(50);
    expect(first._links?.next?.href).toBe(`/v3/partner/accounts?offset=${encodeOffset(50)}&limit=50`);

    const seen: string[] = [];
    let href: string | undefined = ACCOUNTS;
    while (href !== undefined) {
      const current = page((await call(emulator, 'GET', href)).json);
      seen.push(...current.site_owner_list.map((item) => item.encoded_account_id));
      href = current._links?.next?.href;
    }
    expect(seen).toEqual(accounts.map((account) => account.encoded_account_id));
  });

  it.each([
    ['10', 10],
    ['50', 50],
    ['9', 50],
    ['51', 50],
    ['abc', 50],
  ])('limit=%s gives pages of %i', async (limit, size) => {
    const emulator = await startTestEmulator({ accounts: generateAccounts(60) });
    const response = page((await call(emulator, 'GET', `${ACCOUNTS}?limit=${limit}`)).json);
    expect(response.site_owner_list).toHaveLength(size);
    expect(response._links?.next?.href).toContain(`limit=${size}`);
  });

  it('uses opaque base64-ish offsets like MTA*', async () => {
    expect(encodeOffset(10)).toBe('MTA*');
    expect(decodeOffset('MTA*')).toBe(10);
    const emulator = await startTestEmulator({ accounts: generateAccounts(25) });
    const response = page((await call(emulator, 'GET', `${ACCOUNTS}?offset=MTA*&limit=10`)).json);
    expect(response.site_owner_list).toHaveLength(10);
    expect(response._links?.next?.href).toBe('/v3/partner/accounts?offset=MjA*&limit=10');
    const last = page((await call(emulator, 'GET', `${ACCOUNTS}?offset=MjA*&limit=10`)).json);
    expect(last.site_owner_list).toHaveLength(5);
    expect(last._links).toBeUndefined();
  });

  it.each(['garbage!', 'MTA', 'LTE*', 'YWJj'])('answers 400 to the offset %s', async (offset) => {
    const emulator = await startTestEmulator({ accounts: generateAccounts(5) });
    const response = await call(emulator, 'GET', `${ACCOUNTS}?offset=${encodeURIComponent(offset)}`);
    expect(response.status).toBe(400);
    expect(Array.isArray(response.json)).toBe(true);
  });

  it('filters by account_type and keeps the filter in the next link', async () => {
    const accounts = generateAccounts(100, { managedShare: 0.5 });
    const emulator = await startTestEmulator({ accounts });
    const managed = accounts
      .filter((account) => account.managed === true)
      .map((account) => account.encoded_account_id);

    const first = page((await call(emulator, 'GET', `${ACCOUNTS}?account_type=managed&limit=10`)).json);
    expect(first.site_owner_list.map((item) => item.encoded_account_id)).toEqual(managed.slice(0, 10));
    expect(first._links?.next?.href).toContain('account_type=managed');
    const unmanaged = page((await call(emulator, 'GET', `${ACCOUNTS}?account_type=unmanaged`)).json);
    expect(unmanaged.site_owner_list).toHaveLength(Math.min(50, accounts.length - managed.length));
    expect((await call(emulator, 'GET', `${ACCOUNTS}?account_type=other`)).status).toBe(400);
  });

  it('keeps canceled accounts in the list with their status', async () => {
    const emulator = await startTestEmulator({
      accounts: [{ encoded_account_id: 'aaaaaaaaaaa1', plan_type: 'GOLD', billing_status: 'Canceled' }],
    });
    const response = page((await call(emulator, 'GET', ACCOUNTS)).json);
    expect(response.site_owner_list).toEqual([
      expect.objectContaining({ encoded_account_id: 'aaaaaaaaaaa1', billing_status: 'Canceled' }),
    ]);
  });
});
