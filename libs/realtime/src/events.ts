import type { ErrorBody } from '@plenary/core';

/** Every client event is acknowledged with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Who a socket belongs to, set once by the handshake authentication. */
export interface SocketUser {
  id: string;
  role: string;
}

export interface ConnectionReady {
  userId: string;
  /** True when Socket.IO restored a dropped connection with its rooms and missed events. */
  recovered: boolean;
}

export interface Pong {
  echo: string | null;
  serverTime: string;
}

/** Events the server sends. Later contexts add theirs here, so clients get one typed map. */
export interface ServerToClientEvents {
  'connection.ready': (payload: ConnectionReady) => void;
}

/** Events clients send; each takes an ack callback. */
export interface ClientToServerEvents {
  ping: (payload: { echo?: string }, ack: (result: Ack<Pong>) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user: SocketUser;
}
