import { describe, expect, it } from '@jest/globals';
import type { Schema } from 'mongoose';
import { CapabilityGrantSchema } from './capabilities/capability.schema.js';
import { LibraryItemSchema } from './records/item.schema.js';
import { ReviewAssignmentSchema, ReviewSchema } from './records/review.schema.js';
import { LibraryVersionSchema } from './records/version.schema.js';
import { ReviewSettingsSchema } from './settings/review-settings.schema.js';

describe('library schemas', () => {
  // Ids arrive as strings; mongoose casts them in filters only on ObjectId paths.
  it.each([
    ['LibraryItem.authorId', LibraryItemSchema, 'authorId'],
    ['LibraryItem.groupId', LibraryItemSchema, 'groupId'],
    ['LibraryVersion.itemId', LibraryVersionSchema, 'itemId'],
    ['LibraryVersion.createdBy', LibraryVersionSchema, 'createdBy'],
    ['ReviewAssignment.itemId', ReviewAssignmentSchema, 'itemId'],
    ['ReviewAssignment.reviewerId', ReviewAssignmentSchema, 'reviewerId'],
    ['Review.itemId', ReviewSchema, 'itemId'],
    ['Review.reviewerId', ReviewSchema, 'reviewerId'],
    ['CapabilityGrant.userId', CapabilityGrantSchema, 'userId'],
  ] as const)('declares %s as an ObjectId path', (_name, schema, path) => {
    expect((schema as Schema).path(path).instance).toBe('ObjectId');
  });

  it('puts unique indexes on always-set fields only (FerretDB lets several missing values through)', () => {
    const schemas = [
      LibraryItemSchema,
      LibraryVersionSchema,
      ReviewAssignmentSchema,
      ReviewSchema,
      CapabilityGrantSchema,
      ReviewSettingsSchema,
    ] as Schema[];
    const unique = schemas.flatMap((schema) =>
      schema
        .indexes()
        .filter(([, options]) => (options as { unique?: boolean }).unique)
        .flatMap(([keys]) => Object.keys(keys).map((path) => [schema, path] as const)),
    );
    // five unique indexes: (item, number), (item, reviewer), (item, version, reviewer), (user, scope), (key)
    expect(unique.length).toBe(10);
    for (const [schema, path] of unique) expect([path, schema.path(path).isRequired]).toEqual([path, true]);
  });
});
