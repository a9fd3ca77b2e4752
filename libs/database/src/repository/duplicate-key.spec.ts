import { describe, expect, it } from '@jest/globals';
import { DuplicateKeyError, isDuplicateKeyError, rethrowDuplicateKey } from './duplicate-key.js';

function rethrown(error: unknown): unknown {
  try {
    rethrowDuplicateKey(error);
  } catch (caught) {
    return caught;
  }
  throw new Error('rethrowDuplicateKey returned');
}

describe('duplicate-key errors', () => {
  it("recognises MongoDB's 11000 and names the keys from keyPattern", () => {
    const error = { code: 11000, keyPattern: { groupId: 1, userId: 1 }, message: 'E11000 duplicate key' };
    expect(isDuplicateKeyError(error)).toBe(true);
    expect(rethrown(error)).toEqual(new DuplicateKeyError(['groupId', 'userId']));
  });

  it("recognises FerretDB's unique clash on an update, on SQLite and on PostgreSQL", () => {
    const sqlite = {
      code: 1,
      codeName: 'InternalError',
      message:
        "[msg_update.go:133 handler.(*Handler).updateDocument] constraint failed: UNIQUE constraint failed: index 'groups_1f2e3d4c_nameKey_1' (2067)",
    };
    const postgresql = {
      code: 1,
      message:
        'ERROR: duplicate key value violates unique constraint "memberships_0a1b2c3d_groupId_1_userId_1_idx" (SQLSTATE 23505)',
    };
    expect(rethrown(sqlite)).toEqual(new DuplicateKeyError(['nameKey']));
    expect(isDuplicateKeyError(postgresql)).toBe(true);
  });

  it('passes every other error through unchanged', () => {
    const other = { code: 1, message: 'something else broke' };
    expect(isDuplicateKeyError(other)).toBe(false);
    expect(rethrown(other)).toBe(other);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
