// How Node code starts our FerretDB launcher (bin/ferretdb): the e2e global setup and the benches. Plain Node with
// built-ins only, since jest's global setup imports it outside jest's module system.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAUNCHER = fileURLToPath(new URL('bin/ferretdb', import.meta.url));

export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Resolves once 127.0.0.1:port accepts connections; fails after timeoutMs, or as soon as `child` exits. */
async function waitForPort(port, child, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`it exited (${child.exitCode ?? child.signalCode}) before listening on 127.0.0.1:${port}`);
    }
    const open = await new Promise((done) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => done(socket.destroy() || true));
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Starts the launcher on 127.0.0.1 (on a free port unless `port` is given) and resolves once it listens. It never
 * outlives this process: its stdin is a pipe and it gets -exit-on-stdin-close. Its SQLite files go to `sqliteDir`,
 * or (unless `args` choose another -handler) to a new temp folder named after `tempPrefix` that stop() removes.
 * `stderr: 'inherit'` passes its stderr through; otherwise the end of it goes into the startup error.
 */
export async function startLauncher({ args = [], sqliteDir, port, tempPrefix = 'plenary-ferretdb-', stderr = 'pipe' }) {
  port ??= await freePort();
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const tempDir =
    sqliteDir === undefined && (option('-handler') ?? 'sqlite') === 'sqlite'
      ? mkdtempSync(join(tmpdir(), tempPrefix))
      : undefined;
  sqliteDir ??= tempDir;
  const fullArgs = [
    '-listen-addr',
    `127.0.0.1:${port}`,
    ...(sqliteDir ? ['-sqlite-dir', sqliteDir] : []),
    ...(option('-log-level') ? [] : ['-log-level', 'error']),
    '-exit-on-stdin-close',
    ...args,
  ];
  const child = spawn(LAUNCHER, fullArgs, { stdio: ['pipe', 'ignore', stderr] });
  let said = '';
  child.stderr?.on('data', (chunk) => {
    said = (said + chunk).slice(-4000);
  });
  child.on('error', (error) => {
    said += `\n${error.message}`;
  });
  const output = () => said.trim();
  const exited = new Promise((done) => child.once('exit', done));
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        const term = setTimeout(() => child.kill('SIGTERM'), 3000);
        const kill = setTimeout(() => {
          console.error('the FerretDB launcher did not stop, killing it');
          child.kill('SIGKILL');
        }, 8000);
        await exited;
        clearTimeout(term);
        clearTimeout(kill);
      }
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    })());

  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop();
    const why = `the FerretDB launcher did not start (${LAUNCHER} ${fullArgs.join(' ')}): ${error.message}`;
    throw new Error(output() ? `${why}\n${output()}` : why, { cause: error });
  }
  return { port, uri: `mongodb://127.0.0.1:${port}/`, stop };
}
