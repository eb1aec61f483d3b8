// A J.P. Morgan MPS connection's options. Plans are deleted to retire them, so pruning deletes only
// when the connection opts in with `options.prune_delete: true`, besides `prune: true`.

import { found } from '../../config/describe-value.js';
import { typeHint } from '../../config/expected-words.js';
import type { OptionsParser } from '../rules.js';

export interface JpmOptions {
  /** Pruning may delete live plans no YAML plan declares (the default is false). */
  prune_delete: boolean;
}

export const jpmmpsOptions: OptionsParser<JpmOptions> = {
  keys: {
    prune_delete:
      'true lets `prune: true` delete live plans no YAML plan declares, as J.P. Morgan MPS retires plans by deleting them; default false',
  },
  parse({ options }) {
    const value = Object.hasOwn(options, 'prune_delete') ? options.prune_delete : undefined;
    if (value === undefined || typeof value === 'boolean') {
      return { options: { prune_delete: value === true }, findings: [] };
    }
    return {
      findings: [
        {
          at: ['options', 'prune_delete'],
          message: `expected true or false, ${found(value)}`,
          hint:
            typeHint(value, 'boolean') ??
            'pruning deletes J.P. Morgan MPS plans only with `prune_delete: true`; the default is false',
        },
      ],
    };
  },
};
