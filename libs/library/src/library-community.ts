import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GroupDeleted, GroupVisibilityChanged } from '@plenary/community';
import { DomainEvents } from '@plenary/core';
import { FileOwners, Files } from '@plenary/files';
import { type AccountParticipant, AccountParticipants, type Principal } from '@plenary/identity';
import { LibraryAbilities, subject } from './access/library-abilities.js';
import { CapabilitiesRepository } from './capabilities/capabilities.repository.js';
import { libraryAudienceOf } from './engine/items.service.js';
import { REVIEWABLE_KINDS, type ReviewableKind, SUBJECT_OF } from './model/library-kinds.js';
import { ItemsRepository } from './records/items.repository.js';
import { AssignmentsRepository, ReviewsRepository } from './records/reviews.repository.js';
import { VersionsRepository } from './records/versions.repository.js';

/**
 * The library's part in other contexts' lives: its items' files are downloadable by whoever may
 * read the item (files' owner kinds `resource` and `initiative`); a group's items follow its
 * visibility and go with it; a member's capabilities and assignments are exported and erased with
 * their account (what they wrote stays: a resource, a review belongs to the library's record).
 */
@Injectable()
export class LibraryCommunity implements AccountParticipant, OnModuleInit {
  readonly section = 'library';

  constructor(
    private readonly events: DomainEvents,
    private readonly participants: AccountParticipants,
    private readonly owners: FileOwners,
    private readonly files: Files,
    private readonly abilities: LibraryAbilities,
    private readonly items: ItemsRepository,
    private readonly versions: VersionsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly grants: CapabilitiesRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
    for (const kind of REVIEWABLE_KINDS) {
      this.owners.register(kind, (caller, itemId) => this.mayRead(kind, caller, itemId));
    }
    this.events.subscribe(GroupVisibilityChanged, LibraryCommunity.name, async ({ groupId, visibility }) => {
      await this.items.setAudienceOfGroup(groupId, libraryAudienceOf(visibility));
    });
    this.events.subscribe(GroupDeleted, LibraryCommunity.name, async ({ groupId }) => {
      const itemIds = await this.items.deleteInGroup(groupId);
      await this.versions.deleteForItems(itemIds);
      await this.assignments.deleteForItems(itemIds);
      await this.reviews.deleteForItems(itemIds);
      await this.grants.deleteScope(groupId);
      for (const itemId of itemIds) {
        for (const kind of REVIEWABLE_KINDS) await this.files.detach({ kind, id: itemId });
      }
    });
  }

  async mayRead(kind: ReviewableKind, caller: Principal | null, itemId: string): Promise<boolean> {
    const item = await this.items.findById(itemId);
    if (!item || item.kind !== kind) return false;
    return (await this.abilities.of(caller)).can('read', SUBJECT_OF[kind], subject(item));
  }

  async exportData(userId: string): Promise<unknown> {
    return {
      capabilities: (await this.grants.ofUser(userId)).map((grant) => ({
        scope: grant.scope,
        capabilities: grant.capabilities,
      })),
      submissions: (await this.items.byAuthor(userId)).map((item) => ({
        kind: item.kind,
        id: item.id,
        title: item.title,
        status: item.status,
      })),
    };
  }

  async erase(userId: string): Promise<void> {
    await this.grants.eraseFor(userId);
  }
}
