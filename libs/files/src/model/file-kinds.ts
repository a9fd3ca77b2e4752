/** The access subject of an upload (its record: `_id`, `uploadedBy`, `ownerKind`). */
export const FILE = 'File';

/** What a file is attached to: a kind the owning context registered (see FileOwners) and the owner's id. */
export interface FileOwner {
  kind: string;
  id: string;
}

/** A stored file as owners show it, and as `POST /files` answers. */
export interface FileSummary {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  /** The type sniffed from the bytes (never the client's claim). */
  contentType: string;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
}

/** Where an upload is: being received, stored (downloadable), or being removed by the cleanup. */
export const FILE_STATUSES = ['uploading', 'stored', 'deleting'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/**
 * Text extraction of an upload: `none` for types without text (images, spreadsheets…), `pending`
 * until the extractor has run, then `done` or `failed` (a damaged or encrypted document).
 */
export const TEXT_STATUSES = ['none', 'pending', 'done', 'failed'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];
