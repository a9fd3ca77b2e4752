import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { findFreePort, waitForPort } from './free-port.js';

export const FERRETDB_BINARY = resolve(process.cwd(), 'tools/ferretdb/bin/ferretdb');

export function ferretdbBinaryExists(binary = FERRETDB_BINARY): boolean {
  return existsSync(binary);
}

export interface RunningServer {
  uri: string;
  stop(): Promise<void>;
}

/** Starts our FerretDB launcher (SQLite backend) on a free loopback port, data kept in dataDir. */
export async function startEmbeddedFerretDb(dataDir: string, binary = FERRETDB_BINARY): Promise<RunningServer> {
  const sqliteDir = resolve(dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  const port = await findFreePort();
  // The launcher exits when its stdin closes, so it dies with this process even on SIGKILL.
  const child = spawn(
    binary,
    ['-listen-addr', `127.0.0.1:${port}`, '-sqlite-dir', sqliteDir, '-log-level', 'error', '-exit-on-stdin-close'],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`FerretDB exited with code ${code} during start`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort('127.0.0.1', port, 20_000), exited]);
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
