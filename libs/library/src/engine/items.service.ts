import { Injectable } from '@nestjs/common';
import { GroupScope, type GroupVisibility } from '@plenary/community';
import { ApiError, DomainEvents, normaliseTag, type Page, pageRequest, searchTerms } from '@plenary/core';
import { allOf, DuplicateKeyError } from '@plenary/database';
import { Files } from '@plenary/files';
import type { Principal } from '@plenary/identity';
import { type QueryFilter, Types } from 'mongoose';
import { EDITABLE_STATUSES, type LibraryAudience, WITHDRAWABLE_STATUSES } from '../model/library-kinds.js';
import { ReviewRequested } from '../model/library.events.js';
import type { LibraryItem, LibraryItemRecord } from '../records/item.schema.js';
import { type CatalogueFields, ItemsRepository } from '../records/items.repository.js';
import { AssignmentsRepository } from '../records/reviews.repository.js';
import { VersionsRepository } from '../records/versions.repository.js';
import { ReviewSettingsService } from '../settings/review-settings.service.js';
import type { SubmissionsQuery, VersionList } from './dto/engine.dto.js';
import { ItemAccess, type ItemView } from './item-access.js';
import type { KindDefinition } from './kind-definition.js';

/** An item is found by up to this many words: its files' text makes it longer than a forum post. */
const ITEM_TERMS = 3_000;

