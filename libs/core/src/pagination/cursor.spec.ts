import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../errors/api-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips a position as an opaque url-safe string', () => {
    for (const position of [
      { value: 1732380000000, id: '6b0493a45680ffc9e5fc590f' },
      { value: 'Zoë', id: '6b0493a45680ffc9e5fc5910' },
      { value: null, id: '6b0493a45680ffc9e5fc5911' },
      { value: 42, id: '6b0493a45680ffc9e5fc5912', sortedBy: 'number' },
    ]) {
      const cursor = encodeCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toEqual(position);
    }
  });

  it('refuses anything it did not make with a 400 naming the cursor', () => {
    for (const forged of [
      'garbage',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('[1,"6b0493a45680ffc9e5fc5912",3]').toString('base64url'),
    ]) {
      let caught: unknown;
      try {
        decodeCursor(forged);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect((caught as ApiError).getStatus()).toBe(400);
      expect((caught as ApiError).details).toEqual([
        { field: 'cursor', problem: 'must be a cursor returned by a previous page' },
      ]);
    }
  });
});
