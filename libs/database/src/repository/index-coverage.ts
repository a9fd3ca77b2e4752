import type { Schema } from 'mongoose';
import { allOf } from './filters.js';

/**
 * Does a declared index serve a query? A static check of a filter and a sort against a schema's indexes, made for
 * unit tests (FerretDB's explain says nothing about indexes, and tests do not run on MongoDB). It follows MongoDB's
 * planner in the ways that matter for lists:
 *
 * - An index serves a query when its keys hold, in order: the fields the filter fixes (equality, `$in`, or an anchored
 *   case-sensitive regex — a word prefix; on an array field too, which the index holds one key per element of), then
 *   the sort fields in the sort's order and directions (or all reversed; a sort field the filter fixes to one value
 *   drops out of the sort, and a fixed field may sit between sort fields), then fields under a range or checked on
 *   the index keys. A sort the index does not give is not served: lists paginate, and a sort in memory reads every
 *   match before returning the first. The planner does not use an index's uniqueness: a unique (a, b) does not give
 *   the sort { b, _id } for a fixed a.
 * - An anchored prefix is a range of keys, counted here as fixing its field: the index bounds the scan to the words
 *   that start so, but gives the sort that follows in order only within each word, so MongoDB sorts the matches (or
 *   walks another index in sort order and filters). The branch's notes say so wherever it happens.
 * - `$and` conditions add up. An `$or` is served when each of its branches, with the conditions around it, is (the
 *   planner scans each branch and merges them in sort order): a keyset cursor's `$or` is.
 * - Some conditions may be residual: evaluated on the documents the index returns rather than bounded by it (access
 *   conditions that hold for nearly all the documents of the scanned range, facets that narrow a search). They are
 *   named by field (`residual`), or given as whole sub-filters (`residualFilters`: an access filter, say, wherever it
 *   appears: as the filter, as one of its `$and` conditions, or spread among its top-level conditions as `allOf`
 *   leaves it; compared entry by entry, by JSON once cast). Every other condition
 *   must be bounded by the index; an `$or` whose branches hold only residual conditions is residual as a whole.
 *   Operators that bound no index (`$ne`, `$nin`, `$exists`, `$not`, `$nor`, an unanchored or case-insensitive regex,
 *   `$expr`…) can only be residual.
 *
 * Partial, sparse, text, hashed and geo indexes are not considered (they serve some queries only).
 */

export type IndexKeys = Record<string, unknown>;

/** An index as `schema.indexes()` lists it: its keys and its options. */
export interface DeclaredIndex {
  keys: IndexKeys;
  options: Record<string, unknown>;
}

export interface CoverageQuery {
  filter: Record<string, unknown>;
  /** As mongoose holds it (`query.getOptions().sort`): field → 1 | -1 (or 'asc' | 'desc'). */
  sort?: Record<string, unknown> | null;
}

export interface CoverageOptions {
  /** Fields whose conditions may be evaluated on the documents the index returns instead of being bounded by it. */
  residual?: readonly string[];
  /** Sub-filters evaluated on the documents as a whole, wherever they appear (compared by their JSON). */
  residualFilters?: readonly Record<string, unknown>[];
  /** Array fields (multikey in an index); from the schema when a schema is given. */
  arrays?: readonly string[];
  /** Leave out the `_id` index every collection has (default: counted). */
  withoutIdIndex?: boolean;
}

/** How one branch of the query (the whole query unless an `$or` had to be served branch by branch) is served. */
export interface BranchCoverage {
  /** The branch's conditions, as "field op" (`categoryId =`, `lastActivityAt <`, `terms ^prefix`…). */
  conditions: string[];
  /** The index that serves it, as `{ field: 1, … }`; null when none does. */
  index: string | null;
  /** The fields the index bounds, or checks on its keys. */
  bounded: string[];
  /** The fields evaluated on the documents the index returns. */
  residual: string[];
  /** Remarks on the plan (a prefix before the sort keys, several conditions on one array field…). */
  notes: string[];
  /** Why no index serves the branch: what the closest index lacks. */
  problem?: string;
}

export interface Coverage {
  served: boolean;
  branches: BranchCoverage[];
}

