import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, AppConfig } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { Types } from 'mongoose';
import type { FileSummary } from '../model/file-kinds.js';
import { FilesRepository, FileTextsRepository } from '../records/files.repository.js';
import { FileStorage } from '../storage/file-storage.js';
import { TextExtractor } from '../text/text-extractor.js';
import {
  type AllowedType,
  contentTypeOf,
  CsvCheck,
  SNIFF_BYTES,
  sniffType,
  storedName,
  TEXT_TYPES,
} from '../types/allowed-types.js';

/** An upload failed for a reason of the server's (not the client's): the cause is what went wrong. */
export class UploadFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('The upload could not be stored');
    this.name = 'UploadFailed';
  }
}

/** A file part as the multipart parser hands it over: busboy marks it truncated past the size limit. */
export type IncomingFile = Readable & { truncated?: boolean };

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `The file is larger than ${maxBytes} bytes`, [
    { field: 'file', problem: `must be at most ${maxBytes} bytes` },
  ]);
}

/**
 * Receives one uploaded file as it streams in: its type is decided on the first bytes (nothing is
 * stored for a refused type), then the bytes go to the FileStorage as they arrive while their
 * SHA-256 and size are counted (and a CSV is checked); the record becomes `stored` once every
 * byte is. Whatever goes wrong on the way, the partial bytes and the record are removed before
 * the refusal is answered, so a refused upload leaves nothing behind.
 */
@Injectable()
export class Uploads {
  private readonly logger = new Logger(Uploads.name);

  constructor(
    private readonly config: AppConfig,
    private readonly files: FilesRepository,
    private readonly texts: FileTextsRepository,
    private readonly storage: FileStorage,
    private readonly extractor: TextExtractor,
  ) {}

  get maxBytes(): number {
    return this.config.uploadMaxBytes;
  }

  async receive(uploader: Principal, clientName: string, incoming: IncomingFile): Promise<FileSummary> {
    const id = new Types.ObjectId().toHexString();
    const hash = createHash('sha256');
    let size = 0;
    let head: Buffer[] = [];
    let headBytes = 0;
    let type: AllowedType | null = null;
    let csv: CsvCheck | null = null;
    let writer: Writable | null = null;
    let recorded = false;
    let name = '';

    /** Decides the type on the bytes held so far, records the upload and opens the store. */
    const begin = async (): Promise<void> => {
      const sample = Buffer.concat(head);
      if (sample.length === 0) throw ApiError.invalidField('file', 'is empty');
      type = await sniffType(sample, clientName);
      name = storedName(clientName, type);
      if (type === 'csv') csv = new CsvCheck();
      await this.files.begin({
        id,
        uploadedBy: uploader.id,
        name,
        contentType: contentTypeOf(type),
        textStatus: TEXT_TYPES.includes(type) ? 'pending' : 'none',
      });
      recorded = true;
      writer = this.storage.createWriteStream(id, { name, contentType: contentTypeOf(type) });
      writer.on('error', () => undefined); // surfaced by write() and finished()
      const held = head;
      head = [];
      for (const chunk of held) await write(chunk);
    };

    const write = async (chunk: Buffer): Promise<void> => {
      const problem = csv?.feed(chunk);
      if (problem)
        throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `The file ${problem}`, [{ field: 'file', problem }]);
      if (writer && !writer.write(chunk)) await once(writer, 'drain');
    };

    const take = async (chunk: Buffer): Promise<void> => {
      size += chunk.length;
      if (size > this.maxBytes) throw tooLarge(this.maxBytes);
      hash.update(chunk);
      if (type) return write(chunk);
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES) await begin();
    };

    try {
      // Not destroyed when a chunk is refused: the parser must see the part to its end (resumed below).
      for await (const chunk of incoming.iterator({ destroyOnReturn: false })) await take(chunk as Buffer);
      if (incoming.truncated) throw tooLarge(this.maxBytes);
      if (!type) await begin();
      const problem = (csv as CsvCheck | null)?.end();
      if (problem)
        throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `The file ${problem}`, [{ field: 'file', problem }]);
      const open = writer as Writable | null;
      if (open) {
        open.end();
        await finished(open);
      }
      const sha256 = hash.digest('hex');
      const stored = await this.files.markStored(id, size, sha256);
      if (!stored) throw new Error(`the record of upload ${id} went away while it was stored`);
      if (stored.textStatus === 'pending') void this.extractor.whenExtracted(id).catch(() => undefined);
      return { id, name: stored.name, size, contentType: stored.contentType, sha256 };
    } catch (error) {
      // Let the rest of the part flow past (the parser ends the request), and leave nothing behind.
      incoming.resume();
      // End the store's stream rather than destroy it, so no write is still under way when its bytes are removed.
      const open = writer as Writable | null;
      if (open && !open.writableFinished) {
        if (!open.writableEnded && !open.errored) open.end();
        await finished(open).catch(() => undefined);
      }
      await this.discard(id, recorded || open !== null);
      // The client's mistakes (a refused file, a body cut short) as they are; the server's own as UploadFailed.
      const clientSide = error instanceof ApiError || (incoming.errored !== null && incoming.errored === error);
      throw clientSide ? error : new UploadFailed(error);
    }
  }

  /** Removes an upload's bytes and record (a refused or abandoned upload). */
  async discard(id: string, stored = true): Promise<void> {
    if (!stored) return;
    try {
      await this.storage.remove(id);
      await this.texts.forget(id);
      await this.files.forget(id);
    } catch (error) {
      // The cleanup removes it later: its record says since when it has had no owner.
      this.logger.warn({ err: error, fileId: id }, 'Could not remove a refused upload');
    }
  }
}
