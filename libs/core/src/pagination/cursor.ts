import { ApiError } from '../errors/api-error.js';

/**
 * The position of the last item of a page: its sort value and id (the tie-breaker), and the field the
 * list sorts by when it is not `_id` (so a cursor of one list is not taken by a list sorted otherwise).
 */
export interface CursorPosition {
  value: string | number | null;
  id: string;
  sortedBy?: string;
}

export function encodeCursor(position: CursorPosition): string {
  const parts = [position.value, position.id, ...(position.sortedBy ? [position.sortedBy] : [])];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      (decoded.length === 2 || (decoded.length === 3 && typeof decoded[2] === 'string')) &&
      (['string', 'number'].includes(typeof decoded[0]) || decoded[0] === null) &&
      typeof decoded[1] === 'string'
    ) {
      const [value, id, sortedBy] = decoded as [CursorPosition['value'], string, string | undefined];
      return sortedBy === undefined ? { value, id } : { value, id, sortedBy };
    }
  } catch {
    // falls through to the 400 below
  }
  throw ApiError.invalidField('cursor', 'must be a cursor returned by a previous page');
}
