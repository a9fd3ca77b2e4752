import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import { ferretdbBinaryExists, type RunningServer, startEmbeddedFerretDb } from './embedded-ferretdb.js';
import { startMemoryServer } from './memory-server.js';

export type DatabaseServerKind = 'configured' | 'embedded-ferretdb' | 'embedded-mongodb-memory-server';

const DEFAULT_DATABASE = 'plenary';

/**
 * Decides which MongoDB-compatible server Plenary talks to: MONGODB_URI when set; otherwise one
 * the app starts itself (our FerretDB launcher when built, else mongodb-memory-server).
 */
@Injectable()
export class DatabaseServer implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseServer.name);
  private embedded?: RunningServer;
  kind: DatabaseServerKind = 'configured';
  uri = '';
  databaseName = DEFAULT_DATABASE;

  constructor(private readonly config: AppConfig) {}

  async resolve(): Promise<void> {
    if (this.config.mongodbUri) {
      this.uri = this.config.mongodbUri;
      this.kind = 'configured';
    } else if (ferretdbBinaryExists()) {
      this.embedded = await startEmbeddedFerretDb(this.config.dataDir);
      this.uri = this.embedded.uri;
      this.kind = 'embedded-ferretdb';
    } else {
      this.embedded = await startMemoryServer(this.config.dataDir);
      this.uri = this.embedded.uri;
      this.kind = 'embedded-mongodb-memory-server';
    }
    this.databaseName = databaseNameIn(this.uri) ?? DEFAULT_DATABASE;
    this.logger.log(`Database: ${describe(this.kind)} at ${redact(this.uri)}, database "${this.databaseName}"`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

function describe(kind: DatabaseServerKind): string {
  switch (kind) {
    case 'configured':
      return 'MONGODB_URI';
    case 'embedded-ferretdb':
      return 'embedded FerretDB (tools/ferretdb)';
    case 'embedded-mongodb-memory-server':
      return 'embedded mongodb-memory-server';
  }
}

/** The database named in the URI path, if any ("mongodb://host/name?opts" → "name"). */
export function databaseNameIn(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}