/** The indexes a schema declares (`schema.indexes()`), and the `_id` index every collection has. */
export function declaredIndexes(schema: Schema, withoutIdIndex = false): DeclaredIndex[] {
  const declared = schema.indexes().map(([keys, options]) => ({
    keys: keys as IndexKeys,
    options: (options ?? {}) as Record<string, unknown>,
  }));
  return withoutIdIndex ? declared : [{ keys: { _id: 1 }, options: { unique: true } }, ...declared];
}

/** The schema's paths that hold arrays of values. */
export function arrayPaths(schema: Schema): string[] {
  const arrays: string[] = [];
  schema.eachPath((path, type) => {
    if (type.instance === 'Array') arrays.push(path);
  });
  return arrays;
}

/** Checks the query against the indexes the schema declares (see the file's comment for the rules). */
export function indexCoverage(schema: Schema, query: CoverageQuery, options: CoverageOptions = {}): Coverage {
  return coverageByIndexes(declaredIndexes(schema, options.withoutIdIndex), query, {
    ...options,
    arrays: options.arrays ?? arrayPaths(schema),
  });
}

/** The same check against a list of indexes. */
export function coverageByIndexes(
  indexes: readonly DeclaredIndex[],
  query: CoverageQuery,
  options: CoverageOptions = {},
): Coverage {
  const context: Context = {
    indexes: indexes.filter(usable),
    residual: new Set(options.residual ?? []),
    arrays: new Set(options.arrays ?? []),
    sort: sortKeys(query.sort),
  };
  const residualFilters = (options.residualFilters ?? []).map((filter) => entriesOf(allOf(filter)));
  const branches = coverBranch(parse(query.filter, residualFilters), context);
  return { served: branches.every((branch) => branch.index !== null), branches };
}

/** The coverage in a few lines, for test messages and reports. */
export function describeCoverage(coverage: Coverage): string {
  return coverage.branches
    .map((branch) => {
      const where = branch.conditions.join(', ') || 'no condition';
      if (branch.index === null) return `[${where}]: NOT SERVED: ${branch.problem}`;
      const residual = branch.residual.length > 0 ? `; on the documents: ${branch.residual.join(', ')}` : '';
      const notes = branch.notes.length > 0 ? ` (${branch.notes.join('; ')})` : '';
      return `[${where}]: ${branch.index}${residual}${notes}`;
    })
    .join('\n');
}

export function describeIndex(keys: IndexKeys): string {
  return `{ ${Object.entries(keys)
    .map(([field, direction]) => `${field}: ${String(direction)}`)
    .join(', ')} }`;
}

/** What a condition lets an index do: fix a key to points, bound it to a prefix or a range, or nothing. */
type Kind = 'point' | 'prefix' | 'range' | 'none';

interface Condition {
  field: string;
  kind: Kind;
  /** More than one value: an `$in` of several. */
  values?: number;
  text: string;
  /** Part of a residual sub-filter. */
  residual?: boolean;
}

/** A conjunction: conditions that all hold, and `$or` groups of which one branch each holds. */
interface Conjunction {
  conditions: Condition[];
  ors: Conjunction[][];
}

interface SortKey {
  field: string;
  direction: 1 | -1;
}

interface Context {
  indexes: DeclaredIndex[];
  residual: Set<string>;
  arrays: Set<string>;
  sort: SortKey[];
}

/** More branches than this (the product of the `$or`s that need serving) are not tried. */
const MAX_BRANCHES = 256;

function usable(index: DeclaredIndex): boolean {
  return (
    index.options.partialFilterExpression === undefined &&
    index.options.sparse !== true &&
    Object.values(index.keys).every((direction) => direction === 1 || direction === -1)
  );
}

function sortKeys(sort: CoverageQuery['sort']): SortKey[] {
  return Object.entries(sort ?? {}).map(([field, direction]) => {
    const text = String(direction).toLowerCase();
    if (direction === 1 || text === '1' || text === 'asc' || text === 'ascending') return { field, direction: 1 };
    if (direction === -1 || text === '-1' || text === 'desc' || text === 'descending') return { field, direction: -1 };
    throw new Error(`index coverage: cannot read the sort on ${field}: ${JSON.stringify(direction)}`);
  });
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof RegExp) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false; // ObjectId, Date, Buffer, Decimal128…
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** An anchored, case-sensitive pattern without alternation: a prefix of keys. */
function regexKind(source: string, flags: string): Kind {
  const anchored = source.startsWith('^') || source.startsWith('\\A');
  const alternation = /(^|[^\\])\|/.test(source);
  return anchored && !alternation && !flags.includes('i') && !flags.includes('m') && !flags.includes('x')
    ? 'prefix'
    : 'none';
}

