// Runs outside jest's module system (no TypeScript, no path aliases): Node built-ins only, like the launcher module.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { LAUNCHER, startLauncher } from '../../tools/ferretdb/launcher.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_SCRIPT = join(ROOT, 'tools/ferretdb/ferretdb.sh');
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Checks the e2e suite's prerequisites (all missing ones reported at once), builds our FerretDB launcher when
 * it is missing, and provides the database server: MONGODB_URI when given (CI passes the FerretDB it started),
 * otherwise the launcher on SQLite in a temp folder.
 */
export default async function globalSetup() {
  const ownServer = !process.env.MONGODB_URI;
  const mustBuild = !existsSync(LAUNCHER);
  const go = mustBuild ? findGo() : undefined;

  const missing = [];
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 24 || (major === 24 && minor < 9)) {
    // Older Node cannot require() the ES-module-only packages; Node 20 even crashes in jest's vm modules.
    missing.push(
      `Node.js >= 24.9 (this is ${process.version}): install Node 24 (the version in .nvmrc, e.g. \`nvm install\`, ` +
        'or from https://nodejs.org) and put it first on PATH',
    );
  }
  if (mustBuild && !go && ownServer) {
    missing.push(
      'Go >= 1.24, to build the FerretDB launcher the tests run on (tools/ferretdb): install it from https://go.dev/dl ' +
        '(e.g. into /usr/local/go), or set MONGODB_URI to a running MongoDB or FerretDB server',
    );
  }
  const [redis, python] = await Promise.all([redisProblem(), pythonProblem()]);
  if (redis) missing.push(redis);
  if (python) missing.push(python);
  if (missing.length > 0) {
    const error = new Error(
      `The e2e tests cannot run; missing prerequisite${missing.length > 1 ? 's' : ''}:\n` +
        missing.map((line) => `  - ${line}`).join('\n'),
    );
    error.stack = error.message; // the stack trace would only bury the list
    throw error;
  }

  buildWebClientIfStale();
  if (mustBuild && go) buildLauncher(go);
  else if (mustBuild) {
    process.stderr.write(
      `\n[e2e] note: ${LAUNCHER} is missing and no Go is installed: the specs that start a FerretDB of their own will fail\n`,
    );
  }
  if (!ownServer) return;

  const { uri, stop } = await startLauncher({ tempPrefix: 'plenary-e2e-', stderr: 'inherit' });
  process.env.MONGODB_URI = uri;
  globalThis.__plenaryTestServer = { stop };
}

/**
 * The browser specs drive the client the API serves from dist/web: build it (vite, ~30 s) when it is missing or
 * older than its sources, so a spec never tests yesterday's client.
 */
function buildWebClientIfStale() {
  const built = join(process.env.WEB_CLIENT_DIR || join(ROOT, 'dist/web'), 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const newest = (folder) =>
    readdirSync(folder, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(folder, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  if (builtAt > newest(join(ROOT, 'apps/web'))) return;
  process.stderr.write('\n[e2e] building the web client (dist/web): it is missing or older than apps/web\n');
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
      // jest sets NODE_ENV=test, which would make vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.error || result.status !== 0) {
    throw new Error(
      `Building the web client failed (vite build: ${result.error?.message ?? `exit code ${result.status}`}; its output is above)`,
    );
  }
}

/** Same places as ferretdb.sh looks in. */
function findGo() {
  const candidates = [
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((folder) => join(folder, 'go')),
    process.env.GOROOT && join(process.env.GOROOT, 'bin/go'),
    '/usr/local/go/bin/go',
    '/usr/lib/go/bin/go',
    join(homedir(), 'go/bin/go'),
    join(homedir(), 'sdk/go/bin/go'),
  ];
  return candidates.find((candidate) => {
    if (!candidate) return false;
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function buildLauncher(go) {
  process.stderr.write(
    '\n[e2e] building the FerretDB launcher (tools/ferretdb/bin/ferretdb); the first build takes a minute or two\n',
  );
  // The script's output goes to our stderr, so that it cannot mix with jest's --json on stdout.
  const result = spawnSync('bash', [BUILD_SCRIPT, 'build', '--required'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, PATH: `${dirname(go)}${delimiter}${process.env.PATH ?? ''}`, GOTELEMETRY: 'off' },
  });
  if (result.error || result.status !== 0 || !existsSync(LAUNCHER)) {
    const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    throw new Error(
      `Building the FerretDB launcher failed (bash tools/ferretdb/ferretdb.sh build: ${why}; its output is above). ` +
        'Fix the build, or set MONGODB_URI to a running MongoDB or FerretDB server.',
    );
  }
}

/** A TCP connection and a PING (after AUTH when the URL has a password) to REDIS_URL; undefined when it answers. */
async function redisProblem() {
  const raw = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    return `REDIS_URL is not a URL (${raw}): set it to redis://HOST:PORT`;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return `REDIS_URL must start with redis:// or rediss:// (it is ${url.protocol}//…)`;
  }
  if (url.password) url.password = '***';
  const shown = url.toString();
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(url.port || 6379);
  const commands = [];
  const password = new URL(raw).password;
  if (password) {
    const user = decodeURIComponent(url.username);
    commands.push(['AUTH', ...(user ? [user] : []), decodeURIComponent(password)]);
  }
  commands.push(['PING']);

  const answer = await new Promise((done) => {
    const socket =
      url.protocol === 'rediss:'
        ? tlsConnect({ host, port, servername: host, rejectUnauthorized: false })
        : createConnection({ host, port });
    let data = '';
    const finish = (outcome) => {
      clearTimeout(timer);
      socket.destroy();
      done(outcome);
    };
    const timer = setTimeout(() => finish({ error: 'no answer within 3 s' }), 3000);
    socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () =>
      socket.write(
        commands
          .map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
          .join(''),
      ),
    );
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      const replies = data
        .split('\r\n')
        .slice(0, -1) // complete lines only
        .filter((line) => /^[+-]/.test(line));
      if (replies.length >= commands.length) finish({ replies });
    });
    socket.once('error', (error) => finish({ error: error.code ?? error.message }));
    socket.once('close', () => finish({ error: 'connection closed without an answer' }));
  });

  if (answer.error) {
    return (
      `Redis does not answer at ${shown} (${answer.error}): install and start redis-server ` +
      '(Debian: `apt-get install redis-server`, then `redis-server --daemonize yes`), or set REDIS_URL to a running Redis'
    );
  }
  const refused = answer.replies.find((line) => line.startsWith('-'));
  if (refused || answer.replies.at(-1) !== '+PONG') {
    return `Redis at ${shown} did not answer PING with PONG (${refused?.slice(1) ?? answer.replies.at(-1)}): check REDIS_URL (credentials?)`;
  }
  return undefined;
}

/** One spec drives the server with Debian's Python Socket.IO client; it tries these two pythons too. */
async function pythonProblem() {
  for (const python of ['python3', '/usr/bin/python3']) {
    const ok = await new Promise((done) => {
      const child = spawn(python, ['-c', 'import socketio, websocket'], { stdio: 'ignore' });
      child.once('error', () => done(false));
      child.once('exit', (code) => done(code === 0));
    });
    if (ok) return undefined;
  }
  return (
    "Python's Socket.IO client (a spec drives the server with it): " +
    '`apt-get install python3-socketio python3-websocket` (no python3 can `import socketio, websocket`)'
  );
}
