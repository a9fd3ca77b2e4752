import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunningServer } from './embedded-ferretdb.js';

/**
 * mongodb-memory-server with its files under dataDir, so data outlives a restart.
 * It downloads mongod on first use, which needs internet access.
 */
export async function startMemoryServer(dataDir: string): Promise<RunningServer> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = resolve(dataDir, 'mongodb');
  mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
  return {
    uri: server.getUri(),
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
