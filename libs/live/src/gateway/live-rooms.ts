import { roomOf } from '@plenary/realtime';

/** The rooms of the /live namespace. */
export const liveRoom = {
  /** Everyone who joined the session: attendees, guests and staff. */
  session: roomOf('live-session'),
  /** Those who moderate it: they also receive pending and dismissed questions, and see pseudonyms. */
  staff: roomOf('live-staff'),
  /** One attendee's sockets in one session (`<sessionId>.<attendee key>`): their own questions reach them as theirs. */
  asker: roomOf('live-asker'),
};

export function askerRoom(sessionId: string, key: string): string {
  return liveRoom.asker(`${sessionId}.${key}`);
}
