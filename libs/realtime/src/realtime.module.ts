import { Module } from '@nestjs/common';
import { RedisModule } from '@plenary/database';
import { IdentityModule } from '@plenary/identity';
import { AccountSockets } from './account-sockets.js';
import { Broadcaster } from './broadcaster.js';
import { ConnectionGateway } from './connection.gateway.js';
import { SocketAuthenticator } from './socket-authenticator.js';

/**
 * Socket.IO plumbing: the handshake (authenticated by identity's token service), the connection
 * gateway, and closing the sockets of accounts that stop being usable.
 */
@Module({
  imports: [IdentityModule, RedisModule],
  providers: [ConnectionGateway, SocketAuthenticator, AccountSockets, Broadcaster],
  exports: [Broadcaster, ConnectionGateway, SocketAuthenticator],
})
export class RealtimeModule {}
