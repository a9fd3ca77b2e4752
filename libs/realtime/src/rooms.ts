/** The one room-naming helper: every join and every broadcast names its room through it. */
export const room = {
  user: (userId: string) => `user:${userId}`,
  group: (groupId: string) => `group:${groupId}`,
  thread: (threadId: string) => `thread:${threadId}`,
  session: (sessionId: string) => `session:${sessionId}`,
} as const;
