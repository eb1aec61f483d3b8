// Metadata (reference §3): a string map whose updates merge — `metadata[k]=v` sets, `metadata[k]=`
// removes one key, `metadata=` removes all, unsent keys stay. At most 50 keys of ≤ 40 characters with
// values of ≤ 500. The limit messages are inferred.

import { invalid } from './errors.js';
import type { FormValue } from './form.js';
import { readObject, readString } from './params.js';

const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/** `current` with the sent metadata merged in; the limits apply to the result. */
export function mergeMetadata(current: Record<string, string>, sent: FormValue): Record<string, string> {
  if (sent === '') return {};
  const changes = readObject(sent, 'metadata');
  const merged = { ...current };
  for (const [key, raw] of Object.entries(changes)) {
    const param = `metadata[${key}]`;
    if (key.length > MAX_KEY_LENGTH) {
      throw invalid(`Metadata keys can have up to ${MAX_KEY_LENGTH} characters; ${key} has ${key.length}.`, {
        param,
      });
    }
    const value = readString(raw, param);
    if (value.length > MAX_VALUE_LENGTH) {
      throw invalid(
        `Metadata values can have up to ${MAX_VALUE_LENGTH} characters, but the value of ${key} has ${value.length}.`,
        {
          param,
        },
      );
    }
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  if (Object.keys(merged).length > MAX_KEYS) {
    throw invalid(`Metadata can have up to ${MAX_KEYS} keys.`, { param: 'metadata' });
  }
  return merged;
}
