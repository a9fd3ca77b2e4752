import { Injectable } from '@nestjs/common';
import { type AuthorName, ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, ModeratorActed } from '@plenary/core';
import { Files } from '@plenary/files';
import type { Principal } from '@plenary/identity';
import { LibraryAbilities, type LibraryCaller, subject } from '../access/library-abilities.js';
import { EDITABLE_STATUSES } from '../model/library-kinds.js';
import type { LibraryItemRecord } from '../records/item.schema.js';
import { ItemsRepository } from '../records/items.repository.js';
import { AssignmentsRepository, ReviewsRepository } from '../records/reviews.repository.js';
import type { ItemBaseView } from './dto/engine.dto.js';
import type { KindDefinition } from './kind-definition.js';

export type ItemView = ItemBaseView & Record<string, unknown>;

const REFUSALS: Record<string, (kind: string) => string> = {
  author: (kind) => `Only its author changes this ${kind}`,
  decide: (kind) => `Only the editors of its library decide on this ${kind}`,
  review: (kind) => `Only reviewers of its library review this ${kind}`,
};

/** Opening items for a caller (404 when they may not see one), their views, and the audit log. */
@Injectable()
export class ItemAccess {
  constructor(
    readonly abilities: LibraryAbilities,
    private readonly items: ItemsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly profiles: ProfilesService,
    private readonly files: Files,
    private readonly events: DomainEvents,
  ) {}

  callerOf(principal: Principal | null): Promise<LibraryCaller> {
    return this.abilities.of(principal);
  }

  /** The item, if the caller may see it; 404 otherwise (they may not know it exists). */
  async open(definition: KindDefinition, caller: LibraryCaller, id: string): Promise<LibraryItemRecord> {
    const item = await this.items.findOfKind(definition.kind, id);
    if (!item || !caller.can('read', definition.subject, subject(item))) throw ApiError.notFound(definition.label);
    return item;
  }

  /** The item, if the caller may do `action` to it: 404 when they may not see it, 403 when they may see it only. */
  async openFor(
    definition: KindDefinition,
    caller: LibraryCaller,
    id: string,
    action: string,
  ): Promise<LibraryItemRecord> {
    const item = await this.open(definition, caller, id);
    if (!caller.can(action, definition.subject, subject(item))) {
      throw ApiError.forbidden(REFUSALS[action]?.(definition.kind) ?? `You may not ${action} this ${definition.kind}`);
    }
    return item;
  }

  /** Whether the caller sees more of the item than the public does (author, reviewers, editors, moderators). */
  seesUnpublished(definition: KindDefinition, caller: LibraryCaller, item: LibraryItemRecord): boolean {
    return caller.can('read', definition.subject, { ...subject(item), status: 'in_review' });
  }

  async view(definition: KindDefinition, caller: LibraryCaller, item: LibraryItemRecord): Promise<ItemView> {
    return (await this.views(definition, caller, [item]))[0];
  }

  async views(definition: KindDefinition, caller: LibraryCaller, items: LibraryItemRecord[]): Promise<ItemView[]> {
    const names = await this.profiles.authorNames(items.map((item) => item.authorId));
    return Promise.all(
      items.map(async (item) => {
        const author = caller.id !== null && item.authorId === caller.id;
        const canDecide = caller.can('decide', definition.subject, subject(item));
        const assignments = canDecide || caller.id ? await this.assignments.ofItem(item.id) : [];
        const reviewer = assignments.some((assignment) => assignment.reviewerId === caller.id);
        let reviewers: ItemBaseView['reviewers'] = null;
        if (canDecide && !author) {
          const done = new Set(
            (await this.reviews.ofVersion(item.id, item.version)).map((review) => review.reviewerId),
          );
          const reviewerNames = await this.profiles.authorNames(assignments.map((a) => a.reviewerId));
          reviewers = assignments.map((assignment) => ({
            id: assignment.reviewerId,
            displayName: nameOf(reviewerNames, assignment.reviewerId).displayName,
            dueAt: assignment.dueAt,
            reviewed: done.has(assignment.reviewerId),
          }));
        }
        const fileIds = Array.isArray(item.content.fileIds) ? (item.content.fileIds as string[]) : [];
        return {
          ...item.content,
          id: item.id,
          kind: item.kind,
          status: item.status,
          version: item.version,
          publishedVersion: item.publishedVersion,
          publishedAt: item.publishedAt,
          submittedAt: item.submittedAt,
          groupId: item.groupId,
          submittedBy: nameOf(names, item.authorId),
          files: fileIds.length > 0 ? await this.files.describe(fileIds) : [],
          reviewers,
          viewer: {
            author,
            canEdit: author && EDITABLE_STATUSES.includes(item.status),
            canDecide,
            reviewer,
          },
          createdAt: item.createdAt,
          updatedAt: item.updatedAt,
        };
      }),
    );
  }

  /**
   * Every step of the workflow goes to the audit log (moderation's), as `<kind>.<step>`. Entries
   * carry no group, so that only platform moderators and admins read them: they name reviewers.
   */
  async audit(
    actorId: string | null,
    step: string,
    item: LibraryItemRecord,
    reason: string | null,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(ModeratorActed, {
      actorId,
      action: `${item.kind}.${step}`,
      target: { type: item.kind, id: item.id, groupId: null },
      reason,
      before,
      after,
    });
  }
}

export function nameOf(names: Map<string, AuthorName>, id: string): AuthorName {
  return names.get(id) ?? { id: null, displayName: 'deleted member' };
}
