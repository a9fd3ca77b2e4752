import { Module } from '@nestjs/common';
import { IdentityModule } from '@plenary/identity';
import { AccountSockets } from './account-sockets.js';
import { ConnectionGateway } from './connection.gateway.js';
import { RedisConnection } from './redis-connection.js';
import { SocketAuthenticator } from './socket-authenticator.js';

/**
 * Socket.IO plumbing: the handshake (authenticated by identity's token service), the Redis
 * connection the adapter uses, the connection gateway, and closing the sockets of accounts that
 * stop being usable.
 */
@Module({
  imports: [IdentityModule],
  providers: [RedisConnection, ConnectionGateway, SocketAuthenticator, AccountSockets],
  exports: [ConnectionGateway, RedisConnection, SocketAuthenticator],
})
export class RealtimeModule {}