/** A group's items follow its visibility once published. */
export function libraryAudienceOf(visibility: GroupVisibility): LibraryAudience {
  return visibility === 'private' ? 'group' : visibility;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function assertValid(definition: KindDefinition, content: Record<string, unknown>): void {
  const problems = definition.invalid(content);
  if (problems.length > 0)
    throw ApiError.badRequest(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
}

/**
 * The author's side of the one review engine, for every kind of item: drafts, edits (a new version
 * once the current one was reviewed), submission and resubmission, withdrawal; an editor's
 * unpublishing; versions; the submissions queue.
 */
@Injectable()
export class ItemsService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly versions: VersionsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly access: ItemAccess,
    private readonly groups: GroupScope,
    private readonly files: Files,
    private readonly settings: ReviewSettingsService,
    private readonly events: DomainEvents,
  ) {}

  async create(
    definition: KindDefinition,
    principal: Principal,
    sent: Record<string, unknown>,
    groupId: string | null,
  ): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    const audience = groupId
      ? libraryAudienceOf((await this.groups.open(principal, groupId)).group.visibility)
      : 'public';
    if (!caller.can('create', definition.subject, { groupId })) {
      throw ApiError.forbidden(
        groupId ? `Only the group's members add to its library` : `You may not add a ${definition.kind}`,
      );
    }
    const content = { ...definition.defaults(), ...sent };
    assertValid(definition, content);
    const id = new Types.ObjectId().toString();
    const fileIds = content.fileIds as string[];
    if (fileIds.length > 0) await this.files.attach(principal, fileIds, { kind: definition.kind, id });
    const item = await this.items.create(id, {
      kind: definition.kind,
      status: 'draft',
      authorId: principal.id,
      groupId,
      audience,
      content,
      version: 1,
      ...(await this.catalogueOf(definition, content)),
    });
    await this.versions.create({ kind: definition.kind, itemId: item.id, number: 1, content, createdBy: principal.id });
    return this.access.view(definition, await this.access.callerOf(principal), item);
  }

  async get(definition: KindDefinition, principal: Principal | null, id: string): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    return this.access.view(definition, caller, await this.access.open(definition, caller, id));
  }

  /**
   * The author edits while the item is a draft or changes were requested. The current version is
   * edited in place until it was reviewed; then the edit starts the next version.
   */
  async update(
    definition: KindDefinition,
    principal: Principal,
    id: string,
    changes: Record<string, unknown>,
  ): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'author');
    if (!EDITABLE_STATUSES.includes(item.status)) {
      throw ApiError.conflict(`A ${definition.kind} is edited while a draft or when changes are requested`);
    }
    if (Object.keys(changes).length === 0) throw ApiError.badRequest('Nothing to change');
    const content = { ...item.content, ...changes };
    assertValid(definition, content);
    const history = await this.versions.ofItem(item.id);
    const attached = new Set(history.flatMap((version) => (version.content.fileIds as string[] | undefined) ?? []));
    const newFiles = ((content.fileIds as string[]) ?? []).filter((fileId) => !attached.has(fileId));
    if (newFiles.length > 0) await this.files.attach(principal, newFiles, { kind: definition.kind, id: item.id });

    const current = history.find((version) => version.number === item.version);
    let number = item.version;
    if (current?.reviewed) {
      number += 1;
      try {
        await this.versions.create({
          kind: definition.kind,
          itemId: item.id,
          number,
          content,
          createdBy: principal.id,
        });
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw ApiError.conflict('Another edit made this version first; reload');
        throw error;
      }
    } else if (!(await this.versions.rewrite(item.id, number, content))) {
      throw ApiError.conflict('The version was reviewed meanwhile; reload and edit again');
    }
    const updated = await this.items.updateContent(
      item.id,
      EDITABLE_STATUSES,
      content,
      await this.catalogueOf(definition, content),
      number,
    );
    if (!updated) throw ApiError.conflict(`The ${definition.kind} is no longer open to edits`);
    if (number !== item.version) {
      await this.access.audit(principal.id, 'revise', updated, null, { version: item.version }, { version: number });
    }
    return this.access.view(definition, caller, updated);
  }

  /**
   * A draft goes to the board (submitted); a revision after requested changes goes back to the
   * same reviewers (in review), with a new due date.
   */
  async submit(definition: KindDefinition, principal: Principal, id: string): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'author');
    const missing = definition.missingForSubmission(item.content);
    if (missing.length > 0) throw ApiError.conflict(`The ${definition.kind} is not complete yet`, missing);
    const now = new Date();
    let updated: LibraryItemRecord | null;
    if (item.status === 'draft') {
      updated = await this.items.transition(item.id, ['draft'], 'submitted', { submittedAt: now });
    } else if (item.status === 'changes_requested') {
      const current = await this.versions.find(item.id, item.version);
      if (current?.reviewed) {
        throw ApiError.conflict('Revise it first: the version the reviewers read comes back only as a new version');
      }
      const reviewers = await this.assignments.ofItem(item.id);
      updated = await this.items.transition(
        item.id,
        ['changes_requested'],
        reviewers.length > 0 ? 'in_review' : 'submitted',
        { submittedAt: now },
      );
      if (updated && reviewers.length > 0) {
        const dueAt = new Date(now.getTime() + (await this.settings.get()).reviewDays * DAY_MS);
        await this.assignments.renew(item.id, dueAt);
        await this.events.publish(ReviewRequested, {
          kind: item.kind,
          itemId: item.id,
          title: updated.title,
          groupId: item.groupId,
          reviewerIds: reviewers.map((reviewer) => reviewer.reviewerId),
          actorId: principal.id,
          dueAt,
          revised: true,
        });
      }
    } else {
      throw ApiError.conflict(`Only a draft, or a ${definition.kind} sent back for changes, is submitted`);
    }
    if (!updated) throw ApiError.conflict(`The ${definition.kind} changed meanwhile; reload`);
    await this.versions.mark(item.id, item.version, { submittedAt: now });
    await this.access.audit(
      principal.id,
      item.status === 'draft' ? 'submit' : 'resubmit',
      updated,
      null,
      { status: item.status },
      { status: updated.status, version: updated.version },
    );
    return this.access.view(definition, caller, updated);
  }

  async withdraw(definition: KindDefinition, principal: Principal, id: string): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'author');
    const updated = await this.items.transition(item.id, WITHDRAWABLE_STATUSES, 'withdrawn');
    if (!updated) throw ApiError.conflict(`A ${item.status} ${definition.kind} cannot be withdrawn`);
    await this.assignments.close(item.id);
    await this.access.audit(principal.id, 'withdraw', updated, null, { status: item.status }, { status: 'withdrawn' });
    return this.access.view(definition, caller, updated);
  }

  async unpublish(definition: KindDefinition, principal: Principal, id: string, reason: string): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'decide');
    const updated = await this.items.transition(item.id, ['published'], 'unpublished');
    if (!updated) throw ApiError.conflict(`Only a published ${definition.kind} is unpublished`);
    await this.access.audit(
      principal.id,
      'unpublish',
      updated,
      reason,
      { status: 'published' },
      { status: 'unpublished' },
    );
    return this.access.view(definition, caller, updated);
  }

  /** Every version to the author, reviewers and editors; the published one only to everyone else. */
  async versionsOf(definition: KindDefinition, principal: Principal | null, id: string): Promise<VersionList> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.open(definition, caller, id);
    const all = await this.versions.ofItem(item.id);
    const shown = this.access.seesUnpublished(definition, caller, item)
      ? all
      : all.filter((version) => version.number === item.publishedVersion);
    return {
      items: shown.map((version) => ({
        number: version.number,
        content: version.content,
        reviewed: version.reviewed,
        submittedAt: version.submittedAt,
        publishedAt: version.publishedAt,
        createdAt: version.createdAt,
      })),
    };
  }

  /**
   * The caller's queue: what they may read besides the catalogue (their own items, those they
   * review, their board's), newest first; every status but published unless asked.
   */
  async submissions(
    definition: KindDefinition,
    principal: Principal,
    query: SubmissionsQuery,
  ): Promise<Page<ItemView>> {
    const caller = await this.access.callerOf(principal);
    const visible = caller.filter('read', definition.subject);
    if (!visible) return { items: [], nextCursor: null };
    const page = await this.items.listNewest(
      allOf<LibraryItem>(
        visible as QueryFilter<LibraryItem>,
        { kind: definition.kind },
        query.status ? { status: query.status } : { status: { $ne: 'published' } },
        query.mine ? { authorId: principal.id } : {},
      ),
      pageRequest(query),
    );
    return { items: await this.access.views(definition, caller, page.items), nextCursor: page.nextCursor };
  }

  /**
   * The content in the catalogue's shape, its search words from the files' extracted text too (as
   * far as it is extracted: publication computes them again).
   */
  async catalogueOf(definition: KindDefinition, content: Record<string, unknown>): Promise<CatalogueFields> {
    const { searchText, ...fields } = definition.catalogue(content);
    const fileText = fields.fileIds.length > 0 ? await this.files.textOf(fields.fileIds) : '';
    return {
      ...fields,
      organisations: fields.organisations.map((name) => name.trim().toLowerCase()),
      tags: fields.tags.map(normaliseTag),
      terms: searchTerms([...searchText, ...fields.tags, fileText], ITEM_TERMS),
    };
  }
}
