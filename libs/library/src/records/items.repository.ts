import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { ItemStatus, LibraryAudience, ReviewableKind } from '../model/library-kinds.js';
import { LibraryItem, type LibraryItemRecord } from './item.schema.js';

/** The catalogue's shape of an item's content (see item.schema.ts). */
export type CatalogueFields = Pick<
  LibraryItem,
  | 'title'
  | 'type'
  | 'year'
  | 'objectives'
  | 'principles'
  | 'regions'
  | 'countries'
  | 'languages'
  | 'organisations'
  | 'tags'
  | 'terms'
> & { fileIds: string[] };

export type NewItem = CatalogueFields & {
  kind: ReviewableKind;
  status: ItemStatus;
  authorId: string;
  groupId: string | null;
  audience: LibraryAudience;
  content: Record<string, unknown>;
  version: number;
};

/** One facet's counts: value → number of items. */
export type FacetCounts = Map<string | number, number>;

@Injectable()
export class ItemsRepository extends BaseRepository<LibraryItem> {
  constructor(@InjectModel(LibraryItem.name) model: Model<LibraryItem>) {
    super(model);
  }

  /** Stores the item under `id` (made beforehand, so that its files are attached to it first). */
  create(id: string, item: NewItem): Promise<LibraryItemRecord> {
    return this.insertOne({
      ...item,
      _id: new Types.ObjectId(id),
      fileIds: item.fileIds.map((f) => new Types.ObjectId(f)),
    });
  }

  async findOfKind(kind: ReviewableKind, id: string): Promise<LibraryItemRecord | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.findOne({ _id: id, kind });
  }

  /** Replaces the content (and its catalogue shape) while the item is in one of `statuses`; null when it no longer is. */
  updateContent(
    id: string,
    statuses: readonly ItemStatus[],
    content: Record<string, unknown>,
    fields: CatalogueFields,
    version: number,
  ): Promise<LibraryItemRecord | null> {
    return this.updateOneAndGet(
      { _id: id, status: { $in: statuses } },
      { $set: { ...fields, fileIds: fields.fileIds.map((f) => new Types.ObjectId(f)), content, version } },
    );
  }

  /** Moves the item from one of `from` to `to` (a guarded update: one of two concurrent moves wins); null otherwise. */
  transition(
    id: string,
    from: readonly ItemStatus[],
    to: ItemStatus,
    extra: Partial<Pick<LibraryItem, 'submittedAt' | 'publishedAt' | 'publishedVersion' | 'terms'>> = {},
  ): Promise<LibraryItemRecord | null> {
    return this.updateOneAndGet({ _id: id, status: { $in: from } }, { $set: { status: to, ...extra } });
  }

  /** A page of the items `filter` lets through, newest first. */
  listNewest(filter: QueryFilter<LibraryItem>, page: PageRequest): Promise<Page<LibraryItemRecord>> {
    return this.paginate(filter, { field: '_id', direction: -1 }, page);
  }

  /** The catalogue: published items the conditions let through, latest published first. */
  catalogue(conditions: QueryFilter<LibraryItem>[], page: PageRequest): Promise<Page<LibraryItemRecord>> {
    return this.paginate(allOf(...conditions), { field: 'publishedAt', direction: -1, kind: 'date' }, page);
  }

  /**
   * Counts of one field's values over the items the conditions let through: one aggregation per
   * facet, with one `$group` accumulator (FerretDB 1.24 gets a second one wrong), arrays unwound.
   */
  async facet(conditions: QueryFilter<LibraryItem>[], field: string, isArray: boolean): Promise<FacetCounts> {
    const counts = await this.model
      .aggregate<{ _id: string | number | null; count: number }>([
        { $match: this.cast(allOf(...conditions)) },
        // no $project: FerretDB 1.24 takes a field path there for a literal
        ...(isArray ? [{ $unwind: `$${field}` }] : []),
        { $group: { _id: `$${field}`, count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(
      counts.filter((c) => c._id !== null && c._id !== undefined).map((c) => [c._id as string | number, c.count]),
    );
  }

  countMatching(conditions: QueryFilter<LibraryItem>[]): Promise<number> {
    return this.count(allOf(...conditions));
  }

  byIds(ids: string[]): Promise<LibraryItemRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.findMany({ _id: { $in: ids } });
  }

  byAuthor(authorId: string): Promise<LibraryItemRecord[]> {
    return this.findMany({ authorId }, { _id: 1 });
  }

  async setAudienceOfGroup(groupId: string, audience: LibraryAudience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteInGroup(groupId: string): Promise<string[]> {
    const ids = (await this.findMany({ groupId })).map((item) => item.id);
    await this.deleteMany({ groupId });
    return ids;
  }
}
