// The `rewrite-request` and `rewrite-response` faults: a provider that acts on something other than
// what was sent (it ignores or changes a field), and one whose answer disagrees with what it did.
// They exist so that plansync's verified writes can be shown to catch both.

import { afterEach, describe, expect, it } from 'vitest';
import { Router, type RunningEmulator, startEmulator } from '../../../src/sandbox/kit/index.js';
import { testDefinition } from '../support/definition.js';
import { send } from '../support/send.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Stores what it is sent under /things/:id and answers with it. */
async function start(): Promise<{ emulator: RunningEmulator; stored: Map<string, unknown> }> {
  const stored = new Map<string, unknown>();
  const router = new Router()
    .on('PUT', '/things/:id', (req) => {
      const body = req.json.kind === 'json' ? req.json.value : null;
      stored.set(req.params.id as string, { body, raw: req.rawBody });
      return { status: 200, body };
    })
    .on('GET', '/things/:id', (req) => ({ status: 200, body: stored.get(req.params.id as string) }));
  const emulator = await startEmulator(testDefinition(router));
  running.push(emulator);
  return { emulator, stored };
}

const put = (emulator: RunningEmulator, body: unknown) =>
  send(`${emulator.origin}/things/1`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('rewrite faults', () => {
  it('rewrite-request: the handler acts on the rewritten body; the log keeps what was sent', async () => {
    const { emulator, stored } = await start();
    emulator.faults.inject({
      method: 'PUT',
      fault: {
        kind: 'rewrite-request',
        rewrite: (body) => ({ ...(body as object), name: 'Kept' }),
      },
    });

    const first = await put(emulator, { name: 'Asked', price: 5 });
    const second = await put(emulator, { name: 'Asked', price: 6 });

    expect(first.json).toEqual({ name: 'Kept', price: 5 });
    expect(stored.get('1')).toEqual({ body: { name: 'Asked', price: 6 }, raw: '{"name":"Asked","price":6}' });
    expect(emulator.log[0]?.body).toEqual({ name: 'Asked', price: 5 });
    expect(emulator.log[0]?.fault).toBe('rewrite-request');
    expect(second.json).toEqual({ name: 'Asked', price: 6 });
  });

  it('rewrite-request passes the raw body on as the rewritten JSON', async () => {
    const { emulator, stored } = await start();
    emulator.faults.inject({ fault: { kind: 'rewrite-request', rewrite: () => ({ name: 'Other' }) } });

    await put(emulator, { name: 'Asked' });

    expect(stored.get('1')).toEqual({ body: { name: 'Other' }, raw: '{"name":"Other"}' });
  });

  it('rewrite-request goes through the provider’s codec when its bodies are not JSON', async () => {
    const stored: string[] = [];
    const router = new Router().on('POST', '/form', (req) => {
      stored.push(req.rawBody);
      return { status: 200 };
    });
    const emulator = await startEmulator(
      testDefinition(router, {
        bodyCodec: {
          decode: (raw) => Object.fromEntries(new URLSearchParams(raw)),
          encode: (value) => new URLSearchParams(value as Record<string, string>).toString(),
        },
      }),
    );
    running.push(emulator);
    emulator.faults.inject({
      fault: { kind: 'rewrite-request', rewrite: (body) => ({ ...(body as object), name: 'Kept' }) },
    });

    await send(`${emulator.origin}/form`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Asked&price=5',
    });

    expect(stored).toEqual(['name=Kept&price=5']);
    expect(emulator.log[0]?.body).toBe('name=Asked&price=5');
  });

  it('rewrite-response: the answer changes, the stored state does not', async () => {
    const { emulator, stored } = await start();
    emulator.faults.inject({
      method: 'PUT',
      fault: { kind: 'rewrite-response', rewrite: (body) => ({ ...(body as object), name: 'Told' }) },
    });

    const answer = await put(emulator, { name: 'Asked' });

    expect(answer.json).toEqual({ name: 'Told' });
    expect(stored.get('1')).toEqual({ body: { name: 'Asked' }, raw: '{"name":"Asked"}' });
    expect(emulator.log[0]?.response?.body).toEqual({ name: 'Told' });
  });
});
