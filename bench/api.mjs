// HTTP throughput and latency of the compiled API server, next to a bare Node `http` server measured in the same run,
// so that a busy machine skews both alike: compare the ratios, not the raw figures.
//
//   npm run bench:api                     (builds, then runs this)
//   node bench/api.mjs [--seconds=5] [--warmup=1] [--connections=20] [--members=100] [--groups=30]
//                      [--server=dist/apps/api/src/main.js] [--mongodb-uri=mongodb://host:port/]
//
// The server runs as a child process like in production (NODE_ENV=production, LOG_LEVEL=info, its log in a file).
// Its database: a throwaway one on --mongodb-uri (or MONGODB_URI), dropped at the end; otherwise our FerretDB
// launcher on SQLite in a temp folder. Members and groups are seeded through the API. Every child exits when this
// process goes (FerretDB when its stdin closes, the servers when their IPC channel does). Besides req/s and latency,
// the table gives the server's CPU time per request (process.cpuUsage()), steadier on a busy machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { freePort, LAUNCHER, startLauncher } from '../tools/ferretdb/launcher.mjs';
import { cleanup, guard, onCleanup, parseOptions, percentile, printTable } from './support.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API = '/api/v1';
const TOTAL_LIMIT_MS = 170_000;
// Preloaded into both servers: stop when this process goes (the IPC channel closes), report CPU time when asked.
const CHILD_HOOKS =
  'data:text/javascript,process.on("disconnect",()=>process.kill(process.pid,"SIGTERM"));' +
  'process.on("message",()=>process.send(process.cpuUsage()))';
