/** A unique index refused a write; `keys` names its fields when the server said which. */
export class DuplicateKeyError extends Error {
  constructor(readonly keys: string[]) {
    super(`duplicate key on ${keys.join(', ') || 'a unique index'}`);
    this.name = 'DuplicateKeyError';
  }
}

/** True for a unique-index violation (code 11000 on MongoDB and FerretDB alike). */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Rethrows a unique-index violation as DuplicateKeyError, anything else as it is. */
export function rethrowDuplicateKey(error: unknown): never {
  if (isDuplicateKeyError(error)) {
    const keyPattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern;
    throw new DuplicateKeyError(Object.keys(keyPattern ?? {}));
  }
  throw error;
}
