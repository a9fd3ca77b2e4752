import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import {
  type NewPoll,
  Poll,
  type PollChanges,
  type PollRecord,
  type PollState,
  PollVote,
  type PollVoteRecord,
} from './poll.schema.js';

@Injectable()
export class PollsRepository extends BaseRepository<Poll> {
  constructor(@InjectModel(Poll.name) model: Model<Poll>) {
    super(model);
  }

  create(poll: NewPoll): Promise<PollRecord> {
    return this.insertOne(poll);
  }

  /** Changes the poll if it is still in one of `from`; null when it is not (someone else moved it). */
  change(id: string, from: readonly PollState[], changes: PollChanges): Promise<PollRecord | null> {
    return this.updateOneAndGet({ _id: id, state: { $in: [...from] } }, { $set: changes });
  }

  /** The session's polls in the states given, in order of creation. */
  inSession(sessionId: string, states?: readonly PollState[]): Promise<PollRecord[]> {
    return this.findMany(states ? { sessionId, state: { $in: [...states] } } : { sessionId }, { _id: 1 });
  }

  async deleteForSessions(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }
}

/** Votes per option and voters of one poll, from its vote documents. */
export interface VoteCounts {
  voters: number;
  perOption: Map<string, number>;
}

@Injectable()
export class PollVotesRepository extends BaseRepository<PollVote> {
  constructor(@InjectModel(PollVote.name) model: Model<PollVote>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the voter has already voted in the poll. */
  add(vote: { pollId: string; sessionId: string; voterKey: string; optionIds: string[] }): Promise<PollVoteRecord> {
    return this.insertOne(vote);
  }

  /** The poll's votes counted now: how many voted, and how many chose each option (options nobody chose are absent). */
  async counts(pollId: string): Promise<VoteCounts> {
    // One accumulator, the id as an ObjectId: aggregation stages are not cast, and FerretDB 1.24 gets a second accumulator wrong.
    const [rows, voters] = await Promise.all([
      this.model
        .aggregate<{ _id: string; count: number }>([
          { $match: { pollId: new Types.ObjectId(pollId) } },
          { $unwind: '$optionIds' },
          { $group: { _id: '$optionIds', count: { $sum: 1 } } },
        ])
        .exec(),
      this.count({ pollId }),
    ]);
    return { voters, perOption: new Map(rows.map((row) => [String(row._id), row.count])) };
  }

  /** What the voter chose in the session's polls: poll id → option ids. */
  async choicesOf(sessionId: string, voterKey: string): Promise<Map<string, string[]>> {
    const votes = await this.findMany({ sessionId, voterKey });
    return new Map(votes.map((vote) => [vote.pollId, vote.optionIds]));
  }

  async deleteForSessions(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }
}
