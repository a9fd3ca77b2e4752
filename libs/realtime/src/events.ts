import type { ErrorBody } from '@plenary/core';
import type { Principal } from '@plenary/identity';

/** Every client event is acknowledged with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/**
 * A context's server→client events: event name → the function a client listens with. Each context
 * declares its own map beside its gateway (e.g. `ForumServerEvents`) and types its broadcasts
 * with it; realtime's own are below.
 */
export type ServerEventMap = { [event: string]: (payload: never) => void };

export interface ConnectionReady {
  userId: string;
  /** True when Socket.IO restored a dropped connection with its rooms and missed events. */
  recovered: boolean;
}

export interface Pong {
  echo: string | null;
  serverTime: string;
}

/** Realtime's own server→client events. */
export interface ConnectionServerEvents {
  'connection.ready': (payload: ConnectionReady) => void;
}

/** Realtime's own client events; each takes an ack callback. */
export interface ConnectionClientEvents {
  ping: (payload: { echo?: string }, ack: (result: Ack<Pong>) => void) => void;
}

/** What the handshake leaves on every socket: the authenticated caller. */
export interface SocketData {
  user: Principal;
}
