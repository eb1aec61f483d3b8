// Reading a body up to a cap, on in-memory streams: how many chunks were pulled shows that reading
// stops at the first chunk past the cap, and that a Content-Length over it stops reading before any.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ResponseTooLarge, bytesText, readCappedBody } from '../../src/http/capped-body.js';

/** `count` chunks of `size` bytes, made on demand; `pulled()` says how many were made. */
function chunks(count: number, size: number): { stream: Readable; pulled: () => number } {
  let made = 0;
  const stream = new Readable({
    highWaterMark: 1,
    read() {
      if (made === count) return void this.push(null);
      made += 1;
      this.push(Buffer.alloc(size, 'a'));
    },
  });
  return { stream, pulled: () => made };
}

describe('readCappedBody', () => {
  it('reads a body up to the cap whole', async () => {
    const { stream } = chunks(4, 256);

    const text = await readCappedBody(stream, undefined, 1024);

    expect(text).toBe('a'.repeat(1024));
  });

  it('stops pulling at the first chunk past the cap and closes the stream', async () => {
    const { stream, pulled } = chunks(1_000_000, 256);

    const error = await readCappedBody(stream, undefined, 1024).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ResponseTooLarge);
    expect(pulled()).toBeLessThan(10);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses a Content-Length over the cap before reading anything', async () => {
    const { stream, pulled } = chunks(4, 256);

    const error = await readCappedBody(stream, String(2 ** 30), 1024).catch((caught: unknown) => caught);

    expect((error as ResponseTooLarge).maxBytes).toBe(1024);
    expect(pulled()).toBe(0);
  });
});

describe('bytesText', () => {
  it.each([
    [32 * 1024 * 1024, '32 MiB'],
    [1536, '1.5 KiB'],
    [2 ** 30, '1 GiB'],
    [900, '900 bytes'],
  ])('%i bytes read as %s', (bytes, text) => {
    expect(bytesText(bytes)).toBe(text);
  });
});
