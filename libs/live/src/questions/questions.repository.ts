import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import type { QuestionState } from '../model/live-kinds.js';
import {
  type NewQuestion,
  Question,
  type QuestionRecord,
  QuestionRevision,
  type QuestionRevisionRecord,
  QuestionVote,
} from './question.schema.js';

export type QuestionChanges = Partial<
  Pick<Question, 'state' | 'highlighted' | 'answer' | 'answeredAt' | 'dismissReason' | 'dismissNote' | 'text'> & {
    mergedInto: string | null;
  }
>;

@Injectable()
export class QuestionsRepository extends BaseRepository<Question> {
  constructor(@InjectModel(Question.name) model: Model<Question>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the asker already asked with this clientId. */
  create(question: NewQuestion): Promise<QuestionRecord> {
    return this.insertOne(question);
  }

  byClientId(sessionId: string, askerKey: string, clientId: string): Promise<QuestionRecord | null> {
    return this.findOne({ sessionId, askerKey, clientId });
  }

  /** Changes the question if it is still in one of `from`; null when it is not (someone else moved it). */
  change(id: string, from: readonly QuestionState[], changes: QuestionChanges): Promise<QuestionRecord | null> {
    return this.updateOneAndGet({ _id: id, state: { $in: [...from] } }, { $set: changes });
  }

  /** The session's questions in the states given, in order of asking. */
  inSession(sessionId: string, states?: readonly QuestionState[]): Promise<QuestionRecord[]> {
    return this.findMany(states ? { sessionId, state: { $in: [...states] } } : { sessionId }, { _id: 1 });
  }

  highlightedIn(sessionId: string): Promise<QuestionRecord[]> {
    return this.findMany({ sessionId, highlighted: true });
  }

  /** How many questions the asker asked in the session since then. */
  askedSince(sessionId: string, askerKey: string, since: Date): Promise<number> {
    return this.count({ sessionId, askerKey, createdAt: { $gte: since } });
  }

  byAuthor(userId: string): Promise<QuestionRecord[]> {
    return this.findMany({ authorId: userId });
  }

  async deleteForSessions(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }
}

@Injectable()
export class QuestionVotesRepository extends BaseRepository<QuestionVote> {
  constructor(@InjectModel(QuestionVote.name) model: Model<QuestionVote>) {
    super(model);
  }

  /**
   * False when the voter had already voted for it. An insert, refused by the unique index for a
   * second vote: on FerretDB inserts need no write gate, so votes never queue behind other writes.
   */
  async add(questionId: string, sessionId: string, voterKey: string): Promise<boolean> {
    try {
      await this.insertOne({ questionId, sessionId, voterKey });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** False when there was no such vote. */
  remove(questionId: string, voterKey: string): Promise<boolean> {
    return this.deleteOne({ questionId, voterKey });
  }

  /** Votes per question, for the questions given (those without votes are absent). */
  async counts(questionIds: string[]): Promise<Map<string, number>> {
    if (questionIds.length === 0) return new Map();
    // One accumulator, ids as ObjectIds: aggregation stages are not cast, and FerretDB 1.24 gets a second accumulator wrong.
    const rows = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { questionId: { $in: questionIds.map((id) => new Types.ObjectId(id)) } } },
        { $group: { _id: '$questionId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id.toString(), row.count]));
  }

  /** The questions of the session the voter voted for. */
  async votedBy(sessionId: string, voterKey: string): Promise<string[]> {
    return (await this.findMany({ sessionId, voterKey })).map((vote) => vote.questionId);
  }

  voterKeysOf(questionId: string): Promise<string[]> {
    return this.findMany({ questionId }).then((votes) => votes.map((vote) => vote.voterKey));
  }

  async deleteFor(questionId: string): Promise<void> {
    await this.deleteMany({ questionId });
  }

  async deleteForSessions(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }
}

@Injectable()
export class QuestionRevisionsRepository extends BaseRepository<QuestionRevision> {
  constructor(@InjectModel(QuestionRevision.name) model: Model<QuestionRevision>) {
    super(model);
  }

  async add(questionId: string, editorId: string, previousText: string): Promise<void> {
    await this.insertOne({ questionId, editorId, previousText });
  }

  of(questionId: string): Promise<QuestionRevisionRecord[]> {
    return this.findMany({ questionId }, { _id: 1 });
  }
}
