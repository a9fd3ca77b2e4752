import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import { AuditEntry, type AuditEntryRecord } from './audit-entry.schema.js';

export interface NewAuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  groupId: string | null;
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  at: Date;
}

export interface AuditFilter {
  /** A member's id, or null for what Plenary did itself. */
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  action?: string;
  since?: Date;
  until?: Date;
}

/** The audit log is append-only: this repository inserts and reads, nothing else. */
@Injectable()
export class AuditRepository extends BaseRepository<AuditEntry> {
  constructor(@InjectModel(AuditEntry.name) model: Model<AuditEntry>) {
    super(model);
  }

  async add(entry: NewAuditEntry): Promise<void> {
    await this.insertOne(entry);
  }

  /** Newest first; `visible` is the caller's scope. */
  list(visible: QueryFilter<AuditEntry>, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryRecord>> {
    const conditions: QueryFilter<AuditEntry>[] = [visible];
    if (filter.actorId !== undefined) conditions.push({ actorId: filter.actorId });
    if (filter.targetType) conditions.push({ targetType: filter.targetType });
    if (filter.targetId) conditions.push({ targetId: filter.targetId });
    if (filter.action) conditions.push({ action: filter.action });
    if (filter.since) conditions.push({ at: { $gte: filter.since } });
    if (filter.until) conditions.push({ at: { $lte: filter.until } });
    return this.paginate(allOf(...conditions), { field: 'at', direction: -1, kind: 'date' }, page);
  }

  /** The target's latest entry among these actions, if any. */
  async latest(targetType: string, targetId: string, actions: readonly string[]): Promise<AuditEntryRecord | null> {
    const [entry] = await this.findMany(
      { targetId, targetType, action: { $in: actions } } as QueryFilter<AuditEntry>,
      { at: -1, _id: -1 },
      1,
    );
    return entry ?? null;
  }
}
