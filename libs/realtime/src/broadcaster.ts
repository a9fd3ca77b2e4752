import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { ConnectionGateway } from './connection.gateway.js';
import type { ServerEventMap } from './events.js';

/**
 * Sends a context's server→client events to rooms, on every instance (through the Redis adapter
 * when configured), for contexts without a gateway of their own: `broadcaster.emit<MyEvents>(
 * room.user(id), 'notification:created', payload)`. Call it after the change is stored.
 */
@Injectable()
export class Broadcaster {
  constructor(private readonly connections: ConnectionGateway) {}

  emit<Events extends ServerEventMap, Event extends keyof Events & string = keyof Events & string>(
    rooms: string | string[],
    event: Event,
    payload: Parameters<Events[Event]>[0],
  ): void {
    // Untyped here: the context's own event map types the call. No server in a CLI context, where no socket connects either.
    (this.connections.server as Server | undefined)?.to(rooms).emit(event, payload);
  }
}
