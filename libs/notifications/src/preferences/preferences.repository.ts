import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import type { DigestFrequency, NotificationKind } from '../model/notification-kinds.js';
import { NotificationPreference, type PreferenceRecord } from './preference.schema.js';

@Injectable()
export class PreferencesRepository extends BaseRepository<NotificationPreference> {
  constructor(@InjectModel(NotificationPreference.name) model: Model<NotificationPreference>) {
    super(model);
  }

  findFor(userId: string): Promise<PreferenceRecord | null> {
    return this.findOne({ userId });
  }

  findForUsers(userIds: string[]): Promise<PreferenceRecord[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.findMany({ userId: { $in: userIds } });
  }

  /** A batch of the members with this digest frequency, in `_id` order, after the preference `afterId`. */
  withDigest(digest: DigestFrequency, afterId: string | null, limit: number): Promise<PreferenceRecord[]> {
    return this.findMany(afterId ? { digest, _id: { $gt: afterId } } : { digest }, { _id: 1 }, limit);
  }

  /** Sets the kinds named (each its own path, so other kinds keep theirs), and the digest and time zone when given. */
  async change(
    userId: string,
    kinds: Partial<Record<NotificationKind, boolean>>,
    digest: { frequency?: DigestFrequency; timeZone?: string } = {},
  ): Promise<void> {
    const set: Record<string, unknown> = Object.fromEntries(
      Object.entries(kinds).map(([kind, on]) => [`kinds.${kind}`, on]),
    );
    if (digest.frequency) set.digest = digest.frequency;
    if (digest.timeZone) set.timeZone = digest.timeZone;
    await this.upsert({ userId }, { $set: set });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
