// BlueSnap's HTTP Basic check. The header must be exactly `Basic <base64(user:pass)>` with one space:
// BlueSnap documents that extra spaces make the request fail, and a client that gets this wrong in the
// sandbox must fail here too rather than in production.

import { timingSafeEqual } from 'node:crypto';

export interface BlueSnapCredentials {
  username: string;
  password: string;
}

const BASIC_HEADER = /^Basic ([A-Za-z0-9+/]+={0,2})$/;

export function basicAuthMatches(header: string | undefined, credentials: BlueSnapCredentials): boolean {
  const match = header === undefined ? null : BASIC_HEADER.exec(header);
  const encoded = match?.[1];
  if (encoded === undefined) return false;
  const expected = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
  // Constant-time compare: the emulator is a model of good practice, and it costs nothing.
  const given = Buffer.from(encoded, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
