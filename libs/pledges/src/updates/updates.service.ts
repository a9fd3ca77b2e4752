import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AuthorName, ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, mapPage, pageRequest } from '@plenary/core';
import { FileOwners, Files, type FileSummary } from '@plenary/files';
import { AccessService, type Principal } from '@plenary/identity';
import { Types } from 'mongoose';
import { PledgeFollowsRepository } from '../follows/follows.repository.js';
import { PledgeProgressReported } from '../model/pledge.events.js';
import { PLEDGE } from '../model/pledge-kinds.js';
import { PledgesRepository } from '../pledges/pledges.repository.js';
import { PledgesService, subject } from '../pledges/pledges.service.js';
import type { ProgressUpdateList, ProgressUpdateView, ReportProgressDto, UpdateListQuery } from './dto/update.dto.js';
import type { ProgressUpdateRecord } from './progress-update.schema.js';
import { ProgressUpdatesRepository } from './updates.repository.js';

/** What evidence files are attached to: one progress update. */
export const UPDATE_FILES = 'pledge-update';

/**
 * Progress reported on pledges by their representatives, and each pledge's timeline. Evidence
 * files are attached to their update, and downloadable by whoever may read its pledge.
 */
@Injectable()
export class ProgressUpdatesService implements OnModuleInit {
  constructor(
    private readonly updates: ProgressUpdatesRepository,
    private readonly pledgeRecords: PledgesRepository,
    private readonly pledges: PledgesService,
    private readonly follows: PledgeFollowsRepository,
    private readonly access: AccessService,
    private readonly profiles: ProfilesService,
    private readonly events: DomainEvents,
    private readonly files: Files,
    private readonly fileOwners: FileOwners,
  ) {}

  onModuleInit(): void {
    this.fileOwners.register(UPDATE_FILES, async (caller, updateId) => {
      const update = await this.updates.findById(updateId);
      return update !== null && (await this.pledges.isReadable(caller, update.pledgeId));
    });
  }

  /**
   * Attaches the evidence files (the caller's own uploads: a 400 or 409 naming `evidence.fileIds`
   * otherwise, before anything is written), stores the update, then records on the pledge what it says (its time, percentage and status,
   * unless a later update is already recorded), then tells the pledge's followers.
   */
  async report(principal: Principal, pledgeId: string, dto: ReportProgressDto): Promise<ProgressUpdateView> {
    const pledge = await this.pledges.open(principal, pledgeId);
    this.access.assert(principal, 'report', PLEDGE, subject(pledge));
    const id = new Types.ObjectId().toHexString();
    const fileIds = dto.evidence?.fileIds ?? [];
    if (fileIds.length > 0) await this.attach(principal, fileIds, id);
    let update: ProgressUpdateRecord;
    try {
      update = await this.updates.create({
        _id: id,
        pledgeId,
        authorId: principal.id,
        text: dto.text,
        percent: dto.percent ?? null,
        milestone: dto.milestone ?? null,
        status: dto.status ?? null,
        links: dto.evidence?.links ?? [],
        fileIds,
      });
    } catch (error) {
      if (fileIds.length > 0) await this.files.detach({ kind: UPDATE_FILES, id });
      throw error;
    }
    await this.pledgeRecords.reportProgress(pledgeId, {
      updateId: update.id,
      at: update.createdAt,
      percent: dto.percent,
      status: dto.status,
    });
    await this.events.publish(PledgeProgressReported, {
      pledgeId,
      updateId: update.id,
      title: pledge.title,
      authorId: principal.id,
      followerIds: await this.follows.followerIds(pledgeId),
    });
    return (await this.views([update]))[0];
  }

  async list(principal: Principal | null, pledgeId: string, query: UpdateListQuery): Promise<ProgressUpdateList> {
    await this.pledges.open(principal, pledgeId);
    const page = await this.updates.ofPledge(pledgeId, pageRequest(query));
    const views = await this.views(page.items);
    return mapPage({ items: views, nextCursor: page.nextCursor }, (view) => view);
  }

  async views(updates: ProgressUpdateRecord[]): Promise<ProgressUpdateView[]> {
    const authors = updates.map((update) => update.authorId);
    const fileIds = updates.flatMap((update) => update.fileIds);
    const [names, files] = await Promise.all([
      authors.length > 0 ? this.profiles.authorNames(authors) : new Map<string, AuthorName>(),
      fileIds.length > 0 ? this.files.describe(fileIds) : [],
    ]);
    const described = new Map(files.map((file) => [file.id, file]));
    return updates.map((update) => viewOf(update, names, described));
  }

  /** The files, attached to the update about to be stored; their errors name the field they came in. */
  private async attach(principal: Principal, fileIds: string[], updateId: string): Promise<void> {
    try {
      await this.files.attach(principal, fileIds, { kind: UPDATE_FILES, id: updateId });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new ApiError(
        error.getStatus(),
        error.message.replace(/\bfileIds\b/g, 'evidence.fileIds'),
        error.details.map((detail) => ({
          ...detail,
          field: detail.field === 'fileIds' ? 'evidence.fileIds' : detail.field,
        })),
        error.headers,
        error.code,
      );
    }
  }
}

export function viewOf(
  update: ProgressUpdateRecord,
  names: Map<string, AuthorName>,
  files: Map<string, FileSummary>,
): ProgressUpdateView {
  return {
    id: update.id,
    pledgeId: update.pledgeId,
    author: names.get(update.authorId) ?? { id: update.authorId, displayName: '' },
    text: update.text,
    percent: update.percent,
    milestone: update.milestone,
    status: update.status,
    evidence: {
      links: update.links,
      fileIds: update.fileIds,
      files: update.fileIds.flatMap((id) => {
        const file = files.get(id);
        return file ? [file] : [];
      }),
    },
    createdAt: update.createdAt,
  };
}
