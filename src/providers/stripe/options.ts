// A Stripe connection's options. Products are archived to retire them; deleting one is opted into
// with `options.delete_unpriced_products: true`, and happens only for a product no price names
// (Stripe refuses to delete any other, stripe.md §8).

import { found } from '../../config/describe-value.js';
import { typeHint } from '../../config/expected-words.js';
import type { OptionsParser } from '../rules.js';

export interface StripeOptions {
  /** Pruning deletes a product that has no price at all, instead of archiving it (default false). */
  delete_unpriced_products: boolean;
}

export const stripeOptions: OptionsParser<StripeOptions> = {
  keys: {
    delete_unpriced_products:
      'true lets pruning delete a product that has no price at all (active or archived) instead of archiving it; default false',
  },
  parse({ options }) {
    const value = Object.hasOwn(options, 'delete_unpriced_products')
      ? options.delete_unpriced_products
      : undefined;
    if (value === undefined || typeof value === 'boolean') {
      return { options: { delete_unpriced_products: value === true }, findings: [] };
    }
    return {
      findings: [
        {
          at: ['options', 'delete_unpriced_products'],
          message: `expected true or false, ${found(value)}`,
          hint:
            typeHint(value, 'boolean') ??
            'Stripe products are archived unless this is true; the default is false',
        },
      ],
    };
  },
};
