import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, DuplicateKeyError } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { CommentStatus } from '../model/consultation-kinds.js';
import {
  ConsultationComment,
  type CommentRecord,
  ConsultationEndorsement,
  type ConsultationEndorsementRecord,
  type NewComment,
} from './comment.schema.js';

const objectIds = (ids: string[]) => ids.map((id) => new Types.ObjectId(id));

@Injectable()
export class CommentsRepository extends BaseRepository<ConsultationComment> {
  constructor(@InjectModel(ConsultationComment.name) model: Model<ConsultationComment>) {
    super(model);
  }

  create(comment: NewComment): Promise<CommentRecord> {
    return this.insertOne({ ...comment, status: 'visible' });
  }

  /** A section's comments in order of writing; `visible` is the caller's read filter. */
  list(
    consultationId: string,
    sectionId: string,
    visible: QueryFilter<ConsultationComment>,
    page: PageRequest,
  ): Promise<Page<CommentRecord>> {
    return this.paginate(allOf({ consultationId, sectionId }, visible), { field: '_id', direction: 1 }, page);
  }

  /** Every comment of the consultation with this status, in order of writing. */
  ofConsultation(consultationId: string, status: CommentStatus): Promise<CommentRecord[]> {
    return this.findMany({ consultationId, status }, { _id: 1 });
  }

  /** Visible comments per section of the consultation (sections without any are absent). */
  async countsBySection(consultationId: string): Promise<Map<string, number>> {
    return this.countBy('$sectionId', { consultationId: new Types.ObjectId(consultationId), status: 'visible' });
  }

  /** Visible comments per consultation, for the consultations given. */
  async countsByConsultation(consultationIds: string[]): Promise<Map<string, number>> {
    if (consultationIds.length === 0) return new Map();
    return this.countBy('$consultationId', { consultationId: { $in: objectIds(consultationIds) }, status: 'visible' });
  }

  /** Sets the status if it is one of `from`; null when it was not (another request changed it). */
  setStatus(id: string, status: CommentStatus, from: CommentStatus[]): Promise<CommentRecord | null> {
    return this.updateOneAndGet({ _id: id, status: { $in: from } }, { $set: { status } });
  }

  byAuthor(authorId: string): Promise<CommentRecord[]> {
    return this.findMany({ authorId }, { _id: 1 });
  }

  async deleteForConsultations(consultationIds: string[]): Promise<void> {
    if (consultationIds.length > 0) await this.deleteMany({ consultationId: { $in: consultationIds } });
  }

  // One accumulator, ids as ObjectIds: aggregation stages are not cast, and FerretDB 1.24 gets a second accumulator wrong.
  private async countBy(key: string, match: Record<string, unknown>): Promise<Map<string, number>> {
    const rows = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: match },
        { $group: { _id: key, count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id.toString(), row.count]));
  }
}

@Injectable()
export class EndorsementsRepository extends BaseRepository<ConsultationEndorsement> {
  constructor(@InjectModel(ConsultationEndorsement.name) model: Model<ConsultationEndorsement>) {
    super(model);
  }

  /**
   * False when the member had already endorsed it. An insert, refused by the unique index for a
   * second one: on FerretDB inserts need no write gate, so endorsements never queue behind other writes.
   */
  async add(commentId: string, memberId: string, consultationId: string): Promise<boolean> {
    try {
      await this.insertOne({ commentId, memberId, consultationId });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** False when there was no such endorsement. */
  remove(commentId: string, memberId: string): Promise<boolean> {
    return this.deleteOne({ commentId, memberId });
  }

  /** Endorsements per comment, for the comments given (those without any are absent). */
  async counts(commentIds: string[]): Promise<Map<string, number>> {
    if (commentIds.length === 0) return new Map();
    return this.countBy({ commentId: { $in: objectIds(commentIds) } });
  }

  /** Endorsements per comment of the whole consultation. */
  async countsInConsultation(consultationId: string): Promise<Map<string, number>> {
    return this.countBy({ consultationId: new Types.ObjectId(consultationId) });
  }

  /** Which of these comments the member endorsed. */
  async endorsedBy(memberId: string, commentIds: string[]): Promise<Set<string>> {
    if (commentIds.length === 0) return new Set();
    const found = await this.findMany({ commentId: { $in: commentIds }, memberId });
    return new Set(found.map((endorsement) => endorsement.commentId));
  }

  /** Who endorsed comments of the consultation (for participant counts). */
  async membersInConsultation(consultationId: string): Promise<ConsultationEndorsementRecord[]> {
    return this.findMany({ consultationId });
  }

  byMember(memberId: string): Promise<ConsultationEndorsementRecord[]> {
    return this.findMany({ memberId }, { _id: 1 });
  }

  async eraseFor(memberId: string): Promise<void> {
    await this.deleteMany({ memberId });
  }

  async deleteForConsultations(consultationIds: string[]): Promise<void> {
    if (consultationIds.length > 0) await this.deleteMany({ consultationId: { $in: consultationIds } });
  }

  private async countBy(match: Record<string, unknown>): Promise<Map<string, number>> {
    const rows = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: match },
        { $group: { _id: '$commentId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id.toString(), row.count]));
  }
}
