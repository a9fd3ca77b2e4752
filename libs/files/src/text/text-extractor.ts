import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { FileTextExtracted } from '../model/files.events.js';
import { FilesRepository, FileTextsRepository } from '../records/files.repository.js';
import { FileStorage } from '../storage/file-storage.js';
import { typeOfContentType } from '../types/allowed-types.js';
import { extractTextOf } from './extract.js';

/** An extraction that has not ended by then is given up (the file's text is then `failed`). */
const EXTRACTION_TIMEOUT_MS = 120_000;
/** Pending extractions resumed at start-up (left by an instance that stopped). */
const RESUMED_AT_START = 100;

/**
 * Extracts the text of PDF and DOCX uploads after they are stored, one file at a time per
 * instance (each holds the whole file in memory, and pdf.js works on the event loop), so uploads
 * answer at once and many at once do not starve the server. `whenExtracted` lets an owner wait
 * for a file's text; FileTextExtracted tells owners that one is ready.
 */
@Injectable()
export class TextExtractor implements OnApplicationBootstrap {
  private readonly logger = new Logger(TextExtractor.name);
  private readonly running = new Map<string, Promise<void>>();
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly files: FilesRepository,
    private readonly texts: FileTextsRepository,
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
  ) {}

  onApplicationBootstrap(): void {
    void this.files
      .pendingExtractions(RESUMED_AT_START)
      .then((pending) => pending.forEach((file) => void this.whenExtracted(file.id)))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not resume pending text extractions'));
  }

  /** Queues the file's extraction (once), and resolves when it has ended, successfully or not. */
  whenExtracted(fileId: string): Promise<void> {
    const queued = this.running.get(fileId);
    if (queued) return queued;
    const run = this.tail.then(() => this.extract(fileId)).finally(() => this.running.delete(fileId));
    this.tail = run.catch(() => undefined);
    this.running.set(fileId, run);
    return run;
  }

  private async extract(fileId: string): Promise<void> {
    const file = await this.files.findById(fileId);
    const type = file && typeOfContentType(file.contentType);
    if (!file || !type || file.status !== 'stored' || file.textStatus !== 'pending') return;
    try {
      const bytes = await this.read(fileId);
      let timer: NodeJS.Timeout | undefined;
      const text = await Promise.race([
        extractTextOf(type, bytes),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('text extraction timed out')), EXTRACTION_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      await this.texts.store(fileId, text);
      const done = await this.files.setTextStatus(fileId, 'done');
      // Removed while its text was extracted (a refused request, the cleanup): the text goes too.
      if (!done) await this.texts.forget(fileId);
      else {
        const owner = done.ownerKind && done.ownerId ? { kind: done.ownerKind, id: done.ownerId } : null;
        await this.events.publish(FileTextExtracted, { fileId, owner });
      }
    } catch (error) {
      // A file removed meanwhile (a refused request, the cleanup) is no failure worth a word.
      const failed = await this.files.setTextStatus(fileId, 'failed').catch(() => null);
      if (failed) this.logger.warn({ err: error, fileId }, 'Could not extract the text of an upload');
    }
  }

  private async read(fileId: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.storage.createReadStream(fileId)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
