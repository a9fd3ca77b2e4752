import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { FilesCleanup } from '../cleanup/files-cleanup.js';
import { FilesRepository } from '../records/files.repository.js';

/**
 * Uploads in a member's account life: their data export lists what they uploaded; erasing the
 * account removes their uploads nothing references at once (attached ones stay with what they
 * are attached to, as that thing's record; the cleanup removes them once let go of).
 */
@Injectable()
export class FileAccounts implements AccountParticipant, OnModuleInit {
  readonly section = 'files';

  constructor(
    private readonly participants: AccountParticipants,
    private readonly files: FilesRepository,
    private readonly cleanup: FilesCleanup,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async exportData(userId: string): Promise<unknown> {
    const uploads = await this.files.ofUploader(userId);
    return {
      uploads: uploads
        .filter((file) => file.status === 'stored')
        .map((file) => ({
          id: file.id,
          name: file.name,
          size: file.size,
          contentType: file.contentType,
          sha256: file.sha256,
          uploadedAt: file.createdAt,
          attached: file.ownerKind !== null,
        })),
    };
  }

  async erase(userId: string): Promise<void> {
    const uploads = await this.files.ofUploader(userId);
    await this.cleanup.removeUnattached(uploads.filter((file) => file.ownerKind === null).map((file) => file.id));
  }
}
