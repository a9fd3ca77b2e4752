import { describe, expect, it } from '@jest/globals';
import type { Schema } from 'mongoose';
import { AuditEntrySchema } from './audit/audit-entry.schema.js';
import { FlagSchema } from './flags/flag.schema.js';

describe('moderation schemas', () => {
  // Access rules hold ids as strings; mongoose casts them in list filters only on ObjectId paths.
  it.each([
    ['Flag.targetId', FlagSchema, 'targetId'],
    ['Flag.threadId', FlagSchema, 'threadId'],
    ['Flag.groupId', FlagSchema, 'groupId'],
    ['Flag.authorId', FlagSchema, 'authorId'],
    ['Flag.reporterId', FlagSchema, 'reporterId'],
    ['Flag.reviewerId', FlagSchema, 'reviewerId'],
    ['AuditEntry.actorId', AuditEntrySchema, 'actorId'],
    ['AuditEntry.targetId', AuditEntrySchema, 'targetId'],
    ['AuditEntry.groupId', AuditEntrySchema, 'groupId'],
  ] as const)('declares %s as an ObjectId path', (_name, schema, path) => {
    expect((schema as Schema).path(path).instance).toBe('ObjectId');
  });

  it('makes one open flag per member and target unique on fields that are always set', () => {
    const unique = FlagSchema.indexes()
      .filter(([, options]) => options?.unique)
      .map(([fields]) => fields);
    expect(unique).toEqual([{ targetType: 1, targetId: 1, reporterId: 1, openKey: 1 }]);
    for (const path of ['targetType', 'targetId', 'reporterId', 'openKey']) {
      expect([path, FlagSchema.path(path).isRequired]).toEqual([path, true]);
    }
  });
});
