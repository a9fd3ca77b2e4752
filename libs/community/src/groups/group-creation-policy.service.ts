import { Injectable } from '@nestjs/common';
import { ApiError, sentFields } from '@plenary/core';
import { PLATFORM_ROLES, type PlatformRole } from '@plenary/identity';
import { PlatformSettingsRepository } from '../settings/platform-settings.repository.js';
import type { GroupCreationPolicyDto } from './dto/group-creation.dto.js';
import { GROUP_TYPES, type GroupType } from './group-kinds.js';

export type GroupCreationPolicy = Record<GroupType, PlatformRole>;

const KEY = 'groupCreation';

/** Any member may start a working group; thematic spaces need a moderator; networks an admin. */
export const DEFAULT_GROUP_CREATION: GroupCreationPolicy = {
  working_group: 'member',
  thematic: 'moderator',
  country_network: 'admin',
  regional_network: 'admin',
};

/**
 * Who may create which type of group: the least platform role per type. Read from the database on
 * each use, so that a change made on one instance holds on every other at once.
 */
@Injectable()
export class GroupCreationPolicyService {
  constructor(private readonly settings: PlatformSettingsRepository) {}

  async get(): Promise<GroupCreationPolicy> {
    const stored = (await this.settings.get(KEY)) ?? {};
    const policy = { ...DEFAULT_GROUP_CREATION };
    for (const type of GROUP_TYPES) {
      const role = stored[type];
      if (typeof role === 'string' && (PLATFORM_ROLES as readonly string[]).includes(role)) {
        policy[type] = role as PlatformRole;
      }
    }
    return policy;
  }

  async update(changes: GroupCreationPolicyDto): Promise<GroupCreationPolicy> {
    const sent = sentFields(changes);
    if (Object.keys(sent).length === 0) {
      throw ApiError.badRequest(`Nothing to change: send one of ${GROUP_TYPES.join(', ')}`);
    }
    const policy: GroupCreationPolicy = { ...(await this.get()), ...sent };
    await this.settings.put(KEY, policy);
    return policy;
  }
}
