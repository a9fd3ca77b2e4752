import { Logger, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { DatabaseHealth } from './server/database-health.js';
import { DatabaseServer } from './server/database-server.js';
import { gateWritesOn, servesFerretDb, writeGatePlugin } from './writes/write-gate.js';

@Module({
  providers: [DatabaseServer],
  exports: [DatabaseServer],
})
class DatabaseServerModule {}

const logger = new Logger('Database');

/** Every model gets the write gate; it closes only on a FerretDB server. */
async function prepare(connection: Connection): Promise<Connection> {
  connection.plugin(writeGatePlugin);
  if (await servesFerretDb(connection)) {
    gateWritesOn(connection);
    logger.log(
      'The server is FerretDB: updates are serialized per collection in this instance; run several instances on MongoDB only',
    );
  }
  return connection;
}

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
          connectionFactory: prepare,
        };
      },
    }),
  ],
  providers: [DatabaseHealth],
  exports: [DatabaseHealth],
})
export class DatabaseModule {}
