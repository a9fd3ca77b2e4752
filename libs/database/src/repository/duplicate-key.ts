/** A unique index refused a write; `keys` names its fields when the server said which. */
export class DuplicateKeyError extends Error {
  constructor(readonly keys: string[]) {
    super(`duplicate key on ${keys.join(', ') || 'a unique index'}`);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * FerretDB 1.24 answers an update that breaks a unique index with code 1 (InternalError) and the
 * backend's own words instead of 11000: SQLite names the index `<table>_<hash>_<index name>`,
 * PostgreSQL quotes it. Index names are MongoDB's `field_1_other_-1`.
 */
const FERRETDB_UNIQUE_CLASH = [
  /UNIQUE constraint failed: index '[^']*?_[0-9a-f]{8}_([^']+)'/,
  /duplicate key value violates unique constraint "[^"]*?_[0-9a-f]{8}_([^"]+)"/,
];

function ferretDbClashIndex(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 1) return undefined;
  const message = String((error as { message?: unknown }).message ?? '');
  for (const pattern of FERRETDB_UNIQUE_CLASH) {
    const match = pattern.exec(message);
    if (match) return match[1];
  }
  return undefined;
}

/** True for a unique-index violation: code 11000 on MongoDB and on FerretDB inserts, FerretDB's own form on updates. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return (error as { code?: unknown }).code === 11000 || ferretDbClashIndex(error) !== undefined;
}

/** Rethrows a unique-index violation as DuplicateKeyError, anything else as it is. */
export function rethrowDuplicateKey(error: unknown): never {
  if (!isDuplicateKeyError(error)) throw error;
  const keyPattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern;
  if (keyPattern) throw new DuplicateKeyError(Object.keys(keyPattern));
  const index = ferretDbClashIndex(error);
  throw new DuplicateKeyError(index ? keysOfIndexName(index) : []);
}

/** `nameKey_1` → [nameKey]; `groupId_1_userId_1` → [groupId, userId]. */
function keysOfIndexName(index: string): string[] {
  return [...index.matchAll(/(.+?)_-?1(?:_|$)/g)].map((match) => match[1]);
}
