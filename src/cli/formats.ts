// The output formats of plan and show, apart from the renderers, so parsing the command line loads
// none of them.

import { UserError } from '../errors.js';

export const FORMATS = ['human', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UserError(`--format ${value}: expected one of ${FORMATS.join(', ')}`);
}
