import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { allOf, BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import type { FileOwner, TextStatus } from '../model/file-kinds.js';
import { FileText, StoredFile, type StoredFileRecord } from './file.schema.js';

export interface NewUpload {
  id: string;
  uploadedBy: string;
  name: string;
  contentType: string;
  textStatus: TextStatus;
}

@Injectable()
export class FilesRepository extends BaseRepository<StoredFile> {
  constructor(@InjectModel(StoredFile.name) model: Model<StoredFile>) {
    super(model);
  }

  begin(upload: NewUpload): Promise<StoredFileRecord> {
    return this.insertOne({
      _id: upload.id,
      uploadedBy: upload.uploadedBy,
      name: upload.name,
      contentType: upload.contentType,
      size: 0,
      sha256: '',
      status: 'uploading',
      ownerKind: null,
      ownerId: null,
      unattachedSince: new Date(),
      textStatus: upload.textStatus,
    });
  }

  /** Every byte is in the store: the upload becomes downloadable. */
  markStored(id: string, size: number, sha256: string): Promise<StoredFileRecord | null> {
    return this.updateOneAndGet({ _id: id, status: 'uploading' }, { $set: { status: 'stored', size, sha256 } });
  }

  async forget(id: string): Promise<void> {
    await this.deleteOne({ _id: id });
  }

  findByIds(ids: string[]): Promise<StoredFileRecord[]> {
    return this.findMany({ _id: { $in: ids } });
  }

  ownedBy(owner: FileOwner): Promise<StoredFileRecord[]> {
    return this.findMany({ ownerKind: owner.kind, ownerId: owner.id }, { createdAt: 1 });
  }

  /** A member's uploads, oldest first. */
  ofUploader(userId: string): Promise<StoredFileRecord[]> {
    return this.findMany({ uploadedBy: userId }, { createdAt: 1 });
  }

  /** Attaches a stored file nobody owns; null when it is not (any longer) stored and unattached. */
  attach(id: string, owner: FileOwner): Promise<StoredFileRecord | null> {
    return this.updateOneAndGet(
      { _id: id, status: 'stored', ownerKind: null },
      { $set: { ownerKind: owner.kind, ownerId: owner.id, unattachedSince: null } },
    );
  }

  /** The owner lets go of these files (of all its files when `ids` is not given); the count let go. */
  release(owner: FileOwner, ids?: string[]): Promise<number> {
    return this.updateMany(allOf({ ownerKind: owner.kind, ownerId: owner.id }, ids ? { _id: { $in: ids } } : {}), {
      $set: { ownerKind: null, ownerId: null, unattachedSince: new Date() },
    });
  }

  setTextStatus(id: string, textStatus: TextStatus): Promise<StoredFileRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: { textStatus } });
  }

  pendingExtractions(limit: number): Promise<StoredFileRecord[]> {
    return this.findMany({ textStatus: 'pending' }, undefined, limit);
  }

  /** Files without an owner since before `cutoff` (also uploads that never finished, and removals that did not). */
  unattachedBefore(cutoff: Date, limit: number): Promise<StoredFileRecord[]> {
    return this.findMany({ unattachedSince: { $lt: cutoff } }, undefined, limit);
  }

  /** Claims an unattached file for removal; false when it was attached (or claimed) meanwhile. */
  async claimForRemoval(id: string, cutoff: Date): Promise<boolean> {
    const claimed = await this.updateOneAndGet(
      { _id: id, ownerKind: null, unattachedSince: { $lt: cutoff } },
      { $set: { status: 'deleting' } },
    );
    return claimed !== null;
  }
}

@Injectable()
export class FileTextsRepository extends BaseRepository<FileText> {
  constructor(@InjectModel(FileText.name) model: Model<FileText>) {
    super(model);
  }

  /** Stores a file's text once; a second extraction of the same file (another instance) is ignored. */
  async store(fileId: string, text: string): Promise<void> {
    try {
      await this.insertOne({ fileId, text });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  async textsOf(fileIds: string[]): Promise<Map<string, string>> {
    const texts = await this.findMany({ fileId: { $in: fileIds } });
    return new Map(texts.map((text) => [text.fileId, text.text]));
  }

  async forget(fileId: string): Promise<void> {
    await this.deleteOne({ fileId });
  }
}
