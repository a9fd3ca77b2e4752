import { useSyncExternalStore } from 'react';
import { API, errorOf } from './api-error';

export interface Member {
  id: string;
  email: string;
  displayName: string;
  role: 'member' | 'moderator' | 'admin';
  status?: string;
}

interface StoredSession {
  user: Member;
  accessToken: string;
  refreshToken: string;
}

export interface AuthAnswer extends StoredSession {
  expiresIn: number;
}

const KEY = 'plenary.session';
const listeners = new Set<() => void>();
let current: StoredSession | null = read();
let refreshing: Promise<boolean> | null = null;

function read(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

function write(next: StoredSession | null): void {
  current = next;
  if (next) localStorage.setItem(KEY, JSON.stringify(next));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

// Another tab signed in or out.
window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  current = read();
  for (const listener of listeners) listener();
});

export function accessToken(): string | null {
  return current?.accessToken ?? null;
}

export function signedIn(answer: AuthAnswer): void {
  write({ user: answer.user, accessToken: answer.accessToken, refreshToken: answer.refreshToken });
}

export function updateMember(user: Member): void {
  if (current) write({ ...current, user });
}

/** Forgets the sign-in here, and tells the server to revoke its refresh token. */
export async function signOut(): Promise<void> {
  const session = current;
  write(null);
  if (!session) return;
  await fetch(`${API}/auth/logout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  }).catch(() => undefined);
}

/** Trades the refresh token for new tokens (once at a time); false, and signed out, when it no longer works. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = current;
    if (!session) return false;
    try {
      const response = await fetch(`${API}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!response.ok) {
        if (response.status === 401) write(null);
        else throw errorOf(response.status, await response.json().catch(() => ({})));
        return false;
      }
      signedIn((await response.json()) as AuthAnswer);
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in member, or null; re-renders on sign-in and sign-out (in any tab). */
export function useMember(): Member | null {
  return useSyncExternalStore(subscribe, () => current?.user ?? null);
}
