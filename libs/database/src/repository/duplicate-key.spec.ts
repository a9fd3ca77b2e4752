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
    // PostgreSQL's index names mangle the keys (`k_1` → `k__`): the clash is recognised, its keys are not named.
    const postgresql = {
      code: 1,
      message:
        '[collection.go:227 postgresql.(*collection).UpdateAll] ERROR: duplicate key value violates unique constraint "groups_c55cc5ef_namekey___b473697a_idx" (SQLSTATE 23505)',
    };
    expect(rethrown(sqlite)).toEqual(new DuplicateKeyError(['nameKey']));
    expect(rethrown(postgresql)).toEqual(new DuplicateKeyError([]));
  });

  it('passes every other error through unchanged', () => {
    const other = { code: 1, message: 'something else broke' };
    expect(isDuplicateKeyError(other)).toBe(false);
    expect(rethrown(other)).toBe(other);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
