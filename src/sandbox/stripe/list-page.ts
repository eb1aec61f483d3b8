// Stripe's cursor pages (reference §10.1): `limit` 1–100 (default 10), `starting_after` (objects
// after that id) or `ending_before` (objects before it), never both, and `has_more`. The cursor must
// name an object of the listed kind. The answer is `{object: 'list', url, has_more, data}`. Both lists
// also filter on `created`.

import { invalid, noSuch } from './errors.js';
import type { FormObject, FormValue } from './form.js';
import { checkKnown, readInteger, readObject, readRequiredString } from './params.js';

export interface PageRequest {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

export function readPage(form: FormObject): PageRequest {
  const limit = form.limit === undefined ? 10 : readInteger(form.limit, 'limit', { min: 1, max: 100 });
  if (form.starting_after !== undefined && form.ending_before !== undefined) {
    throw invalid('You may only specify one of these parameters: ending_before, starting_after.', {
      param: 'ending_before',
      code: 'parameters_exclusive',
    });
  }
  return {
    limit,
    ...(form.starting_after !== undefined && {
      startingAfter: readRequiredString(form.starting_after, 'starting_after'),
    }),
    ...(form.ending_before !== undefined && {
      endingBefore: readRequiredString(form.ending_before, 'ending_before'),
    }),
  };
}

/**
 * One page of `items` (already filtered and newest first); the cursor is looked up in `all`, the
 * unfiltered list of the kind, so a cursor that is filtered out still places the page.
 */
export function page<T extends { id: string }>(
  items: readonly T[],
  all: readonly T[],
  request: PageRequest,
  kind: 'product' | 'price',
): { data: T[]; has_more: boolean } {
  const position = (id: string, param: string): number => {
    const index = all.findIndex((item) => item.id === id);
    if (index === -1) throw noSuch(kind, id, param);
    return index;
  };
  const rank = new Map(all.map((item, index) => [item.id, index]));
  const rankOf = (item: T): number => rank.get(item.id) ?? -1;
  if (request.endingBefore !== undefined) {
    const cursor = position(request.endingBefore, 'ending_before');
    const before = items.filter((item) => rankOf(item) < cursor);
    const data = before.slice(Math.max(0, before.length - request.limit));
    return { data, has_more: before.length > data.length };
  }
  const cursor = request.startingAfter === undefined ? -1 : position(request.startingAfter, 'starting_after');
  const after = items.filter((item) => rankOf(item) > cursor);
  const data = after.slice(0, request.limit);
  return { data, has_more: after.length > data.length };
}

/** `created=<unix seconds>` or `created[gt|gte|lt|lte]=…`: the objects created in that range. */
export function readCreatedFilter(value: FormValue): (item: { created: number }) => boolean {
  if (typeof value === 'string') {
    const exact = readInteger(value, 'created');
    return (item) => item.created === exact;
  }
  const form = readObject(value, 'created');
  checkKnown(form, ['gt', 'gte', 'lt', 'lte'], 'created');
  const bound = (name: string): number | undefined =>
    form[name] === undefined ? undefined : readInteger(form[name], `created[${name}]`);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return ({ created }) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}
