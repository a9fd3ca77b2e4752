import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DatabaseHealth } from './server/database-health.js';
import { DatabaseServer } from './server/database-server.js';

@Module({
  providers: [DatabaseServer],
  exports: [DatabaseServer],
})
class DatabaseServerModule {}

/** The mongoose connection to the resolved server, and its health probe. */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [DatabaseServer],
      useFactory: async (server: DatabaseServer) => {
        await server.resolve();
        return {
          uri: server.uri,
          dbName: server.databaseName,
          serverSelectionTimeoutMS: 5_000,
          autoIndex: true,
        };
      },
    }),
  ],
  providers: [DatabaseHealth],
  exports: [DatabaseHealth],
})
export class DatabaseModule {}
