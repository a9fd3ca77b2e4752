import type { Readable, Writable } from 'node:stream';

/** What a store keeps beside the bytes (for a human looking into the store). */
export interface BlobInfo {
  name: string;
  contentType: string;
}

/** Bytes `start` to `end`, both included (as HTTP ranges count). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where the bytes of uploads live. GridFS in the application's own database is the default
 * (GridFsStorage); another store (an S3-compatible bucket) implements the same three operations
 * and is provided in FilesModule in its place. Ids are the uploads' ids (24-hex strings); the
 * store knows nothing of owners, access or types: the files' records hold those.
 */
export abstract class FileStorage {
  /**
   * A stream that stores what is written to it under `id`: its 'finish' means stored. After an
   * error, or when the writer gives up, the caller calls `remove(id)` for whatever was written.
   */
  abstract createWriteStream(id: string, info: BlobInfo): Writable;

  /** The stored bytes, all of them or one range; the stream errors when there are none. */
  abstract createReadStream(id: string, range?: ByteRange): Readable;

  /** Removes what is stored under `id`, complete or partial; no error when there is nothing. */
  abstract remove(id: string): Promise<void>;
}
