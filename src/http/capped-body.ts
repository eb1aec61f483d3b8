// Reading an answer's body without trusting the server about its size: bytes are counted as they
// arrive and the stream is destroyed the moment they pass the cap, so a 1 GiB answer costs at most
// the cap (plus what the socket buffered) in memory and on the wire, never the whole gigabyte.

/** The answer was, or said it would be, longer than the cap. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`response body larger than ${bytesText(maxBytes)}`);
  }
}

/** A response body as undici hands it out: async-iterable chunks that can be torn down. */
export interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The body as UTF-8 text, read up to `maxBytes`. Refuses at once when Content-Length already says
 * the body is longer; otherwise stops reading (and closes the stream) on the first byte past the cap.
 */
export async function readCappedBody(
  body: BodyStream,
  contentLength: string | string[] | undefined,
  maxBytes: number,
): Promise<string> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(body);
    throw new ResponseTooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      // Leaving the loop by a throw also ends the iterator, but say it: nothing more is read.
      discard(body);
      throw new ResponseTooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Stops the stream; the abort it reports is expected, not an error anyone must handle. */
function discard(body: BodyStream): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** A byte count as people read it: `32 MiB`, `1.5 KiB`, `900 bytes`. */
export function bytesText(bytes: number): string {
  const units = [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
