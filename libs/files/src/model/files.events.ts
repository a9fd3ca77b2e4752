import { domainEvent } from '@plenary/core';

/**
 * The text of an upload was extracted (after the upload, off the request path): an owner that
 * indexes its files' text for search reads it again with `Files.textOf`. `owner` is the file's
 * owner at that moment, null while the file is not attached.
 */
export const FileTextExtracted = domainEvent<{ fileId: string; owner: { kind: string; id: string } | null }>(
  'files.text-extracted',
);
