// The `huge-body` fault over real sockets: the kit answers at once with a JSON document of the size
// asked for, made only as the socket drains, so a test can aim a gigabyte at a client for free. The
// log counts what left: a client that hangs up early shows as few bytes sent, and the handler never ran.

import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { Router, type RunningEmulator, startEmulator } from '../../../src/sandbox/kit/index.js';
import { testDefinition } from '../support/definition.js';

let emulator: RunningEmulator | undefined;
let agent: Agent | undefined;
let handled = 0;

afterEach(async () => {
  await agent?.close();
  await emulator?.close();
  emulator = undefined;
  agent = undefined;
  handled = 0;
});

async function start(): Promise<RunningEmulator> {
  const router = new Router().on('POST', '/things', () => {
    handled += 1;
    return { status: 201, body: { id: 'thing-1' } };
  });
  emulator = await startEmulator(testDefinition(router));
  agent = new Agent();
  return emulator;
}

describe('huge-body fault', () => {
  it('sends a well-formed JSON document of exactly the size asked for, chunked, without the handler', async () => {
    const running = await start();
    running.faults.inject({ method: 'POST', fault: { kind: 'huge-body', bytes: 300_000, status: 201 } });

    const response = await request(`${running.origin}/things`, { method: 'POST', dispatcher: agent });
    const text = await response.body.text();

    expect([response.statusCode, response.headers['content-length']]).toEqual([201, undefined]);
    expect(text).toHaveLength(300_000);
    expect((JSON.parse(text) as { padding: string }).padding).toMatch(/^a+$/);
    expect(running.log[0]).toMatchObject({
      fault: 'huge-body',
      status: 201,
      handled: false,
      sentBytes: 300_000,
    });
    expect(handled).toBe(0);
  });

  it('declares its Content-Length when asked', async () => {
    const running = await start();
    running.faults.inject({ fault: { kind: 'huge-body', bytes: 5, declareLength: true } });

    const response = await request(`${running.origin}/things`, { method: 'POST', dispatcher: agent });

    expect([response.statusCode, response.headers['content-length'], await response.body.text()]).toEqual([
      200,
      '5',
      'aaaaa',
    ]);
  });

  it('stops making the body when the client hangs up: a gigabyte costs what was read', async () => {
    const running = await start();
    running.faults.inject({ fault: { kind: 'huge-body', bytes: 2 ** 30 } });

    const response = await request(`${running.origin}/things`, { method: 'POST', dispatcher: agent });
    let read = 0;
    for await (const chunk of response.body) {
      read += (chunk as Buffer).length;
      if (read > 1024 * 1024) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(running.log[0]?.sentBytes).toBeGreaterThan(1024 * 1024);
    expect(running.log[0]?.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a size that is not a whole number of bytes', async () => {
    const running = await start();

    expect(() => running.faults.inject({ fault: { kind: 'huge-body', bytes: 1.5 } })).toThrow(RangeError);
  });
});