const BARE_SERVER = `
  import { createServer } from 'node:http';
  const body = JSON.stringify({ status: 'ok' });
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const options = parseOptions(process.argv.slice(2), {
  seconds: 5,
  warmup: 1,
  connections: 20,
  members: 100,
  groups: 30,
  server: 'dist/apps/api/src/main.js',
  'mongodb-uri': process.env.MONGODB_URI ?? '',
});

guard(TOTAL_LIMIT_MS);

try {
  const started = performance.now();
  const serverScript = resolve(ROOT, options.server);
  if (!existsSync(serverScript))
    throw new Error(`${serverScript} is missing: run npm run build (or npm run bench:api)`);
  const folder = mkdtempSync(join(tmpdir(), 'plenary-bench-api-'));
  onCleanup(() => rmSync(folder, { recursive: true, force: true }));

  const mongodbUri = await database(folder);
  const bare = await startBare();
  const api = await startApi(serverScript, mongodbUri, folder);
  console.log(
    `server ${serverScript} (NODE_ENV=production, LOG_LEVEL=info, ` +
      `${process.env.REDIS_URL ? `Redis ${process.env.REDIS_URL}` : 'no Redis'}, database ${redact(mongodbUri)})\n` +
      `${options.connections} connections, ${options.warmup} s warm-up + ${options.seconds} s per target; ` +
      `server log in ${api.logFile} (deleted at the end)`,
  );

  process.stdout.write(`seeding ${options.members} members and ${options.groups} groups through the API... `);
  const seedStart = performance.now();
  const { token } = await seed(api.url);
  console.log(`${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const etag = (await fetch(`${api.url}${API}/taxonomy/objectives`)).headers.get('etag');
  const auth = { authorization: `Bearer ${token}` };
  const targets = [
    { label: 'bare node:http (baseline)', url: `${bare.url}/`, server: bare.child },
    { label: 'GET /health', url: `${api.url}${API}/health` },
    { label: 'GET /taxonomy/objectives', url: `${api.url}${API}/taxonomy/objectives` },
    etag
      ? {
          label: 'GET /taxonomy/objectives, If-None-Match',
          url: `${api.url}${API}/taxonomy/objectives`,
          headers: { 'if-none-match': etag },
          status: 304,
        }
      : { label: 'GET /taxonomy/objectives, If-None-Match', skip: 'no ETag sent' },
    { label: 'GET /members?limit=20 (guest)', url: `${api.url}${API}/members?limit=20` },
    { label: 'GET /members?limit=20 (member)', url: `${api.url}${API}/members?limit=20`, headers: auth },
    { label: 'GET /groups?limit=20 (guest)', url: `${api.url}${API}/groups?limit=20` },
    { label: 'GET /groups?limit=20 (member)', url: `${api.url}${API}/groups?limit=20`, headers: auth },
  ];
  const results = [];
  for (const target of targets) {
    process.stdout.write(`${target.label}... `);
    const result = target.skip ? { skip: target.skip } : await measure({ server: api.child, ...target });
    console.log(result.skip ?? `${result.rps.toFixed(0)} req/s`);
    results.push({ ...target, ...result });
  }
  printResults(results);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (results.some((result) => result.unexpected > 0)) process.exitCode = 1;
} catch (error) {
  console.error(`\nbench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

/** The URI the server gets: a throwaway database on the given server, or a FerretDB of our own. */
async function database(folder) {
  const name = `plenary_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (options['mongodb-uri']) {
    const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*(\?.*)?$/.exec(options['mongodb-uri']);
    if (!match) throw new Error(`not a MongoDB URI: ${options['mongodb-uri']}`);
    const uri = `${match[1]}/${name}${match[2] ?? ''}`;
    onCleanup(async () => {
      const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
      try {
        await client.db(name).dropDatabase();
      } finally {
        await client.close();
      }
    });
    return uri;
  }
  if (!existsSync(LAUNCHER))
    throw new Error(`${LAUNCHER} is missing: run npm run ferretdb:build, or pass --mongodb-uri`);
  const launcher = await startLauncher({ sqliteDir: join(folder, 'sqlite') });
  onCleanup(launcher.stop);
  return `${launcher.uri}${name}`;
}

async function startBare() {
  const child = track(
    spawn(process.execPath, ['--import', CHILD_HOOKS, '--input-type=module', '-e', BARE_SERVER], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
    'bare server',
  );
  const port = await new Promise((done, fail) => {
    child.stdout.once('data', (chunk) => done(Number(String(chunk).trim())));
    child.once('exit', () => fail(new Error(`the bare server exited: ${child.output()}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function startApi(serverScript, mongodbUri, folder) {
  const port = await freePort();
  const logFile = join(folder, 'server.log');
  const log = openSync(logFile, 'a');
  const child = track(
    spawn(process.execPath, ['--import', CHILD_HOOKS, serverScript], {
      cwd: folder, // no .env of the checkout
      stdio: ['ignore', log, log, 'ipc'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(port),
        MONGODB_URI: mongodbUri,
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
        JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
        // The request limits would answer most of the load with 429s: raised to measure the work itself.
        LIMIT_REGISTER_PER_HOUR: '10000000',
        LIMIT_PUBLIC_READS_PER_MINUTE: '10000000',
        LIMIT_WRITES_PER_MINUTE: '10000000',
      },
    }),
    'API server',
    () => readFileSync(logFile, 'utf8'),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      throw new Error(`the API server did not become ready; its log ends:\n${child.output()}`);
    }
    const ready = await fetch(`${url}${API}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, logFile, child };
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Registers the members (public profiles) and has the first ones start a group each; a member's access token. */
async function seed(url) {
  const call = async (method, path, body, token) => {
    const response = await fetch(`${url}${API}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const countries = ['SN', 'MX', 'PH', 'DE', 'KE', 'BR', 'IN', 'MA'];
  const tokens = await inParallel(options.members, 4, async (i) => {
    const { accessToken } = await call('POST', '/auth/register', {
      displayName: `Bench Member ${String(i).padStart(3, '0')}`,
      email: `bench-${i}@plenary.test`,
      password: `Bench-password-${i}`,
    });
    await call(
      'PATCH',
      '/members/me',
      {
        visibility: 'public',
        organisation: `Organisation ${i % 17}`,
        country: countries[i % countries.length],
        languages: ['en', 'fr'],
        objectives: [1 + (i % 23), 1 + ((i + 5) % 23)],
        expertise: ['labour migration', 'data'],
        bio: 'Works on migration governance.',
      },
      accessToken,
    );
    return accessToken;
  });
  await inParallel(Math.min(options.groups, tokens.length), 4, (i) =>
    call(
      'POST',
      '/groups',
      {
        name: `Bench working group ${i}`,
        description: 'A group seeded by the benchmark.',
        type: 'working_group',
        objectives: [1 + (i % 23)],
      },
      tokens[i],
    ),
  );
  return { token: tokens[0] };
}

async function inParallel(count, width, task) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** A warm-up run, then the measured one; latencies of every response (whatever its status) in ms. */
async function measure({ url, headers = {}, status = 200, server }) {
  const settings = { url, headers, connections: options.connections, timeout: 10 };
  await autocannon({ ...settings, duration: options.warmup });
  const cpuBefore = await cpuTime(server);
  const latencies = [];
  let unexpected = 0;
  const run = autocannon({ ...settings, duration: options.seconds });
  run.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode !== status) unexpected++;
  });
  const result = await run;
  const cpu = (await cpuTime(server)) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / result.duration,
    cpu: cpu / latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    unexpected: unexpected + result.errors + result.timeouts,
  };
}

/** The child's CPU time so far (user + system), in µs. */
function cpuTime(child) {
  return new Promise((done) => {
    child.once('message', ({ user, system }) => done(user + system));
    child.send('cpu');
  });
}

/** Stops the child at cleanup (channel closed, then SIGTERM, then SIGKILL); `output()` is what it said last. */
function track(child, name, output) {
  let said = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      said = (said + chunk).slice(-4000);
    });
  }
  child.on('error', (error) => {
    said += `\n${error.message}`;
  });
  child.output = () => (output ? output() : said).slice(-4000).trim() || 'no output';
  const exited = new Promise((done) => child.once('exit', done));
  onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const term = setTimeout(() => child.kill('SIGTERM'), 3000);
    const kill = setTimeout(() => {
      console.error(`cleanup: ${name} did not stop, killing it`);
      child.kill('SIGKILL');
    }, 8000);
    await exited;
    clearTimeout(term);
    clearTimeout(kill);
  });
  return child;
}

function redact(uri) {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}

function printResults(results) {
  const baseline = results[0];
  const number = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');
  const ratio = (v, base) =>
    Number.isFinite(v) && Number.isFinite(base) && base > 0 ? `${(v / base).toFixed(3)}x` : '-';
  const header = ['target', 'req/s', 'x bare', 'p50 ms', 'x bare', 'p99 ms', 'x bare', 'CPU us/req', 'x bare', 'bad'];
  const rows = results.map((r) =>
    r.skip
      ? [r.label, `skipped: ${r.skip}`, ...Array(header.length - 2).fill('')]
      : [
          r.label,
          number(r.rps),
          ratio(r.rps, baseline.rps),
          number(r.p50),
          ratio(r.p50, baseline.p50),
          number(r.p99),
          ratio(r.p99, baseline.p99),
          number(r.cpu),
          ratio(r.cpu, baseline.cpu),
          String(r.unexpected),
        ],
  );
  printTable(header, rows);
  console.log(
    `(x bare: the figure divided by the bare server's; "bad" counts responses with another status than expected, ` +
      `errors and timeouts)`,
  );
}
