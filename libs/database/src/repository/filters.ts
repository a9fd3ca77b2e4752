import type { QueryFilter } from 'mongoose';

/**
 * The conjunction of filters as one filter whose plain conditions stay at the top level, with
 * `$and` only for what would clash (the same field or operator twice). MongoDB reads both forms
 * alike; FerretDB pushes only top-level equalities down to its backend, and a filter wrapped in
 * `$and` makes it read the whole collection.
 */
export function allOf<T>(...filters: QueryFilter<T>[]): QueryFilter<T> {
  const merged: Record<string, unknown> = {};
  const clashing: Record<string, unknown>[] = [];
  const add = (filter: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and') (value as Record<string, unknown>[]).forEach(add);
      else if (key in merged) clashing.push({ [key]: value });
      else merged[key] = value;
    }
  };
  (filters as Record<string, unknown>[]).forEach(add);
  if (clashing.length > 0) merged.$and = clashing;
  return merged as QueryFilter<T>;
}