/** A filter as its top-level entries, `$and` spread into one entry per part, each with its JSON. */
type Entries = { key: string; value: unknown; json: string }[];

function entriesOf(filter: Record<string, unknown>): Entries {
  return Object.entries(filter).flatMap(([key, value]) =>
    key === '$and'
      ? (value as unknown[]).map((part) => ({ key, value: part, json: JSON.stringify(part) }))
      : [{ key, value, json: JSON.stringify(value) }],
  );
}

/**
 * The entries of the filter that make up residual filters: those of each residual filter whose every entry the
 * filter holds (so a residual filter is found as the whole filter, as one of its `$and` parts, or spread among its
 * top-level conditions, as `allOf` leaves it).
 */
function residualEntries(entries: Entries, residualFilters: Entries[]): Set<number> {
  const residual = new Set<number>();
  for (const wanted of residualFilters) {
    const found = wanted.map(({ key, json }) => entries.findIndex((entry) => entry.key === key && entry.json === json));
    if (found.length > 0 && found.every((index) => index >= 0)) found.forEach((index) => residual.add(index));
  }
  return residual;
}

function parse(filter: Record<string, unknown>, residualFilters: Entries[]): Conjunction {
  const entries = entriesOf(filter);
  const residual = residualEntries(entries, residualFilters);
  const conjunction: Conjunction = { conditions: [], ors: [] };
  entries.forEach(({ key, value }, index) => {
    const part = parseEntry(key, value, residual.has(index) ? [] : residualFilters);
    if (residual.has(index)) markResidual(part);
    merge(conjunction, part);
  });
  return conjunction;
}

function parseEntry(key: string, value: unknown, residualFilters: Entries[]): Conjunction {
  const conjunction: Conjunction = { conditions: [], ors: [] };
  if (key === '$and') {
    merge(conjunction, parse(value as Record<string, unknown>, residualFilters));
  } else if (key === '$or') {
    const branches = (value as Record<string, unknown>[]).map((branch) => parse(branch, residualFilters));
    if (branches.length === 1) merge(conjunction, branches[0]);
    else conjunction.ors.push(branches);
  } else if (key === '$nor') {
    // Never an index bound: a residual condition on every field it names.
    for (const field of fieldsOf(value)) conjunction.conditions.push({ field, kind: 'none', text: `${field} $nor` });
  } else if (key.startsWith('$')) {
    conjunction.conditions.push({ field: key, kind: 'none', text: key });
  } else {
    conjunction.conditions.push(...conditionsOn(key, value));
  }
  return conjunction;
}

function markResidual(conjunction: Conjunction): void {
  for (const condition of conjunction.conditions) condition.residual = true;
  for (const group of conjunction.ors) group.forEach(markResidual);
}

function merge(into: Conjunction, from: Conjunction): void {
  into.conditions.push(...from.conditions);
  into.ors.push(...from.ors);
}

function fieldsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(fieldsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    key.startsWith('$') ? fieldsOf(inner) : [key],
  );
}

