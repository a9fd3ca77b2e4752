import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { FILE_STATUSES, type FileStatus, TEXT_STATUSES, type TextStatus } from '../model/file-kinds.js';

/**
 * The record of an upload; its bytes are in the FileStorage under the same id. Inserted once the
 * type is known (status `uploading`), `stored` with its size and hash once every byte is.
 * A file belongs to at most one owner (`ownerKind`, `ownerId`: null until attached); while it has
 * none, `unattachedSince` says since when, and the cleanup removes it after a grace period.
 */
@Schema({ collection: 'files', timestamps: true })
export class StoredFile {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  uploadedBy!: Types.ObjectId;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true })
  contentType!: string;

  @Prop({ required: true, default: 0 })
  size!: number;

  /** SHA-256 of the bytes, lower-case hex; empty while uploading. */
  @Prop({ type: String, default: '' })
  sha256!: string;

  @Prop({ type: String, required: true, enum: FILE_STATUSES })
  status!: FileStatus;

  @Prop({ type: String, default: null })
  ownerKind!: string | null;

  @Prop({ type: String, default: null })
  ownerId!: string | null;

  @Prop({ type: Date, default: null })
  unattachedSince!: Date | null;

  @Prop({ type: String, required: true, enum: TEXT_STATUSES })
  textStatus!: TextStatus;

  createdAt!: Date;
  updatedAt!: Date;
}

export type StoredFileRecord = PlainRecord<StoredFile>;
export const StoredFileSchema = SchemaFactory.createForClass(StoredFile);
// An owner's files (detach, ownedBy).
StoredFileSchema.index({ ownerKind: 1, ownerId: 1, createdAt: 1 });
// The cleanup's sweep: files without an owner since before the grace period.
StoredFileSchema.index({ unattachedSince: 1 });
// Extractions to resume after a restart.
StoredFileSchema.index({ textStatus: 1 });
// A member's uploads (their data export, their account's erasure).
StoredFileSchema.index({ uploadedBy: 1, createdAt: 1 });

/** The text extracted from an upload, for its owner's search: one document per file, written once. */
@Schema({ collection: 'file_texts', timestamps: { createdAt: true, updatedAt: false } })
export class FileText {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  fileId!: Types.ObjectId;

  @Prop({ type: String, default: '' })
  text!: string;

  createdAt!: Date;
}

export type FileTextRecord = PlainRecord<FileText>;
export const FileTextSchema = SchemaFactory.createForClass(FileText);
FileTextSchema.index({ fileId: 1 }, { unique: true });
