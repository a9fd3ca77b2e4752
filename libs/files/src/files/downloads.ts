import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { AccessService, type Principal } from '@plenary/identity';
import { FILE } from '../model/file-kinds.js';
import { FileOwners } from '../owners/file-owners.js';
import type { StoredFileRecord } from '../records/file.schema.js';
import { FilesRepository } from '../records/files.repository.js';
import { fileSubject } from './files.service.js';

/**
 * Who may download a file: an attached file follows its owner (the owning context's registered
 * rule, e.g. the public sees the files of published resources only); a file not attached to
 * anything is its uploader's alone (files.access.ts; platform admins, who may do anything, too).
 * Anyone else gets a 404, as for a file that does not exist.
 */
@Injectable()
export class FileDownloads {
  constructor(
    private readonly files: FilesRepository,
    private readonly owners: FileOwners,
    private readonly access: AccessService,
  ) {}

  async open(caller: Principal | null, id: string): Promise<StoredFileRecord> {
    const file = await this.files.findById(id);
    if (!file || file.status !== 'stored' || !(await this.mayRead(caller, file))) throw ApiError.notFound('File');
    return file;
  }

  private mayRead(caller: Principal | null, file: StoredFileRecord): Promise<boolean> | boolean {
    if (file.ownerKind && file.ownerId) return this.owners.allows(caller, file.ownerKind, file.ownerId);
    return this.access.for(caller).can('read', FILE, fileSubject(file));
  }
}
