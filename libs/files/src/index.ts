/**
 * Files (uploads) for other contexts. `POST /files` stores an upload that belongs to nobody yet
 * (only its uploader sees it) and answers `{id, name, size, contentType, sha256}`; the client then
 * sends those ids in your own body (e.g. `fileIds`). Import FilesModule into your module, then:
 *
 * 1. Register your owner kind once, and say who may download its files (a file of something the
 *    caller may not see is a 404 to them):
 *
 *      constructor(private readonly owners: FileOwners) {}
 *      onModuleInit() {
 *        this.owners.register('resource', async (caller, resourceId) =>
 *          this.resources.mayRead(caller, resourceId));   // caller: Principal | null (a guest)
 *      }
 *
 * 2. Attach the uploads when you store the thing (validate the ids in your DTO with
 *    `@IsMongoId({ each: true })` and an `@ArrayMaxSize`):
 *
 *      const files = await this.files.attach(principal, dto.fileIds ?? [], { kind: 'resource', id });
 *
 *    Only the uploader may attach their own unattached uploads; files already attached to the same
 *    owner are accepted again (an edit may resend its list). Anything else throws an ApiError
 *    naming `fileIds` (400, or 409 when attached to another owner) and attaches nothing: call it
 *    before your own writes, or undo them when it throws.
 *
 * 3. Show them with `describe(fileIds)` or `ownedBy(owner)` → `{id, name, size, contentType,
 *    sha256}[]` (no access check: you show them where you show the owner); link to
 *    `GET /api/v1/files/:id`.
 *
 * 4. Search: `textOf(fileIds)` → the text of the PDF and DOCX among them (it waits for an
 *    extraction still running). FileTextExtracted (a DomainEvent) says when a file's text is
 *    ready, with its owner, should you index it later.
 *
 * 5. Let go: `detach(owner)` (all its files) or `detach(owner, fileIds)`; the cleanup removes files
 *    nothing references after 24 hours. Keep a version's files attached as long as you show it.
 */
export { CLEANUP_INTERVAL_MS, FilesCleanup, UNATTACHED_GRACE_MS } from './cleanup/files-cleanup.js';
export { Files, MAX_FILES_PER_CALL } from './files/files.service.js';
export * from './files.module.js';
export { FILE, type FileOwner, type FileSummary } from './model/file-kinds.js';
export { FileTextExtracted } from './model/files.events.js';
export { FileOwners, type FileOwnerRule } from './owners/file-owners.js';
export { type BlobInfo, type ByteRange, FileStorage } from './storage/file-storage.js';
export { ALLOWED_TYPES } from './types/allowed-types.js';
