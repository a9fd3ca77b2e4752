import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import type { ReviewableKind } from '../model/library-kinds.js';
import { LibraryVersion, type LibraryVersionRecord } from './version.schema.js';

@Injectable()
export class VersionsRepository extends BaseRepository<LibraryVersion> {
  constructor(@InjectModel(LibraryVersion.name) model: Model<LibraryVersion>) {
    super(model);
  }

  create(version: {
    kind: ReviewableKind;
    itemId: string;
    number: number;
    content: Record<string, unknown>;
    createdBy: string;
  }): Promise<LibraryVersionRecord> {
    return this.insertOne(version);
  }

  find(itemId: string, number: number): Promise<LibraryVersionRecord | null> {
    return this.findOne({ itemId, number });
  }

  /** Rewrites a version's content while it is not reviewed yet; null when it is by now. */
  rewrite(itemId: string, number: number, content: Record<string, unknown>): Promise<LibraryVersionRecord | null> {
    return this.updateOneAndGet({ itemId, number, reviewed: false }, { $set: { content } });
  }

  async mark(
    itemId: string,
    number: number,
    changes: { reviewed?: boolean; submittedAt?: Date; publishedAt?: Date },
  ): Promise<void> {
    await this.updateMany({ itemId, number }, { $set: changes });
  }

  /** Oldest first. */
  ofItem(itemId: string): Promise<LibraryVersionRecord[]> {
    return this.findMany({ itemId }, { number: 1 });
  }

  async deleteForItems(itemIds: string[]): Promise<void> {
    if (itemIds.length > 0) await this.deleteMany({ itemId: { $in: itemIds } });
  }
}
