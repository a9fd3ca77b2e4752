import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import type { LiveAudience, SessionStatus } from '../model/live-kinds.js';
import { LiveSession, type LiveSessionChanges, type LiveSessionRecord, type NewLiveSession } from './session.schema.js';

export interface SessionListFilter {
  statuses?: SessionStatus[];
  eventId?: string;
  groupId?: string;
  language?: string;
}

@Injectable()
export class LiveSessionsRepository extends BaseRepository<LiveSession> {
  constructor(@InjectModel(LiveSession.name) model: Model<LiveSession>) {
    super(model);
  }

  create(session: NewLiveSession): Promise<LiveSessionRecord> {
    return this.insertOne(session);
  }

  update(id: string, changes: LiveSessionChanges): Promise<LiveSessionRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  /** Moves the session from one status to the next; null when it was not in `from` (someone else moved it). */
  moveStatus(
    id: string,
    from: SessionStatus,
    to: SessionStatus,
    changes: Partial<Pick<LiveSession, 'startedAt' | 'endedAt' | 'code'>>,
  ): Promise<LiveSessionRecord | null> {
    return this.updateOneAndGet({ _id: id, status: from }, { $set: { status: to, ...changes } });
  }

  /** The sessions the filter lets through, by start time (latest first for past ones). */
  list(
    visible: QueryFilter<LiveSession>,
    filter: SessionListFilter,
    direction: 1 | -1,
    page: PageRequest,
  ): Promise<Page<LiveSessionRecord>> {
    const conditions: QueryFilter<LiveSession>[] = [];
    if (filter.eventId) conditions.push({ eventId: filter.eventId });
    if (filter.groupId) conditions.push({ groupId: filter.groupId });
    if (filter.statuses) conditions.push({ status: { $in: filter.statuses } });
    if (filter.language) conditions.push({ languages: filter.language });
    return this.paginate(
      allOf<LiveSession>(visible, ...conditions),
      { field: 'startsAt', direction, kind: 'date' },
      page,
    );
  }

  /** Links the forum thread its questions were carried to; null when one was linked already. */
  linkForumThread(id: string, threadId: string): Promise<LiveSessionRecord | null> {
    return this.updateOneAndGet({ _id: id, forumThreadId: null }, { $set: { forumThreadId: threadId } });
  }

  inGroup(groupId: string): Promise<LiveSessionRecord[]> {
    return this.findMany({ groupId });
  }

  ofEvent(eventId: string): Promise<LiveSessionRecord[]> {
    return this.findMany({ eventId }, { startsAt: 1, _id: 1 });
  }

  async setEventAudience(eventId: string, audience: LiveAudience): Promise<void> {
    await this.updateMany({ eventId }, { $set: { audience } });
  }

  async setAudienceOfGroup(groupId: string, audience: LiveAudience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteInGroup(groupId: string): Promise<string[]> {
    const ids = (await this.findMany({ groupId })).map((session) => session.id);
    await this.deleteMany({ groupId });
    return ids;
  }
}
