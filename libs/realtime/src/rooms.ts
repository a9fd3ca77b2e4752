/**
 * The one room-naming scheme: `<kind>:<id>`. Realtime names the user's room; each context defines
 * the rooms of its own aggregates with `roomOf` (e.g. `const threadRoom = roomOf('thread')`),
 * so every join and every broadcast names its room through one function, and `idOf` reads it back.
 */
export interface RoomKind {
  (id: string): string;
  /** The id in a room name of this kind; null for a room of another kind. */
  idOf(name: string): string | null;
}

export function roomOf(kind: string): RoomKind {
  const prefix = `${kind}:`;
  return Object.assign((id: string) => `${prefix}${id}`, {
    idOf: (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : null),
  });
}

export const room = {
  /** Every socket of one user, on every device and instance. */
  user: roomOf('user'),
} as const;
