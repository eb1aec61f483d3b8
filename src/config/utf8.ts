// Strict UTF-8 decoding with a position for the first bad byte, so a file saved in Latin-1 (or with
// a stray binary byte) gets a located error rather than silently mangled text.

import type { SourceLocation } from '../errors.js';

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) min = 0xa0;
      if (lead === 0xed) max = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f;
    } else return index;
    if (index + length > bytes.length) return index;
    const second = bytes[index + 1] ?? 0;
    if (second < min || second > max) return index;
    for (let next = 2; next < length; next++) {
      const byte = bytes[index + next] ?? 0;
      if (byte < 0x80 || byte > 0xbf) return index;
    }
    index += length;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset that follows valid UTF-8. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  return { line: lines.length, column: [...last].length + 1 };
}

export type DecodeResult =
  { ok: true; text: string } | { ok: false; location: SourceLocation; byte: number; offset: number };

/** Decode strictly; on failure say where the first bad byte is. A leading BOM is dropped. */
export function decodeUtf8(file: string, bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    return {
      ok: false,
      location: { file, ...positionOf(bytes, offset) },
      byte: bytes[offset] ?? 0,
      offset,
    };
  }
}
