import { describe, expect, it } from '@jest/globals';
import { room, roomOf } from './rooms.js';

describe('roomOf', () => {
  const threadRoom = roomOf('forum-thread');

  it('names a room <kind>:<id>', () => {
    expect(threadRoom('64b000000000000000000001')).toBe('forum-thread:64b000000000000000000001');
    expect(room.user('u1')).toBe('user:u1');
  });

  it('reads the id back from a room of its kind, and only of its kind', () => {
    expect(threadRoom.idOf(threadRoom('abc'))).toBe('abc');
    expect(threadRoom.idOf(roomOf('forum-thread-archive')('abc'))).toBeNull();
    expect(threadRoom.idOf(roomOf('forum')('thread:abc'))).toBeNull();
    expect(threadRoom.idOf('some-socket-id')).toBeNull();
  });
});
