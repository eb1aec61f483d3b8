// Building live objects the same way for every provider, so fingerprints compare across reads.

import type { LiveObject } from './model.js';
import { fingerprintOf } from './plan-file.js';
import type { Attrs } from './value.js';

export function liveObject(id: string, attrs: Attrs): LiveObject {
  return { id, attrs, fingerprint: fingerprintOf({ id, attrs }) };
}
