// Runs outside jest's module system (no TypeScript, no path aliases): Node built-ins only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LAUNCHER = resolve('tools/ferretdb/bin/ferretdb');

/**
 * The e2e suite's database server: MONGODB_URI when given (CI passes the FerretDB it started);
 * otherwise our FerretDB launcher, or mongodb-memory-server when the launcher is not built.
 */
export default async function globalSetup() {
  if (process.env.MONGODB_URI) return;
  if (existsSync(LAUNCHER)) {
    const folder = mkdtempSync(join(tmpdir(), 'plenary-e2e-'));
    const port = await freePort();
    const child = spawn(
      LAUNCHER,
      ['-listen-addr', `127.0.0.1:${port}`, '-sqlite-dir', folder, '-log-level', 'error', '-exit-on-stdin-close'],
      { stdio: ['pipe', 'ignore', 'inherit'] },
    );
    await untilListening(port);
    process.env.MONGODB_URI = `mongodb://127.0.0.1:${port}/`;
    globalThis.__plenaryTestServer = {
      stop: () =>
        new Promise((done) => {
          child.once('exit', () => {
            rmSync(folder, { recursive: true, force: true });
            done();
          });
          child.kill('SIGTERM');
        }),
    };
    return;
  }
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create();
  process.env.MONGODB_URI = server.getUri();
  globalThis.__plenaryTestServer = { stop: () => server.stop() };
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function untilListening(port) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const open = await new Promise((done) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => done(socket.destroy() || true));
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`FerretDB did not listen on ${port}`);
}
