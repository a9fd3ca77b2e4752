import type { OnModuleInit } from '@nestjs/common';
import { ApiError, type CursorPosition, decodeCursor, encodeCursor, type Page, type PageRequest } from '@plenary/core';
import { type Model, type QueryFilter, type SortOrder, Types, type UpdateQuery } from 'mongoose';
import { isDuplicateKeyError, rethrowDuplicateKey } from './duplicate-key.js';
import { allOf } from './filters.js';

/** An ObjectId-valued field as records carry it: a hex string, comparable with `===`. */
type Plain<V> = [V] extends [Types.ObjectId]
  ? string
  : [V] extends [Types.ObjectId | null]
    ? string | null
    : [V] extends [Types.ObjectId[]]
      ? string[]
      : V;

/**
 * A document as the repositories hand it out: a plain object with a string `id`, no `_id`, and
 * every top-level ObjectId (or array of them) as a string, so access rules compare ids as strings.
 */
export type PlainRecord<T> = { [K in Exclude<keyof T, '_id' | '__v'>]: Plain<T[K]> } & { id: string };

export interface SortSpec {
  /** An always-set, indexed field; `_id` sorts by creation. */
  field: string;
  direction: 1 | -1;
  /** What the field holds (default string); date cursors carry epoch milliseconds. */
  kind?: 'string' | 'number' | 'date';
  /**
   * No two documents of the list share the field's value (a unique index on the list's equality
   * fields and this one says so): the list sorts by the field alone, which that index serves.
   */
  unique?: boolean;
}

/** The largest epoch milliseconds a Date holds (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;
const MAX_CURSOR_TEXT = 1_000;

type Stored<T> = T & { _id: Types.ObjectId };

/**
 * The one place that touches a mongoose Model for an aggregate. Reads are lean and come back as
 * plain records; every list goes through `paginate`, a keyset (cursor) pagination on (field, _id).
 * A unique-index clash surfaces as DuplicateKeyError whatever the server's way of saying it.
 * On FerretDB, updates and deletes pass the database's write gate (see write-gate.ts).
 */
export abstract class BaseRepository<TSchema> implements OnModuleInit {
  protected constructor(protected readonly model: Model<TSchema>) {}

  /** Builds the indexes the schema declares before the first request is served. */
  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async findById(id: string): Promise<PlainRecord<TSchema> | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.findOne({ _id: id } as QueryFilter<TSchema>);
  }

  /** Stores a new document; throws DuplicateKeyError when a unique index refuses it. */
  protected async insertOne(document: Partial<Record<keyof TSchema | '_id', unknown>>): Promise<PlainRecord<TSchema>> {
    try {
      const [created] = await this.model.create([document as Partial<TSchema>]);
      return toRecord<TSchema>(created.toObject<Stored<TSchema>>());
    } catch (error) {
      rethrowDuplicateKey(error);
    }
  }

  protected async findOne(filter: QueryFilter<TSchema>): Promise<PlainRecord<TSchema> | null> {
    const document = await this.model.findOne(filter).lean<Stored<TSchema>>().exec();
    return document ? toRecord<TSchema>(document) : null;
  }

  protected async findMany(
    filter: QueryFilter<TSchema>,
    sort?: Record<string, SortOrder>,
    limit?: number,
  ): Promise<PlainRecord<TSchema>[]> {
    const query = this.model.find(filter);
    if (sort) query.sort(sort);
    if (limit !== undefined) query.limit(limit);
    const documents = await query.lean<Stored<TSchema>[]>().exec();
    return documents.map((document) => toRecord<TSchema>(document));
  }

  /**
   * Updates the first document matching the filter and returns it as it is now; null when none
   * matched. The filter may guard the change (a status, a role): on every server only one of two
   * concurrent guarded updates matches. Throws DuplicateKeyError when a unique index refuses it.
   */
  protected async updateOneAndGet(
    filter: QueryFilter<TSchema>,
    update: UpdateQuery<TSchema>,
  ): Promise<PlainRecord<TSchema> | null> {
    try {
      const document = await this.model
        .findOneAndUpdate(filter, update, { returnDocument: 'after', runValidators: true })
        .lean<Stored<TSchema>>()
        .exec();
      return document ? toRecord<TSchema>(document) : null;
    } catch (error) {
      rethrowDuplicateKey(error);
    }
  }

  /** Updates every document matching the filter; the number changed. */
  protected async updateMany(filter: QueryFilter<TSchema>, update: UpdateQuery<TSchema>): Promise<number> {
    const result = await this.model.updateMany(filter, update, { runValidators: true }).exec();
    return result.modifiedCount;
  }

  /**
   * Updates the document matching the filter, or inserts it. Two concurrent upserts of a new key
   * can both try the insert (MongoDB retries some of these itself, FerretDB never does): the one
   * the unique index refuses is retried once, and then updates the document the other inserted.
   */
  protected async upsert(filter: QueryFilter<TSchema>, update: UpdateQuery<TSchema>): Promise<void> {
    const write = () => this.model.updateOne(filter, update, { upsert: true, runValidators: true }).exec();
    try {
      await write();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      try {
        await write();
      } catch (again) {
        rethrowDuplicateKey(again);
      }
    }
  }

  /**
   * Applies the update to the document matching the filter, inserting it when there is none, and
   * returns the document as it was before (null when this call inserted it). A concurrent insert
   * of the same key is retried once, as in `upsert`.
   */
  protected async upsertAndGetPrevious(
    filter: QueryFilter<TSchema>,
    update: UpdateQuery<TSchema>,
  ): Promise<PlainRecord<TSchema> | null> {
    const write = async () => {
      const document = await this.model
        .findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'before', runValidators: true })
        .lean<Stored<TSchema>>()
        .exec();
      return document ? toRecord<TSchema>(document) : null;
    };
    try {
      return await write();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      try {
        return await write();
      } catch (again) {
        rethrowDuplicateKey(again);
      }
    }
  }

  /** True when a document matched and was deleted. */
  protected async deleteOne(filter: QueryFilter<TSchema>): Promise<boolean> {
    const result = await this.model.deleteOne(filter).exec();
    return result.deletedCount === 1;
  }

  protected async deleteMany(filter: QueryFilter<TSchema>): Promise<number> {
    const result = await this.model.deleteMany(filter).exec();
    return result.deletedCount;
  }

  protected count(filter: QueryFilter<TSchema>): Promise<number> {
    return this.model.countDocuments(filter).exec();
  }

  /** The filter with its values cast as a query would cast them (ids to ObjectIds): aggregation stages are not cast. */
  protected cast(filter: QueryFilter<TSchema>): Record<string, unknown> {
    const query = this.model.find(filter);
    query.cast();
    return query.getFilter() as Record<string, unknown>;
  }

  protected async paginate(
    filter: QueryFilter<TSchema>,
    sort: SortSpec,
    request: PageRequest,
  ): Promise<Page<PlainRecord<TSchema>>> {
    const after = request.cursor ? [afterPosition<TSchema>(positionIn(request.cursor, sort), sort)] : [];
    const documents = await this.model
      .find(allOf(filter, ...after))
      .sort(
        sort.field === '_id' || sort.unique
          ? { [sort.field]: sort.direction }
          : { [sort.field]: sort.direction, _id: sort.direction },
      )
      .limit(request.limit + 1)
      .lean<Stored<TSchema>[]>()
      .exec();
    const items = documents.slice(0, request.limit);
    const last = documents.length > request.limit ? items[items.length - 1] : undefined;
    return {
      items: items.map((document) => toRecord<TSchema>(document)),
      nextCursor: last ? encodeCursor(positionOf(last as unknown as Record<string, unknown>, sort)) : null,
    };
  }
}

