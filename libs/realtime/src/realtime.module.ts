import { Module } from '@nestjs/common';
import { ConnectionGateway } from './connection.gateway.js';
import { RedisConnection } from './redis-connection.js';

/** Socket.IO plumbing: the Redis connection the adapter uses, and the connection gateway. */
@Module({
  providers: [RedisConnection, ConnectionGateway],
  exports: [ConnectionGateway, RedisConnection],
})
export class RealtimeModule {}
