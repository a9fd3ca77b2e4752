/**
 * A guest of one live session: no account, a display name, and a token that opens that session
 * only. Guests reach the handlers that say `@Authenticated({ guests: true })` and the namespaces
 * that admit them; everywhere else their token is refused.
 */
export interface Guest {
  /** Stable for the token's life: what the session's documents (a question, a vote) name as the guest. */
  id: string;
  sessionId: string;
  displayName: string;
}

/** Claims of a guest token; `typ` keeps it from passing as an access token. */
export interface GuestClaims {
  sub: string;
  sid: string;
  name: string;
  typ: 'guest';
}
