import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { accessToken, refreshSession } from '../../api/session';
import { openSocket } from '../../api/socket';

interface Shared {
  socket: Socket;
  memberId: string;
  users: number;
}

let shared: Shared | null = null;

/**
 * One socket on the default namespace for the whole tab (the bell and the forum page share it), opened for the
 * signed-in member. A refused handshake (an expired access token) refreshes the session once and tries again;
 * network drops are Socket.IO's own business (it reconnects, and recovery replays what a short drop missed).
 */
function acquire(memberId: string): Socket {
  if (shared && shared.memberId !== memberId) {
    shared.socket.disconnect();
    shared = null;
  }
  if (!shared) {
    const socket = openSocket('/', accessToken);
    let attempts = 0;
    socket.on('connect', () => {
      attempts = 0;
    });
    socket.on('connect_error', () => {
      // While active, Socket.IO retries by itself; a refusal by the server leaves it inactive.
      if (socket.active || attempts >= 2) return;
      attempts += 1;
      void refreshSession().then((renewed) => {
        if (renewed) socket.connect();
      });
    });
    shared = { socket, memberId, users: 0 };
  }
  shared.users += 1;
  return shared.socket;
}

function release(socket: Socket): void {
  const current = shared;
  if (!current || current.socket !== socket) {
    socket.disconnect();
    return;
  }
  current.users -= 1;
  if (current.users > 0) return;
  // Moving from one page to the next hands the socket over instead of reconnecting.
  setTimeout(() => {
    if (current.users === 0 && shared === current) {
      current.socket.disconnect();
      shared = null;
    }
  }, 3_000);
}

/**
 * Runs `setup` with the shared socket while the member is signed in (again when `key` changes); what it returns
 * runs when the component goes or the key changes. Guests have no socket: the forum's rooms are for members.
 */
export function useForumSocket(
  memberId: string | null | undefined,
  key: string,
  setup: (socket: Socket) => (() => void) | void,
): void {
  const latest = useRef(setup);
  useLayoutEffect(() => {
    latest.current = setup;
  });
  useEffect(() => {
    if (!memberId) return;
    const socket = acquire(memberId);
    const cleanup = latest.current(socket);
    return () => {
      cleanup?.();
      release(socket);
    };
  }, [memberId, key]);
}
