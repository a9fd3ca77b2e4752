import { Injectable } from '@nestjs/common';
import { ApiError, mapPage, type Page, pageRequest, sentFields } from '@plenary/core';
import { type Abilities, AccessService, type Principal, UsersService } from '@plenary/identity';
import type { QueryFilter } from 'mongoose';
import type { DirectoryQuery, FieldVisibilityView, ProfileView, UpdateProfileDto } from './dto/profile.dto.js';
import {
  type FieldVisibility,
  PROFILE,
  PROFILE_FIELD,
  PROFILE_FIELDS,
  PROFILE_VISIBILITIES,
  type Profile,
  type ProfileChanges,
  type ProfileField,
  type ProfileRecord,
} from './profile.schema.js';
import { type FieldsSeen, ProfilesRepository } from './profiles.repository.js';
import { ORGANISATION_TYPES, type OrganisationType } from '../taxonomy/reference-data.js';

/** An id no account has: whose profile the directory asks about to learn what the caller sees of others'. */
const NOBODY = '000000000000000000000000';

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
    return ownView(await this.profiles.ensure(principal.id, principal.displayName));
  }

  /** 404 both when there is no such profile and when the caller may not see it; hidden fields read as empty. */
  async get(caller: Principal | null, userId: string): Promise<ProfileView> {
    const profile = await this.profiles.findByUser(userId);
    const abilities = this.access.for(caller);
    if (!profile || !abilities.can('read', PROFILE, profile)) throw ApiError.notFound('Member');
    return viewFor(abilities, profile);
  }

  /** Whether the member's profile lets the caller see them; a member without a profile yet is seen as `members`. */
  async isVisibleTo(caller: Principal, userId: string): Promise<boolean> {
    const profile = await this.profiles.findByUser(userId);
    return this.access.can(caller, 'read', PROFILE, profile ?? { userId, visibility: 'members' });
  }

  async updateOwn(principal: Principal, dto: UpdateProfileDto): Promise<ProfileView> {
    const { displayName, fieldVisibility, ...fields }: ProfileChanges = sentFields(dto);
    const changes: ProfileChanges = fields;
    const levels = sentFields<FieldVisibility>(fieldVisibility ?? {});
    if (Object.keys(levels).length > 0) changes.fieldVisibility = levels;
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
    return ownView(updated);
  }

  /** The profiles the caller may see; filters and search match a field only where the caller sees it. */
  async directory(caller: Principal | null, query: DirectoryQuery): Promise<Page<ProfileView>> {
    const abilities = this.access.for(caller);
    const visible = abilities.query('read', PROFILE);
    if (!visible) return { items: [], nextCursor: null };
    const seen: FieldsSeen = {
      hiddenLevels: PROFILE_VISIBILITIES.filter(
        (level) => !abilities.can('read', PROFILE_FIELD, { userId: NOBODY, level }),
      ),
      ownerId: caller?.id ?? null,
    };
    const page = await this.profiles.directory(visible as QueryFilter<Profile>, query, seen, pageRequest(query));
    return mapPage(page, (profile) => viewFor(abilities, profile));
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

  /**
   * The organisation an identity provider's admin set for the accounts it makes; an organisation
   * type Plenary does not know is left out.
   */
  async setOrganisation(userId: string, organisation: string | null, orgType: string | null): Promise<void> {
    const known = (ORGANISATION_TYPES as readonly (string | null)[]).includes(orgType);
    await this.profiles.update(userId, {
      ...(organisation ? { organisation } : {}),
      ...(known && orgType ? { orgType: orgType as OrganisationType } : {}),
    });
  }

  async rename(userId: string, displayName: string): Promise<void> {
    await this.profiles.update(userId, { displayName });
  }

  async exportOwn(userId: string): Promise<ProfileView | null> {
    const profile = await this.profiles.findByUser(userId);
    return profile ? ownView(profile) : null;
  }

  async erase(userId: string): Promise<void> {
    await this.profiles.deleteByUser(userId);
  }
}

/** The member's own profile: every field, and who sees each. */
function ownView(profile: ProfileRecord): ProfileView {
  const { updatedAt, ...view } = toView(profile);
  return { ...view, fieldVisibility: fieldVisibilityOf(profile), updatedAt };
}

function fieldVisibilityOf(profile: ProfileRecord): FieldVisibilityView {
  const levels: Partial<FieldVisibilityView> = {};
  for (const field of PROFILE_FIELDS) levels[field] = profile.fieldVisibility?.[field] ?? 'public';
  return levels as FieldVisibilityView;
}

/** The profile as this caller sees it: each field they may not see reads as empty. */
function viewFor(abilities: Abilities, profile: ProfileRecord): ProfileView {
  const view = toView(profile);
  const levels = fieldVisibilityOf(profile);
  const hidden = PROFILE_FIELDS.filter(
    (field) => !abilities.can('read', PROFILE_FIELD, { userId: profile.userId, level: levels[field] }),
  );
  return hidden.length === 0
    ? view
    : { ...view, ...Object.fromEntries(hidden.map((field) => [field, emptyOf(field)])) };
}

function emptyOf(field: ProfileField): null | [] {
  return field === 'languages' || field === 'expertise' || field === 'objectives' ? [] : null;
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
