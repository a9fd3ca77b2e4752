import type { OnModuleInit } from '@nestjs/common';
import { type CursorPosition, decodeCursor, encodeCursor, type Page } from '@plenary/core';
import { type QueryFilter, type Model, Types } from 'mongoose';

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
  /** The field holds dates; cursors carry them as epoch milliseconds. */
  isDate?: boolean;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/**
 * The one place that touches a mongoose Model for an aggregate. Reads are lean and come back as
 * plain records; every list goes through `paginate`, a keyset (cursor) pagination on (field, _id).
 */
export abstract class BaseRepository<TSchema> implements OnModuleInit {
  protected constructor(protected readonly model: Model<TSchema>) {}

  /** Builds the indexes the schema declares before the first request is served. */
  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async findById(id: string): Promise<PlainRecord<TSchema> | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const document = await this.model.findById(id).lean<TSchema & { _id: Types.ObjectId }>().exec();
    return document ? toRecord<TSchema>(document) : null;
  }

  protected async paginate(
    filter: QueryFilter<TSchema>,
    sort: SortSpec,
    request: PageRequest,
  ): Promise<Page<PlainRecord<TSchema>>> {
    const conditions: QueryFilter<TSchema>[] = [filter];
    if (request.cursor) conditions.push(afterPosition(decodeCursor(request.cursor), sort));
    const documents = await this.model
      .find(conditions.length === 1 ? filter : ({ $and: conditions } as QueryFilter<TSchema>))
      .sort(sort.field === '_id' ? { _id: sort.direction } : { [sort.field]: sort.direction, _id: sort.direction })
      .limit(request.limit + 1)
      .lean<(TSchema & { _id: Types.ObjectId })[]>()
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
  return { value: value instanceof Date ? value.getTime() : (value as string | number), id };
}

function afterPosition<T>(position: CursorPosition, sort: SortSpec): QueryFilter<T> {
  const operator = sort.direction === 1 ? '$gt' : '$lt';
  if (!Types.ObjectId.isValid(position.id)) return { _id: { $exists: false } } as QueryFilter<T>;
  const id = new Types.ObjectId(position.id);
  if (sort.field === '_id') return { _id: { [operator]: id } } as QueryFilter<T>;
  const value = sort.isDate && typeof position.value === 'number' ? new Date(position.value) : position.value;
  return {
    $or: [{ [sort.field]: { [operator]: value } }, { [sort.field]: value, _id: { [operator]: id } }],
  } as QueryFilter<T>;
}
