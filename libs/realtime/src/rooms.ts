/**
 * The one room-naming scheme: `<kind>:<id>`. Realtime names the user's room; each context defines
 * the rooms of its own aggregates with `roomOf` (e.g. `const threadRoom = roomOf('thread')`),
 * so every join and every broadcast names its room through one function.
 */
export function roomOf(kind: string): (id: string) => string {
  return (id: string) => `${kind}:${id}`;
}

export const room = {
  /** Every socket of one user, on every device and instance. */
  user: roomOf('user'),
} as const;
