import { UseFilters, UsePipes } from '@nestjs/common';
import {
  MessageBody,
  type OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { createValidationPipe, Optional } from '@plenary/core';
import { AllowUnverified, Authenticated } from '@plenary/identity';
import { IsString, MaxLength } from 'class-validator';
import type { Server, Socket } from 'socket.io';
import {
  type Ack,
  type ConnectionClientEvents,
  type ConnectionServerEvents,
  ok,
  type Pong,
  type SocketData,
} from './events.js';
import { room } from './rooms.js';
import { WsAckFilter } from './ws-ack.filter.js';

export type PlenarySocket = Socket<ConnectionClientEvents, ConnectionServerEvents, Record<string, never>, SocketData>;
export type PlenaryServer = Server<ConnectionClientEvents, ConnectionServerEvents, Record<string, never>, SocketData>;

export class PingDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  echo?: string;
}

/**
 * Every authenticated socket joins its user's room (so any context can reach a user on every
 * device and instance) and is told it is ready. `ping` lets clients measure the round trip.
 */
@WebSocketGateway()
@Authenticated()
@AllowUnverified()
@UsePipes(createValidationPipe())
@UseFilters(new WsAckFilter())
export class ConnectionGateway implements OnGatewayConnection {
  @WebSocketServer()
  readonly server!: PlenaryServer;

  /** Sockets of this user on every instance (through the Redis adapter when configured). */
  async devicesOf(userId: string): Promise<number> {
    return (await this.server.in(room.user(userId)).fetchSockets()).length;
  }

  /**
   * Ends every connection of the user on every instance (through the Redis adapter when
   * configured). Reconnecting needs a valid token.
   */
  disconnectUser(userId: string): void {
    // No server in a CLI context, where no socket can be connected either.
    this.server?.in(room.user(userId)).disconnectSockets(true);
  }

  async handleConnection(socket: PlenarySocket): Promise<void> {
    await socket.join(room.user(socket.data.user.id));
    socket.emit('connection.ready', { userId: socket.data.user.id, recovered: socket.recovered });
  }

  @SubscribeMessage('ping')
  ping(@MessageBody() payload: PingDto): Ack<Pong> {
    return ok({ echo: payload.echo ?? null, serverTime: new Date().toISOString() });
  }
}
