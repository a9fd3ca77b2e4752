import { ApiError } from '../errors/api-error.js';

/** The position of the last item of a page: its sort value and id (the tie-breaker). */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      (['string', 'number'].includes(typeof decoded[0]) || decoded[0] === null) &&
      typeof decoded[1] === 'string'
    ) {
      return { value: decoded[0] as CursorPosition['value'], id: decoded[1] as string };
    }
  } catch {
    // falls through to the 400 below
  }
  throw ApiError.invalidField('cursor', 'must be a cursor returned by a previous page');
}
