import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import type { ReviewableKind } from '../model/library-kinds.js';
import { Review, ReviewAssignment, type ReviewAssignmentRecord, type ReviewRecord } from './review.schema.js';

@Injectable()
export class AssignmentsRepository extends BaseRepository<ReviewAssignment> {
  constructor(@InjectModel(ReviewAssignment.name) model: Model<ReviewAssignment>) {
    super(model);
  }

  /** Stores the assignment; throws DuplicateKeyError when the reviewer is already on the item. */
  create(assignment: {
    kind: ReviewableKind;
    itemId: string;
    reviewerId: string;
    assignedBy: string;
    dueAt: Date;
  }): Promise<ReviewAssignmentRecord> {
    return this.insertOne(assignment);
  }

  ofItem(itemId: string): Promise<ReviewAssignmentRecord[]> {
    return this.findMany({ itemId }, { _id: 1 });
  }

  find(itemId: string, reviewerId: string): Promise<ReviewAssignmentRecord | null> {
    return this.findOne({ itemId, reviewerId });
  }

  /** The items the reviewer is (or was) on: the access scope's `reviewing`. */
  async itemIdsOf(reviewerId: string): Promise<string[]> {
    return (await this.findMany({ reviewerId })).map((assignment) => assignment.itemId);
  }

  /** A reviewer's assignments, newest first; `filter` narrows (active, kind). */
  pageOf(
    reviewerId: string,
    filter: { active?: boolean; kind?: string },
    page: PageRequest,
  ): Promise<Page<ReviewAssignmentRecord>> {
    return this.paginate(
      allOf<ReviewAssignment>({ reviewerId }, filter as QueryFilter<ReviewAssignment>),
      { field: '_id', direction: -1 },
      page,
    );
  }

  /** A revised version came back: new due date, a new reminder. */
  async renew(itemId: string, dueAt: Date): Promise<void> {
    await this.updateMany({ itemId }, { $set: { dueAt, reminded: false, active: true } });
  }

  async close(itemId: string): Promise<void> {
    await this.updateMany({ itemId }, { $set: { active: false } });
  }

  /** Active assignments not reminded yet, due before `before`. */
  dueBefore(before: Date, limit: number): Promise<ReviewAssignmentRecord[]> {
    return this.findMany({ active: true, reminded: false, dueAt: { $lte: before } }, { dueAt: 1 }, limit);
  }

  /** Marks the reminder sent; false when another instance (or run) already did. */
  async markReminded(id: string): Promise<boolean> {
    return (await this.updateOneAndGet({ _id: id, reminded: false }, { $set: { reminded: true } })) !== null;
  }

  async deleteForItems(itemIds: string[]): Promise<void> {
    if (itemIds.length > 0) await this.deleteMany({ itemId: { $in: itemIds } });
  }

  async eraseFor(reviewerId: string): Promise<void> {
    await this.deleteMany({ reviewerId });
  }
}

@Injectable()
export class ReviewsRepository extends BaseRepository<Review> {
  constructor(@InjectModel(Review.name) model: Model<Review>) {
    super(model);
  }

  /** Stores the review; throws DuplicateKeyError when the reviewer already reviewed this version. */
  create(review: {
    kind: ReviewableKind;
    itemId: string;
    version: number;
    reviewerId: string;
    scores: Record<string, number>;
    commentToAuthor: string;
    noteToEditors: string;
  }): Promise<ReviewRecord> {
    return this.insertOne(review);
  }

  /** Oldest first. */
  ofItem(itemId: string): Promise<ReviewRecord[]> {
    return this.findMany({ itemId }, { _id: 1 });
  }

  ofVersion(itemId: string, version: number): Promise<ReviewRecord[]> {
    return this.findMany({ itemId, version });
  }

  async deleteForItems(itemIds: string[]): Promise<void> {
    if (itemIds.length > 0) await this.deleteMany({ itemId: { $in: itemIds } });
  }
}