export function toRecord<T>(document: T & { _id: Types.ObjectId }): PlainRecord<T> {
  const { _id, __v: _version, ...rest } = document as T & { _id: Types.ObjectId; __v?: number };
  const record: Record<string, unknown> = { id: _id.toString() };
  for (const [key, value] of Object.entries(rest)) record[key] = plainValue(value);
  return record as PlainRecord<T>;
}

function plainValue(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return value.toString();
  if (Array.isArray(value) && value.some((item) => item instanceof Types.ObjectId)) {
    return value.map((item: unknown) => (item instanceof Types.ObjectId ? item.toString() : item));
  }
  return value;
}

function positionOf(document: Record<string, unknown>, sort: SortSpec): CursorPosition {
  const id = String(document._id);
  if (sort.field === '_id') return { value: null, id };
  const value = document[sort.field];
  return { value: value instanceof Date ? value.getTime() : (value as string | number), id, sortedBy: sort.field };
}

/**
 * The position a cursor names, checked against the list's sort: a cursor is only what a previous
 * page of a list sorted the same way could have made (an id, the sort field, and a value of its
 * kind), else a 400.
 */
function positionIn(cursor: string, sort: SortSpec): CursorPosition {
  const position = decodeCursor(cursor);
  const { value } = position;
  const kind = sort.field === '_id' ? 'none' : (sort.kind ?? 'string');
  const fits =
    /^[0-9a-f]{24}$/.test(position.id) &&
    (position.sortedBy ?? '_id') === sort.field &&
    (kind === 'none'
      ? value === null
      : kind === 'string'
        ? typeof value === 'string' && value.length <= MAX_CURSOR_TEXT
        : typeof value === 'number' &&
          Number.isFinite(value) &&
          (kind === 'number' || (Number.isInteger(value) && Math.abs(value) <= MAX_DATE_MS)));
  if (!fits) throw ApiError.invalidField('cursor', 'must be a cursor returned by a previous page');
  return position;
}

function afterPosition<T>(position: CursorPosition, sort: SortSpec): QueryFilter<T> {
  const operator = sort.direction === 1 ? '$gt' : '$lt';
  const id = new Types.ObjectId(position.id);
  if (sort.field === '_id') return { _id: { [operator]: id } } as QueryFilter<T>;
  const value = sort.kind === 'date' ? new Date(position.value as number) : position.value;
  if (sort.unique) return { [sort.field]: { [operator]: value } } as QueryFilter<T>;
  return {
    $or: [{ [sort.field]: { [operator]: value } }, { [sort.field]: value, _id: { [operator]: id } }],
  } as QueryFilter<T>;
}
