import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccessService, IdentityModule } from '@plenary/identity';
import { FileAccounts } from './accounts/file-accounts.js';
import { FilesCleanup } from './cleanup/files-cleanup.js';
import { FileDownloads } from './files/downloads.js';
import { FilesController } from './files/files.controller.js';
import { Files } from './files/files.service.js';
import { UploadInterceptor } from './files/upload.interceptor.js';
import { Uploads } from './files/uploads.js';
import { filesAccess } from './files.access.js';
import { FileOwners } from './owners/file-owners.js';
import { FileText, FileTextSchema, StoredFile, StoredFileSchema } from './records/file.schema.js';
import { FilesRepository, FileTextsRepository } from './records/files.repository.js';
import { FileStorage } from './storage/file-storage.js';
import { GridFsStorage } from './storage/gridfs-storage.js';
import { TextExtractor } from './text/text-extractor.js';

/**
 * Uploads: received as multipart (size-limited, type sniffed from the bytes), kept in a
 * FileStorage (GridFS by default), streamed back with ranges; attached by other contexts to what
 * they own (Files), downloadable as their owner's rule says (FileOwners); text extracted for
 * search; removed by the cleanup once nothing references them.
 */
@Module({
  imports: [
    IdentityModule,
    MongooseModule.forFeature([
      { name: StoredFile.name, schema: StoredFileSchema },
      { name: FileText.name, schema: FileTextSchema },
    ]),
  ],
  controllers: [FilesController],
  providers: [
    FileAccounts,
    FileDownloads,
    FileOwners,
    Files,
    FilesCleanup,
    FilesRepository,
    FileTextsRepository,
    // Another store (S3-compatible) would be provided here in GridFS's place.
    { provide: FileStorage, useClass: GridFsStorage },
    TextExtractor,
    UploadInterceptor,
    Uploads,
  ],
  exports: [Files, FileOwners, FileStorage, FilesCleanup],
})
export class FilesModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(filesAccess);
  }
}
