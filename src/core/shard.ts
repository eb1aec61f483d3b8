// Sharding: `--shard i/n` splits a project's plans over n CI runners, each covering exactly one
// share. A plan's shard is a stable hash of provider, connection and plan key, so it does not move
// when other plans are added or removed, and every runner computes the same split.

import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

const MAX_SHARDS = 256;

/** Parses `i/n` (1 ≤ i ≤ n ≤ 256); returns a message for the user when it is not one. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  if (!match) return `expected i/n, e.g. 1/4 (got "${text}")`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return `n must be between 1 and ${MAX_SHARDS} (got ${count})`;
  if (index < 1 || index > count) return `i must be between 1 and ${count} (got ${index})`;
  return { index, count };
}

/** The 1-based shard that owns a plan key of a connection. */
export function shardOf(provider: string, connection: string, key: string, count: number): number {
  const digest = createHash('sha256').update(`${provider}\0${connection}\0${key}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(shard: Shard, provider: string, connection: string, key: string): boolean {
  return shardOf(provider, connection, key, shard.count) === shard.index;
}
