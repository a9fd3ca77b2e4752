import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ferretdbBinaryExists, FERRETDB_BINARY, findFreePort, waitForPort } from '@plenary/database';

export interface TestServer {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a private FerretDB (our launcher, SQLite in a temp folder); `restart()` reuses port and data. */
export async function startFerretDb(
  port?: number,
  dataDir?: string,
): Promise<TestServer & { dataDir: string; restart(): Promise<void> }> {
  if (!ferretdbBinaryExists()) {
    throw new Error(`${FERRETDB_BINARY} is missing: run "npm run ferretdb:build" (needs Go)`);
  }
  const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'plenary-ferretdb-'));
  const listenPort = port ?? (await findFreePort());
  let child = await launch(listenPort, folder);
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    uri: `mongodb://127.0.0.1:${listenPort}/`,
    port: listenPort,
    dataDir: folder,
    stop: async () => {
      await stopChild();
      if (!dataDir) rmSync(folder, { recursive: true, force: true });
    },
    restart: async () => {
      await stopChild();
      child = await launch(listenPort, folder);
    },
  };
}

async function launch(port: number, folder: string) {
  const child = spawn(
    FERRETDB_BINARY,
    ['-listen-addr', `127.0.0.1:${port}`, '-sqlite-dir', folder, '-log-level', 'error', '-exit-on-stdin-close'],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  );
  await waitForPort('127.0.0.1', port, 20_000);
  return child;
}

/** The shared test server's URI with a database of its own, so test files never see each other. */
export function uniqueDatabaseUri(label: string): string {
  const base = process.env.MONGODB_URI;
  if (!base) throw new Error('MONGODB_URI is not set: the e2e global setup sets it');
  const name = `test_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const [, prefix, query] = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*(\?.*)?$/.exec(base) ?? [];
  if (!prefix) throw new Error(`MONGODB_URI is not a MongoDB URI: ${base}`);
  return `${prefix}/${name}${query ?? ''}`;
}
