import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FilesRepository, FileTextsRepository } from '../records/files.repository.js';
import { FileStorage } from '../storage/file-storage.js';

/** How long an upload may stay unattached (or detached) before the cleanup removes it. */
export const UNATTACHED_GRACE_MS = 24 * 60 * 60 * 1000;
/** How often the cleanup runs in each instance. */
export const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
/** Later than any date: every unattached file qualifies. */
const NO_CUTOFF = new Date(8.64e15);
/** Files removed per batch; a sweep goes on until none is left. */
const BATCH = 100;

/**
 * Removes files that nothing references: uploads never attached, files their owner let go of,
 * and uploads that never finished, once they have been so for the grace period (24 h). Runs every
 * hour in every instance; instances sweeping at once do no harm (a file is claimed by a guarded
 * update before its bytes go, and one attached meanwhile is kept). `sweep` is callable (tests, CLI).
 */
@Injectable()
export class FilesCleanup implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FilesCleanup.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly files: FilesRepository,
    private readonly texts: FileTextsRepository,
    private readonly storage: FileStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn({ err: error }, 'The files cleanup failed'));
    }, CLEANUP_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Removes every file unattached since before `now` minus the grace period; the number removed. */
  sweep(now: Date = new Date()): Promise<number> {
    // One sweep at a time in this instance: a second call waits for the one under way.
    this.sweeping ??= this.run(new Date(now.getTime() - UNATTACHED_GRACE_MS)).finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  /** Removes these files now if nothing references them (an erased account's uploads); the number removed. */
  async removeUnattached(ids: string[]): Promise<number> {
    let removed = 0;
    for (const id of ids) if (await this.remove(id, NO_CUTOFF)) removed += 1;
    return removed;
  }

  private async remove(id: string, cutoff: Date): Promise<boolean> {
    if (!(await this.files.claimForRemoval(id, cutoff))) return false;
    await this.storage.remove(id);
    await this.texts.forget(id);
    await this.files.forget(id);
    return true;
  }

  private async run(cutoff: Date): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = await this.files.unattachedBefore(cutoff, BATCH);
      let claimed = 0;
      for (const file of batch) {
        if (!(await this.remove(file.id, cutoff))) continue;
        claimed += 1;
        removed += 1;
      }
      if (batch.length < BATCH || claimed === 0) break;
    }
    if (removed > 0) this.logger.log(`Removed ${removed} files nothing referenced`);
    return removed;
  }
}
