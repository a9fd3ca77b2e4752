import { Injectable } from '@nestjs/common';
import { ApiError, sentFields } from '@plenary/core';
import { NOTIFICATION_KINDS, type NotificationKind } from '../model/notification-kinds.js';
import type { PreferencesView, UpdatePreferencesDto } from './dto/preferences.dto.js';
import type { PreferenceRecord } from './preference.schema.js';
import { PreferencesRepository } from './preferences.repository.js';

/** Which kinds a member is notified of (all, until they turn some off), and their digest setting and time zone. */
@Injectable()
export class PreferencesService {
  constructor(private readonly preferences: PreferencesRepository) {}

  async get(userId: string): Promise<PreferencesView> {
    return viewOf(await this.preferences.findFor(userId));
  }

  async update(userId: string, dto: UpdatePreferencesDto): Promise<PreferencesView> {
    const kinds = sentFields(dto.kinds ?? {});
    if (Object.keys(kinds).length === 0 && dto.digest === undefined && dto.timeZone === undefined) {
      throw ApiError.badRequest('Nothing to change: send kinds, digest or timeZone');
    }
    await this.preferences.change(userId, kinds, { frequency: dto.digest, timeZone: dto.timeZone });
    return this.get(userId);
  }

  async stopDigest(userId: string): Promise<void> {
    await this.preferences.change(userId, {}, { frequency: 'off' });
  }

  /** Of these (member, kind) pairs, the ones whose member has that kind on. */
  async wanted<T extends { recipientId: string; kind: NotificationKind }>(candidates: T[]): Promise<T[]> {
    const records = await this.preferences.findForUsers([...new Set(candidates.map((c) => c.recipientId))]);
    const settings = new Map(records.map((record) => [record.userId, viewOf(record).kinds]));
    return candidates.filter(({ recipientId, kind }) => settings.get(recipientId)?.[kind] ?? true);
  }

  async eraseFor(userId: string): Promise<void> {
    await this.preferences.eraseFor(userId);
  }
}

function viewOf(record: PreferenceRecord | null): PreferencesView {
  const kinds = {} as Record<NotificationKind, boolean>;
  for (const kind of NOTIFICATION_KINDS) kinds[kind] = record?.kinds?.[kind] !== false;
  return { kinds, digest: record?.digest ?? 'off', timeZone: record?.timeZone ?? null };
}
