import { describe, expect, it } from '@jest/globals';
import { allOf } from './filters.js';

describe('allOf', () => {
  it('keeps plain conditions at the top level', () => {
    expect(allOf({ status: 'visible' }, { threadId: 'T' })).toEqual({ status: 'visible', threadId: 'T' });
  });

  it('flattens nested $and, and keeps only clashing conditions in one', () => {
    const visible = { $or: [{ audience: 'public' }, { groupId: { $in: ['G'] } }] };
    const after = { $or: [{ number: { $gt: 3 } }, { number: 3, _id: { $gt: 'x' } }] };
    expect(allOf({ $and: [visible, { threadId: 'T' }] }, after)).toEqual({
      ...visible,
      threadId: 'T',
      $and: [after],
    });
    expect(allOf({ status: 'visible' }, { $and: [{ status: { $ne: 'hidden' } }, { kind: 'k' }] })).toEqual({
      status: 'visible',
      kind: 'k',
      $and: [{ status: { $ne: 'hidden' } }],
    });
  });

  it('is the empty filter for nothing, and each filter unchanged alone', () => {
    expect(allOf()).toEqual({});
    expect(allOf({ a: { $gt: 1 } })).toEqual({ a: { $gt: 1 } });
  });
});