function conditionsOn(field: string, value: unknown): Condition[] {
  if (value instanceof RegExp) {
    const kind = regexKind(value.source, value.flags);
    return [{ field, kind, text: `${field} ${kind === 'prefix' ? '^prefix' : '/regex/'}` }];
  }
  if (!isOperatorObject(value)) return [{ field, kind: 'point', text: `${field} =` }];
  const conditions: Condition[] = [];
  for (const [operator, operand] of Object.entries(value)) {
    switch (operator) {
      case '$eq':
        conditions.push(...conditionsOn(field, operand instanceof RegExp ? { $in: [operand] } : operand));
        break;
      case '$in': {
        const values = operand as unknown[];
        const regex = values.some((item) => item instanceof RegExp);
        conditions.push(
          regex
            ? { field, kind: 'none', text: `${field} $in /regex/` }
            : { field, kind: 'point', values: values.length, text: values.length === 1 ? `${field} =` : `${field} in` },
        );
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        conditions.push({
          field,
          kind: 'range',
          text: `${field} ${{ $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[operator]}`,
        });
        break;
      case '$regex': {
        const flags = String(value.$options ?? '') + (operand instanceof RegExp ? operand.flags : '');
        const kind = regexKind(operand instanceof RegExp ? operand.source : String(operand), flags);
        conditions.push({ field, kind, text: `${field} ${kind === 'prefix' ? '^prefix' : '/regex/'}` });
        break;
      }
      case '$options':
        break;
      default:
        conditions.push({ field, kind: 'none', text: `${field} ${operator}` });
    }
  }
  return conditions;
}

function isResidual(condition: Condition, context: Context): boolean {
  return condition.residual === true || context.residual.has(condition.field);
}

/** Does this `$or` hold only residual conditions (then it is checked on the documents, as a whole)? */
function residualOnly(branches: Conjunction[], context: Context): boolean {
  return branches.every(
    (branch) =>
      branch.conditions.every((condition) => isResidual(condition, context)) &&
      branch.ors.every((group) => residualOnly(group, context)),
  );
}

function coverBranch(conjunction: Conjunction, context: Context): BranchCoverage[] {
  const split = conjunction.ors.findIndex((group) => !residualOnly(group, context));
  if (split >= 0) {
    const others = conjunction.ors.filter((_, index) => index !== split);
    const branches = conjunction.ors[split].flatMap((branch) =>
      coverBranch(
        { conditions: [...conjunction.conditions, ...branch.conditions], ors: [...others, ...branch.ors] },
        context,
      ),
    );
    if (branches.length > MAX_BRANCHES) {
      return [{ ...empty(conjunction), problem: `more than ${MAX_BRANCHES} $or branches to serve one by one` }];
    }
    return branches;
  }
  const residualOrs = conjunction.ors.flat().flatMap((branch) => describeConjunction(branch));
  const candidates = context.indexes.map((index) => fit(index, conjunction.conditions, context));
  const serving = candidates.filter((candidate) => candidate.problem === undefined);
  // The serving index that bounds the most (the fewest keys on a tie); else the one that got furthest.
  const best = (serving.length > 0 ? serving : candidates).sort(
    (a, b) =>
      b.bounded.length - a.bounded.length || Object.keys(a.index.keys).length - Object.keys(b.index.keys).length,
  )[0];
  const conditions = conjunction.conditions.map((condition) => condition.text);
  if (best === undefined) return [{ ...empty(conjunction), problem: 'no index is declared' }];
  if (best.problem !== undefined) {
    return [
      {
        ...empty(conjunction),
        problem: `closest: ${describeIndex(best.index.keys)}: ${best.problem}`,
      },
    ];
  }
  const bounded = new Set(best.bounded);
  return [
    {
      conditions,
      index: describeIndex(best.index.keys),
      bounded: best.bounded,
      residual: [
        ...new Set([
          ...conjunction.conditions
            .filter((condition) => !bounded.has(condition.field) || best.extra.has(condition))
            .map((condition) => condition.text),
          ...(residualOrs.length > 0 ? [`$or(${residualOrs.join(' | ')})`] : []),
        ]),
      ],
      notes: best.notes,
    },
  ];
}

function empty(conjunction: Conjunction): BranchCoverage {
  return {
    conditions: conjunction.conditions.map((condition) => condition.text),
    index: null,
    bounded: [],
    residual: [],
    notes: [],
  };
}

function describeConjunction(conjunction: Conjunction): string {
  return [
    ...conjunction.conditions.map((condition) => condition.text),
    ...conjunction.ors.map((group) => `$or(${group.map(describeConjunction).join(' | ')})`),
  ].join(' & ');
}

interface Fit {
  index: DeclaredIndex;
  /** Fields the index bounds or checks on its keys. */
  bounded: string[];
  /** Conditions on a bounded field that the index does not use (a second one on an array field): residual. */
  extra: Set<Condition>;
  notes: string[];
  problem?: string;
}

/** Walks the index's keys: fixed fields, then the sort, then the rest (see the file's comment). */
function fit(index: DeclaredIndex, conditions: Condition[], context: Context): Fit {
  const keys = Object.entries(index.keys).map(([field, direction]) => ({ field, direction: direction as 1 | -1 }));
  const on = (field: string, ...kinds: Kind[]) =>
    conditions.filter((condition) => condition.field === field && kinds.includes(condition.kind));
  const fixedToOne = (field: string) => on(field, 'point').some((condition) => (condition.values ?? 1) === 1);
  const sort = context.sort.filter((key) => !fixedToOne(key.field));
  const bounded: string[] = [];
  const used = new Set<Condition>();
  const notes: string[] = [];
  const bound = (field: string, condition: Condition) => {
    bounded.push(field);
    used.add(condition);
  };

  let i = 0;
  // The fixed prefix: points, and anchored prefixes (a range of keys, counted as fixed: see the file's comment).
  for (; i < keys.length; i++) {
    const [point] = on(keys[i].field, 'point');
    const [prefix] = on(keys[i].field, 'prefix');
    if (point) {
      bound(keys[i].field, point);
      if ((point.values ?? 1) > 1 && sort.length > 0) {
        notes.push(`${point.text}: one scan per value, merged in sort order`);
      }
    } else if (prefix) {
      bound(keys[i].field, prefix);
      if (sort.length > 0) {
        notes.push(
          `${keys[i].field} ^prefix: a range of keys; the sort is in order within each key, not across them ` +
            `(MongoDB sorts the matching entries, or walks another index in order)`,
        );
      }
    } else break;
  }
  // The sort, in order, all in the index's directions or all reversed.
  let reversed: boolean | undefined;
  for (const key of sort) {
    while (i < keys.length && keys[i].field !== key.field) {
      const [point] = on(keys[i].field, 'point');
      if (!point) break;
      bound(keys[i].field, point);
      i++;
    }
    if (i >= keys.length || keys[i].field !== key.field) {
      return failure(index, `does not give the sort on ${key.field} ${key.direction} (${sortText(sort)})`, bounded);
    }
    if (context.arrays.has(key.field)) return failure(index, `${key.field} is an array: it gives no sort`, bounded);
    const against = keys[i].direction !== key.direction;
    if (reversed !== undefined && reversed !== against) {
      return failure(index, `sorts ${sortText(sort)} in mixed directions against its keys`, bounded);
    }
    reversed = against;
    const [range] = on(key.field, 'range', 'prefix', 'point');
    if (range) bound(key.field, range);
    i++;
  }
  // After the sort: ranges, and any condition checked on the index keys.
  for (; i < keys.length; i++) {
    const [condition] = on(keys[i].field, 'point', 'prefix', 'range');
    if (condition) bound(keys[i].field, condition);
  }

  const first = keys[0]?.field;
  const required = conditions.filter((condition) => !isResidual(condition, context));
  const missing = required.find((condition) => !bounded.includes(condition.field));
  if (missing) {
    return failure(
      index,
      missing.kind === 'none'
        ? `${missing.text} cannot bound an index, and is not residual`
        : `${missing.field} is not in it where it could serve (${missing.text})`,
      bounded,
    );
  }
  if (!bounded.includes(first) && sort.length === 0) {
    return failure(index, `nothing bounds its first key, ${first}, and it gives no sort: a full scan`, bounded);
  }
  if (!bounded.includes(first)) notes.push('walks the whole index in sort order');
  if (reversed) notes.push('walked in reverse');
  const extra = new Set(conditions.filter((condition) => bounded.includes(condition.field) && !used.has(condition)));
  for (const condition of extra) {
    if (condition.kind !== 'none' && context.arrays.has(condition.field)) {
      notes.push(
        `${condition.text}: one condition on the array ${condition.field} bounds the index, the others are checked on the documents`,
      );
    }
  }
  return { index, bounded: [...new Set(bounded)], extra, notes: [...new Set(notes)] };
}

function failure(index: DeclaredIndex, problem: string, bounded: string[]): Fit {
  return { index, bounded: [...new Set(bounded)], extra: new Set(), notes: [], problem };
}

function sortText(sort: SortKey[]): string {
  return `{ ${sort.map((key) => `${key.field}: ${key.direction}`).join(', ')} }`;
}
