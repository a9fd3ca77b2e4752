/** A guest's token for one session (from POST /live/join), kept in this browser for the session's day. */
export interface GuestPass {
  token: string;
  displayName: string;
  sessionId: string;
}

const key = (sessionId: string) => `plenary.guest.${sessionId}`;

export function guestPass(sessionId: string): GuestPass | null {
  try {
    const raw = localStorage.getItem(key(sessionId));
    return raw ? (JSON.parse(raw) as GuestPass) : null;
  } catch {
    return null;
  }
}

export function keepGuestPass(pass: GuestPass): void {
  localStorage.setItem(key(pass.sessionId), JSON.stringify(pass));
}

export function forgetGuestPass(sessionId: string): void {
  localStorage.removeItem(key(sessionId));
}
