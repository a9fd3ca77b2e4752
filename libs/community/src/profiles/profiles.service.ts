import { Injectable } from '@nestjs/common';
import { ApiError, mapPage, type Page, pageRequest, sentFields } from '@plenary/core';
import { AccessService, type Principal, UsersService } from '@plenary/identity';
import type { QueryFilter } from 'mongoose';
import type { DirectoryQuery, ProfileView, UpdateProfileDto } from './dto/profile.dto.js';
import { PROFILE, type Profile, type ProfileChanges, type ProfileRecord } from './profile.schema.js';
import { ProfilesRepository } from './profiles.repository.js';

/** How content of an account that no longer exists is attributed. */
export const DELETED_MEMBER = 'deleted member';

export interface AuthorName {
  id: string | null;
  displayName: string;
}

/** Member profiles and the directory. The display name is identity's; the profile keeps a copy, renamed with it. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly users: UsersService,
    private readonly access: AccessService,
  ) {}

  async getOwn(principal: Principal): Promise<ProfileView> {
    return toView(await this.profiles.ensure(principal.id, principal.displayName));
  }

  /** 404 both when there is no such profile and when the caller may not see it. */
  async get(caller: Principal | null, userId: string): Promise<ProfileView> {
    const profile = await this.profiles.findByUser(userId);
    if (!profile || !this.access.can(caller, 'read', PROFILE, profile)) throw ApiError.notFound('Member');
    return toView(profile);
  }

  /** Whether the member's profile lets the caller see them; a member without a profile yet is seen as `members`. */
  async isVisibleTo(caller: Principal, userId: string): Promise<boolean> {
    const profile = await this.profiles.findByUser(userId);
    return this.access.can(caller, 'read', PROFILE, profile ?? { userId, visibility: 'members' });
  }

  async updateOwn(principal: Principal, dto: UpdateProfileDto): Promise<ProfileView> {
    const { displayName, ...changes }: ProfileChanges = sentFields(dto);
    if (displayName === undefined && Object.keys(changes).length === 0) {
      throw ApiError.badRequest('Nothing to change: send at least one field');
    }
    const profile = await this.profiles.ensure(principal.id, principal.displayName);
    this.access.assert(principal, 'update', PROFILE, profile);
    // Identity owns the name: it renames the account and publishes account.renamed, on which this
    // context updates the profile's copy (community-accounts.ts) before the call returns.
    if (displayName !== undefined) await this.users.update(principal, principal.id, { displayName });
    const updated =
      Object.keys(changes).length > 0
        ? await this.profiles.update(principal.id, changes)
        : await this.profiles.findByUser(principal.id);
    if (!updated) throw ApiError.notFound('Member');
    return toView(updated);
  }

  async directory(caller: Principal | null, query: DirectoryQuery): Promise<Page<ProfileView>> {
    const visible = this.access.queryFor(caller, 'read', PROFILE);
    if (!visible) return { items: [], nextCursor: null };
    const page = await this.profiles.directory(visible as QueryFilter<Profile>, query, pageRequest(query));
    return mapPage(page, toView);
  }

  /** Names for content authored by these users; "deleted member" for accounts that are gone. */
  async authorNames(userIds: string[]): Promise<Map<string, AuthorName>> {
    const unique = [...new Set(userIds)];
    const found = new Map((await this.profiles.findByUsers(unique)).map((profile) => [profile.userId, profile]));
    return new Map(
      unique.map((id) => {
        const profile = found.get(id);
        return [id, profile ? { id, displayName: profile.displayName } : { id: null, displayName: DELETED_MEMBER }];
      }),
    );
  }

  async ensureProfile(userId: string, displayName: string): Promise<void> {
    await this.profiles.ensure(userId, displayName);
  }

  async rename(userId: string, displayName: string): Promise<void> {
    await this.profiles.update(userId, { displayName });
  }

  async exportOwn(userId: string): Promise<ProfileView | null> {
    const profile = await this.profiles.findByUser(userId);
    return profile ? toView(profile) : null;
  }

  async erase(userId: string): Promise<void> {
    await this.profiles.deleteByUser(userId);
  }
}

function toView(profile: ProfileRecord): ProfileView {
  return {
    id: profile.userId,
    displayName: profile.displayName,
    organisation: profile.organisation,
    orgType: profile.orgType,
    country: profile.country,
    region: profile.region,
    languages: profile.languages,
    expertise: profile.expertise,
    objectives: profile.objectives,
    bio: profile.bio,
    visibility: profile.visibility,
    updatedAt: profile.updatedAt,
  };
}
