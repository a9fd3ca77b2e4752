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

  /** The events the filter lets through, soonest first; `groupId` narrows to one group's. */
  list(
    visible: QueryFilter<LiveEvent>,
    groupId: string | undefined,
    page: PageRequest,
  ): Promise<Page<LiveEventRecord>> {
    const scoped = groupId ? allOf<LiveEvent>(visible, { groupId }) : visible;
    return this.paginate(scoped, { field: 'startsAt', direction: 1, kind: 'date' }, page);
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
