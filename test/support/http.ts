import { expect } from '@jest/globals';
import type { ErrorBody } from './fixtures.js';
import type { TestApp } from './test-app.js';

export type Auth = { Authorization: string };
export type { ErrorBody };

/** Checks the one error shape and returns it, typed. */
export function expectError(body: unknown, statusCode: number): ErrorBody {
  expect(body).toEqual({
    statusCode,
    code: expect.any(String),
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  });
  return body as ErrorBody;
}

/** The distinct fields named in an error's details, sorted. */
export function fieldsOf(body: unknown): string[] {
  return [...new Set((body as ErrorBody).details.map((detail) => detail.field))].sort();
}

/**
 * Follows nextCursor through a list with `limit` per page; `between` runs after every page but the
 * last (to insert documents while the walk is under way). Full pages are checked to be full.
 */
export async function walkPages<T>(
  app: TestApp,
  path: string,
  options: {
    limit: number;
    query?: Record<string, string | number | boolean>;
    auth?: Auth;
    between?: (page: number) => Promise<void>;
  },
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: Record<string, string | number | boolean> = { ...options.query, limit: options.limit };
    if (cursor) query.cursor = cursor;
    const request = app.http.get(path).query(query);
    const response = await (options.auth ? request.set(options.auth) : request).expect(200);
    const body = response.body as { items: T[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(options.limit);
    items.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
    if (cursor) {
      expect(body.items).toHaveLength(options.limit);
      await options.between?.(pages);
    }
    if (pages > 200) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages };
}
