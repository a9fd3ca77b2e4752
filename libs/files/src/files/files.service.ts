import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, isObjectId } from '@plenary/core';
import { AccessService, type Principal } from '@plenary/identity';
import { FILE, type FileOwner, type FileSummary } from '../model/file-kinds.js';
import type { StoredFileRecord } from '../records/file.schema.js';
import { FilesRepository, FileTextsRepository } from '../records/files.repository.js';
import { FileOwners } from '../owners/file-owners.js';
import { TextExtractor } from '../text/text-extractor.js';

/** Files one call may attach (an owner's DTO usually allows fewer). */
export const MAX_FILES_PER_CALL = 100;

export function summaryOf(file: StoredFileRecord): FileSummary {
  return { id: file.id, name: file.name, size: file.size, contentType: file.contentType, sha256: file.sha256 };
}

/** A file record as the access rules see it. */
export function fileSubject(file: StoredFileRecord): Record<string, unknown> {
  return { _id: file.id, uploadedBy: file.uploadedBy, ownerKind: file.ownerKind };
}

/**
 * What other contexts do with uploads (see the usage note in the lib's index): attach a member's
 * uploads to something of theirs, let go of them, describe them, read their text for search.
 */
@Injectable()
export class Files {
  constructor(
    private readonly files: FilesRepository,
    private readonly texts: FileTextsRepository,
    private readonly extractor: TextExtractor,
    private readonly owners: FileOwners,
    private readonly access: AccessService,
  ) {}

  /**
   * Attaches the caller's own unattached uploads to `owner` (files already attached to that same
   * owner are accepted as they are, so an edit may send its whole list again). Every file is
   * checked before any is attached: an id that is not a stored upload of the caller's is a 400,
   * a file attached to another owner a 409, both naming `fileIds`. Two attaches racing for one
   * file: one wins, the other is a 409 and attaches nothing. Returns the files, in the order asked.
   */
  async attach(caller: Principal, fileIds: string[], owner: FileOwner): Promise<FileSummary[]> {
    if (!this.owners.isRegistered(owner.kind)) throw new Error(`the file owner kind ${owner.kind} is not registered`);
    const ids = this.idsOf(fileIds);
    if (ids.length === 0) return [];
    const found = new Map((await this.files.findByIds(ids)).map((file) => [file.id, file]));
    const abilities = this.access.for(caller);
    const toAttach: string[] = [];
    for (const id of ids) {
      const file = found.get(id);
      if (file?.status === 'stored' && file.ownerKind === owner.kind && file.ownerId === owner.id) continue;
      if (!file || file.status !== 'stored' || (!file.ownerKind && !abilities.can('attach', FILE, fileSubject(file)))) {
        throw ApiError.invalidField('fileIds', `contains ${id}, which is not a file you uploaded`);
      }
      if (file.ownerKind) throw attachedElsewhere(id);
      toAttach.push(id);
    }
    const attached: string[] = [];
    for (const id of toAttach) {
      if (await this.files.attach(id, owner)) {
        attached.push(id);
        continue;
      }
      // Attached (or removed) meanwhile: undo this call's attachments, then refuse.
      if (attached.length > 0) await this.files.release(owner, attached);
      throw attachedElsewhere(id);
    }
    return this.describe(ids);
  }

  /** The owner lets go of these files (of all its files when `fileIds` is not given); the cleanup removes them later. */
  async detach(owner: FileOwner, fileIds?: string[]): Promise<number> {
    return this.files.release(owner, fileIds ? this.idsOf(fileIds) : undefined);
  }

  /** The stored files among these ids, in the order given (unknown ids are left out). No access check: the caller's context decides who sees what it shows. */
  async describe(fileIds: string[]): Promise<FileSummary[]> {
    const ids = this.idsOf(fileIds, false);
    const found = new Map((await this.files.findByIds(ids)).map((file) => [file.id, file]));
    return ids.flatMap((id) => {
      const file = found.get(id);
      return file?.status === 'stored' ? [summaryOf(file)] : [];
    });
  }

  /** The files attached to an owner, oldest first. */
  async ownedBy(owner: FileOwner): Promise<FileSummary[]> {
    const files = await this.files.ownedBy(owner);
    return files.filter((file) => file.status === 'stored').map(summaryOf);
  }

  /**
   * The text extracted from these files (PDF and DOCX; other types have none), one file's text
   * after another, separated by a blank line. Waits for an extraction still under way, so an
   * owner that indexes its files right after attaching them gets their text.
   */
  async textOf(fileIds: string[]): Promise<string> {
    const ids = this.idsOf(fileIds, false);
    const files = await this.files.findByIds(ids);
    await Promise.all(
      files
        .filter((file) => file.status === 'stored' && file.textStatus === 'pending')
        .map((file) => this.extractor.whenExtracted(file.id)),
    );
    const texts = await this.texts.textsOf(ids);
    return ids
      .map((id) => texts.get(id) ?? '')
      .filter(Boolean)
      .join('\n\n');
  }

  private idsOf(fileIds: string[], strict = true): string[] {
    const ids = [...new Set(fileIds.map((id) => (typeof id === 'string' ? id.toLowerCase() : id)))];
    if (strict && ids.length > MAX_FILES_PER_CALL) {
      throw ApiError.invalidField('fileIds', `must hold at most ${MAX_FILES_PER_CALL} files`);
    }
    const invalid = ids.find((id) => !isObjectId(id));
    if (invalid !== undefined) {
      if (strict) throw ApiError.invalidField('fileIds', 'must hold 24-character hex ids');
      return ids.filter((id) => isObjectId(id));
    }
    return ids;
  }
}

function attachedElsewhere(id: string): ApiError {
  return new ApiError(HttpStatus.CONFLICT, `The file ${id} is attached to something else already`, [
    { field: 'fileIds', problem: `contains ${id}, which is attached to something else already` },
  ]);
}
