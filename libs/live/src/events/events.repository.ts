import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import type { LiveAudience } from '../model/live-kinds.js';
import { LiveEvent, type LiveEventChanges, type LiveEventRecord, type NewLiveEvent } from './event.schema.js';

@Injectable()
export class LiveEventsRepository extends BaseRepository<LiveEvent> {
  constructor(@InjectModel(LiveEvent.name) model: Model<LiveEvent>) {
    super(model);
  }

  create(event: NewLiveEvent): Promise<LiveEventRecord> {
    return this.insertOne(event);
  }

  update(id: string, changes: LiveEventChanges): Promise<LiveEventRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  /**
   * The events the filter lets through, soonest first; `groupId` narrows to one group's; `when` to those not over
   * yet at `now` (upcoming) or over (past, latest first).
   */
  list(
    visible: QueryFilter<LiveEvent>,
    filter: { groupId?: string; when?: 'upcoming' | 'past'; now?: Date },
    page: PageRequest,
  ): Promise<Page<LiveEventRecord>> {
    const conditions: QueryFilter<LiveEvent>[] = [];
    if (filter.groupId) conditions.push({ groupId: filter.groupId });
    const now = filter.now ?? new Date();
    if (filter.when === 'upcoming') conditions.push({ endsAt: { $gte: now } });
    if (filter.when === 'past') conditions.push({ endsAt: { $lt: now } });
    return this.paginate(
      allOf<LiveEvent>(visible, ...conditions),
      { field: 'startsAt', direction: filter.when === 'past' ? -1 : 1, kind: 'date' },
      page,
    );
  }

  async setAudienceOfGroup(groupId: string, audience: LiveAudience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteInGroup(groupId: string): Promise<string[]> {
    const ids = (await this.findMany({ groupId })).map((event) => event.id);
    await this.deleteMany({ groupId });
    return ids;
  }
}
