import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Readable, Writable } from 'node:stream';
import { type Connection, mongo, Types } from 'mongoose';
import { type BlobInfo, type ByteRange, FileStorage } from './file-storage.js';

/** The GridFS bucket: collections `uploads.files` and `uploads.chunks`. */
export const GRIDFS_BUCKET = 'uploads';
/** GridFS's usual chunk size (255 KiB): a chunk document stays well under every server's limit. */
export const GRIDFS_CHUNK_BYTES = 255 * 1024;

/**
 * Uploads in the application's own database through GridFS (no other server to run). The driver
 * writes chunks as the bytes arrive and the file document last, and reads a range by skipping to
 * the chunk that holds its start; both work the same on MongoDB and FerretDB 1.24. GridFS only
 * inserts and deletes documents, so the write gate (which serializes updates) is not involved.
 */
@Injectable()
export class GridFsStorage extends FileStorage {
  private bucketOnce: mongo.GridFSBucket | null = null;

  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  private get bucket(): mongo.GridFSBucket {
    if (!this.bucketOnce) {
      const db = this.connection.db;
      if (!db) throw new Error('The database connection is not open');
      this.bucketOnce = new mongo.GridFSBucket(db, { bucketName: GRIDFS_BUCKET, chunkSizeBytes: GRIDFS_CHUNK_BYTES });
    }
    return this.bucketOnce;
  }

  createWriteStream(id: string, info: BlobInfo): Writable {
    return this.bucket.openUploadStreamWithId(new Types.ObjectId(id), info.name, {
      metadata: { contentType: info.contentType },
    });
  }

  createReadStream(id: string, range?: ByteRange): Readable {
    // The driver's `end` is exclusive.
    return this.bucket.openDownloadStream(
      new Types.ObjectId(id),
      range ? { start: range.start, end: range.end + 1 } : {},
    );
  }

  async remove(id: string): Promise<void> {
    try {
      // Deletes the file document, then every chunk (also the chunks of an upload that never finished).
      await this.bucket.delete(new Types.ObjectId(id));
    } catch (error) {
      if (!(error instanceof mongo.MongoRuntimeError && /File not found/i.test(error.message))) throw error;
    }
  }
}
