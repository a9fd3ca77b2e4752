import { io, type Socket } from 'socket.io-client';

/** The platform's acknowledgement: `{ok: true, data}` or `{ok: false, error}` with the API's error body. */
export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: { field: string; problem: string }[] } };

/**
 * A socket on one of the server's namespaces (`/` for notifications and the forum, `/live` for sessions), with
 * the token to authenticate with (a member's access token or a guest's). It reconnects by itself; Socket.IO's
 * connection-state recovery replays what a short drop missed, and `socket.recovered` tells when it could not.
 */
export function openSocket(namespace: '/' | '/live', token: () => string | null): Socket {
  return io(namespace === '/' ? '/' : namespace, {
    transports: ['websocket'],
    auth: (send) => send({ token: token() }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
}

/** Emits with an acknowledgement, rejecting after `timeoutMs` (the socket may be down: the caller retries). */
export async function emitWithAck<T>(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs = 8_000,
): Promise<Ack<T>> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
}
