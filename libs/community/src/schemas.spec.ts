import { describe, expect, it } from '@jest/globals';
import type { Schema } from 'mongoose';
import { GroupSchema } from './groups/group.schema.js';
import { ProfileSchema } from './profiles/profile.schema.js';
import { MembershipSchema } from './groups/membership.schema.js';

describe('community schemas', () => {
  // Access rules hold ids as strings; mongoose casts them in list filters only on ObjectId paths
  // (a Mixed path would silently match nothing).
  it.each([
    ['Profile.userId', ProfileSchema, 'userId'],
    ['Group.createdBy', GroupSchema, 'createdBy'],
    ['Membership.groupId', MembershipSchema, 'groupId'],
    ['Membership.userId', MembershipSchema, 'userId'],
    ['Membership.invitedBy', MembershipSchema, 'invitedBy'],
  ] as const)('declares %s as an ObjectId path', (_name, schema, path) => {
    expect((schema as Schema).path(path).instance).toBe('ObjectId');
  });
});
