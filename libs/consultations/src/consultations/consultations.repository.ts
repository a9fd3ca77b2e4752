import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { ConsultationAudience, ConsultationState } from '../model/consultation-kinds.js';
import {
  Consultation,
  type ConsultationChanges,
  type ConsultationRecord,
  type NewConsultation,
} from './consultation.schema.js';

@Injectable()
export class ConsultationsRepository extends BaseRepository<Consultation> {
  constructor(@InjectModel(Consultation.name) model: Model<Consultation>) {
    super(model);
  }

  create(consultation: NewConsultation): Promise<ConsultationRecord> {
    return this.insertOne({
      ...consultation,
      sections: consultation.sections.map((section) => ({ _id: new Types.ObjectId(), ...section })),
    });
  }

  update(id: string, changes: ConsultationChanges): Promise<ConsultationRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  /**
   * The consultations the filter lets through: open ones closing soonest first, closed ones (or all)
   * the latest deadline first; `groupId` narrows to one group's.
   */
  list(
    visible: QueryFilter<Consultation>,
    filter: { groupId?: string; state?: ConsultationState; now?: Date },
    page: PageRequest,
  ): Promise<Page<ConsultationRecord>> {
    const conditions: QueryFilter<Consultation>[] = [];
    if (filter.groupId) conditions.push({ groupId: filter.groupId });
    const now = filter.now ?? new Date();
    if (filter.state === 'open') conditions.push({ closesAt: { $gt: now } });
    if (filter.state === 'closed') conditions.push({ closesAt: { $lte: now } });
    return this.paginate(
      allOf<Consultation>(visible, ...conditions),
      { field: 'closesAt', direction: filter.state === 'open' ? 1 : -1, kind: 'date' },
      page,
    );
  }

  async setAudienceOfGroup(groupId: string, audience: ConsultationAudience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteInGroup(groupId: string): Promise<string[]> {
    const ids = (await this.findMany({ groupId })).map((consultation) => consultation.id);
    await this.deleteMany({ groupId });
    return ids;
  }

  ownedBy(ownerId: string): Promise<ConsultationRecord[]> {
    return this.findMany({ ownerId }, { _id: 1 });
  }
}
