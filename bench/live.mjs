// Live sessions' Q&A under load: N attendees in one session's room, questions and votes at a steady rate, with the
// latency from `question:ask` to receipt by every attendee, the messages lost, and the CPU and memory of the server
// and of the load generator (to tell which side saturated); next to a bare Socket.IO server driven the same way in the
// same run, so that a busy machine skews both alike: compare the ratios, not the raw figures.
//
//   npm run bench:live [-- --attendees 5000 --questions-per-second 1]   (builds, then runs this)
//   node bench/live.mjs [--attendees=2000] [--questions-per-second=10] [--votes-per-second=100] [--seconds=60]
//                       [--warmup=5] [--drain=10] [--workers=<cores>] [--full-clients=20] [--mode=single|redis|both]
//                       [--target=plenary|bare|both] [--server=dist/apps/api/src/main.js]
//                       [--mongodb-uri=mongodb://host:port/] [--backend=postgresql|sqlite] [--cpu-prof]
//                       [--redis-url=redis://127.0.0.1:6379] [--connect-batch=200] [--join-batch=50]
//                       [--log-level=info] [--server-env=NAME=value,…] [--bare-recovery] [--bare-vote-batches=4]
//
// Targets. plenary: the compiled server as a child process as in production (NODE_ENV=production, --log-level, its
// log in a file, the request limits lifted as bench/forum.mjs lifts them, plus --server-env), on a throwaway database
// (on --mongodb-uri or MONGODB_URI, dropped at the end; else our FerretDB launcher on a throwaway PostgreSQL database
// when PostgreSQL is reachable, else on SQLite: see bench/forum.mjs). A host registers, creates a session with open
// Q&A for guests (POST /api/v1/live/sessions) and starts it; every attendee joins as a guest (POST /api/v1/live/join,
// --join-batch at a time, timed apart from the sockets). bare (bench/live-bare-server.mjs): the same socket.io
// package, no authentication, no database, one broadcast per event (every vote too; --bare-vote-batches=n coalesces
// them n times a second instead, as Plenary's contract does). Modes: single, one instance;
// redis, two instances on --redis-url (Plenary: same database, REDIS_URL; bare: @socket.io/redis-streams-adapter on a
// stream of its own), the attendees half on each.
//
// Attendees live in --workers processes (bench/live-worker.mjs), --connect-batch sockets opening at a time. Most are
// lightweight: a WebSocket speaking Engine.IO v4 / Socket.IO v5 itself (namespace /live, handshake auth {token},
// session:join), which counts what it receives and reads the send time out of question:created's bytes (a full
// socket.io-client costs ~30 µs per message received: thousands of them would load the machine more than the server
// does). --full-clients attendees are socket.io-client ones running the real flow; they ask the questions, in turn,
// with their send time (wall clock, same machine) in the text. Votes are cast by lightweight attendees on the
// questions seen last, each voting at most once per question. The mix runs for --warmup + --seconds; what is counted
// is the --seconds window (latency: the questions asked in it; CPU: the processes' user + system time over it, from
// /proc and process.cpuUsage(); RSS: the largest sum seen over it), then up to --drain seconds for what is still on
// its way (ending early, "settled", once every question:created has arrived, every ack is in and, for the bare
// server's per-vote broadcasts, every questions:votes, then 1 s more for batched votes).
//
// Printed per run: join and connect times; question:created latency per delivery and, per question, until the last
// attendee has it (a question some attendee never got counts as lost, above every latency); messages expected vs
// received (question:created: every attendee gets every question acked, the asker too unless no asker ever gets its
// own; questions:votes, bare only: every attendee gets every acked vote; Plenary batches them, at most 4 a second);
// whether the last questions:votes counts a sample of attendees saw (the socket.io-client ones and two lightweight
// ones per worker) equal the votes acked; error acks by code; the server's CPU per delivered message (every event
// received by an attendee in the window; acks not counted); the database's and Redis's CPU when they run here; the
// generator's CPU (workers and this process) and the whole machine's, so that a saturated side shows. Then one table,
// Plenary/bare ratios for p99 and CPU per delivered message, and a `RESULT {…}` JSON line. The exit code is 1 when
// question:created were lost, attendees failed to connect, acks came back with errors, vote counts mismatched, or
// the drain ended before everything had arrived.
//
// --cpu-prof starts the Plenary servers with --cpu-prof in a folder that is kept, printed at the end.
//
// Caveats. Server, database, Redis and generator share this machine's cores: a saturated generator delays receipts
// and inflates latencies (its CPU is printed; so is the machine's, which counts other work on it too). PostgreSQL's
// CPU is that of the processes serving the throwaway database when the window opens. Plenary turns Socket.IO's
// connection-state recovery on (every broadcast carries an offset and is kept two minutes); the bare server does not
// unless --bare-recovery. The bare instances count votes each alone (their questions:votes say which: the counts are
// added up). Plenary's instances use Socket.IO's default Redis stream, shared with any other Plenary on that Redis.
// Each open socket costs a file descriptor in the worker and one in the server: `ulimit -n` must exceed --attendees.
// Every message is a WebSocket frame and a socket write of its own on both sides: here (2 cores) the bare server and
// the generator each spend ~15-25 µs of CPU per delivered message, kernel included, so the bare server's default
// per-vote broadcasts (votes/s × attendees messages a second: 50,000/s for 500 attendees at 100 votes/s) saturate
// the machine from a few hundred attendees on; past that its latencies are a queue's, and the p99 ratio says little
// (--bare-vote-batches=4 compares like with like).
import { execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { freePort, LAUNCHER, startLauncher } from '../tools/ferretdb/launcher.mjs';
import { Histogram, wallNow } from './live-common.mjs';
import {
  cleaningUp,
  cleanup,
  guard,
  inParallel,
  machineCpuMs,
  onCleanup,
  parseOptions,
  percentile,
  pidsByCommandLine,
  postgresAvailable,
  printTable,
  processCpuMs,
  processRssBytes,
  throwawayPostgresDatabase,
  trackChild,
} from './support.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API = '/api/v1';
const WORKER = fileURLToPath(new URL('live-worker.mjs', import.meta.url));
const BARE_SERVER = fileURLToPath(new URL('live-bare-server.mjs', import.meta.url));
const { MongoClient } = mongoose.mongo;
const CHILD_HOOKS = 'data:text/javascript,process.on("disconnect",()=>process.kill(process.pid,"SIGTERM"))';
const SAMPLE_LIGHT_PER_WORKER = 2;

const options = parseOptions(process.argv.slice(2), {
  attendees: 2000,
  'questions-per-second': 10,
  'votes-per-second': 100,
  seconds: 60,
  warmup: 5,
  drain: 10,
  workers: Math.max(1, availableParallelism()),
  'full-clients': 20,
  mode: 'single',
  target: 'both',
  server: 'dist/apps/api/src/main.js',
  'mongodb-uri': process.env.MONGODB_URI ?? '',
  backend: '',
  'cpu-prof': false,
  'redis-url': process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  'connect-batch': 200,
  'join-batch': 50,
  'log-level': 'info',
  'server-env': '',
  'bare-recovery': false,
  'bare-vote-batches': 0, // per second; 0: one questions:votes per vote
});
const choice = (name, values) => {
  if (!values.includes(options[name])) {
    console.error(`--${name} is ${values.join(' or ')}`);
    process.exit(2);
  }
};
choice('mode', ['single', 'redis', 'both']);
choice('target', ['plenary', 'bare', 'both']);
choice('backend', ['', 'postgresql', 'sqlite']);
const N = Math.round(options.attendees);
const FULL = Math.min(N, Math.round(options['full-clients']));
const WORKERS = Math.min(N, Math.max(1, Math.round(options.workers)));
const MODES = options.mode === 'both' ? ['single', 'redis'] : [options.mode];
const TARGETS = options.target === 'both' ? ['plenary', 'bare'] : [options.target];
const SERVER_ENV = Object.fromEntries(
  options['server-env']
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) {
        console.error(`--server-env takes NAME=value pairs separated by commas, not ${pair}`);
        process.exit(2);
      }
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
);

const runsCount = MODES.length * TARGETS.length;
guard((180 + runsCount * (120 + N * 0.05 + options.warmup + options.seconds + options.drain)) * 1000);

try {
  const started = performance.now();
  checkFileLimit();
  const folder = mkdtempSync(join(tmpdir(), 'plenary-bench-live-'));
  onCleanup(() => rmSync(folder, { recursive: true, force: true }));
  const context = { folder };
  if (TARGETS.includes('plenary')) {
    context.serverScript = resolve(ROOT, options.server);
    if (!existsSync(context.serverScript)) {
      throw new Error(`${context.serverScript} is missing: run npm run build (or npm run bench:live)`);
    }
    if (!options['mongodb-uri']) options.backend ||= postgresAvailable() ? 'postgresql' : 'sqlite';
    context.secrets = { access: randomBytes(32).toString('hex'), refresh: randomBytes(32).toString('hex') };
    context.database = await startDatabase(folder);
    if (options['cpu-prof']) {
      const profiles = mkdtempSync(join(tmpdir(), 'plenary-bench-live-cpuprof-'));
      context.profiles = profiles;
      // Once the servers have stopped (cleanup runs newest first), whichever way the bench ends.
      onCleanup(() => {
        const files = readdirSync(profiles).filter((file) => file.endsWith('.cpuprofile'));
        console.log(
          `\nCPU profiles of the Plenary servers (${files.length}), kept in ${profiles}:` +
            files.map((file) => `\n  ${join(profiles, file)}`).join(''),
        );
      });
    }
  }
  console.log(
    `${N} attendees (${FULL} socket.io-client, ${N - FULL} lightweight) in ${WORKERS} worker processes; ` +
      `${options['questions-per-second']} questions/s and ${options['votes-per-second']} votes/s, ` +
      `${options.warmup} s warm-up + ${options.seconds} s counted + up to ${options.drain} s drain; ` +
      `targets ${TARGETS.join(', ')}; modes ${MODES.join(', ')}` +
      (context.database ? `\nPlenary: ${context.serverScript}, database ${redact(context.database.uri)}` : ''),
  );

  const runs = [];
  for (const mode of MODES) {
    for (const target of TARGETS) runs.push(await runTarget(context, target, mode));
  }
  printSummary(runs);
  console.log(`\ntotal ${seconds(started)} s`);
  if (runs.some((run) => run.problems.length > 0)) process.exitCode = 1;
} catch (error) {
  if (!cleaningUp()) console.error(`\nbench failed: ${error.expected ? error.message : (error.stack ?? error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

function seconds(since) {
  return Number(((performance.now() - since) / 1000).toFixed(1));
}

function sleep(ms) {
  return new Promise((done) => setTimeout(done, Math.max(0, ms)));
}

function redact(uri) {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}

/** Each socket is a file descriptor in a worker and one in a server (every process inherits this limit). */
function checkFileLimit() {
  const limit = fileLimit();
  if (limit < N + 1000) {
    console.warn(
      `warning: the open-file limit (ulimit -n) is ${limit}, close to or under ${N} attendees: ` +
        `raise it (ulimit -n 65536) or expect EMFILE`,
    );
  }
}

function fileLimit() {
  try {
    const limit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return limit === 'unlimited' ? Infinity : Number(limit);
  } catch {
    return NaN;
  }
}

/**
 * A throwaway database on --mongodb-uri, or our FerretDB launcher on a throwaway PostgreSQL database (or SQLite):
 * its URI and `pids()`, the database's processes on this machine (FerretDB, PostgreSQL's backends for it).
 */
async function startDatabase(folder) {
  const name = `plenary_bench_live_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (options['mongodb-uri']) {
    const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*(\?.*)?$/.exec(options['mongodb-uri']);
    if (!match) throw new Error(`not a MongoDB URI: ${options['mongodb-uri']}`);
    const uri = `${match[1]}/${name}${match[2] ?? ''}`;
    onCleanup(async () => {
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
      try {
        await client.db(name).dropDatabase();
      } finally {
        await client.close();
      }
    });
    return { uri, pids: () => [], label: 'a server of yours' };
  }
  if (!existsSync(LAUNCHER))
    throw new Error(`${LAUNCHER} is missing: run npm run ferretdb:build, or pass --mongodb-uri`);
  const postgres = options.backend === 'postgresql' ? throwawayPostgresDatabase('plenary_bench_live') : null;
  const launcher = await startLauncher(
    postgres
      ? { args: ['-handler', 'postgresql', '-postgresql-url', postgres.url] }
      : { sqliteDir: join(folder, 'sqlite') },
  );
  onCleanup(launcher.stop);
  const ferret = pidsByCommandLine((args) => args[0] === LAUNCHER && args.includes(`127.0.0.1:${launcher.port}`));
  const backends = () => {
    try {
      return postgres?.backendPids() ?? [];
    } catch {
      return [];
    }
  };
  return {
    uri: `${launcher.uri}${name}`,
    pids: () => [...ferret, ...backends()],
    label: `FerretDB on ${options.backend}${postgres ? ', with the PostgreSQL processes serving it' : ''}`,
  };
}

function plenaryEnvironment({ database, secrets }, port, redis) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: options['log-level'],
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGODB_URI: database.uri,
    ...(redis ? { REDIS_URL: options['redis-url'] } : {}),
    JWT_ACCESS_SECRET: secrets.access,
    JWT_REFRESH_SECRET: secrets.refresh,
    JWT_ACCESS_TTL: '2h',
    // The request limits would answer most of the load with 429s: lifted to measure the work itself.
    LIMIT_REGISTER_PER_HOUR: '10000000',
    LIMIT_PUBLIC_READS_PER_MINUTE: '10000000',
    LIMIT_WRITES_PER_MINUTE: '10000000',
    LIMIT_GUEST_JOINS_PER_MINUTE: '10000000', // every attendee joins from 127.0.0.1
    NEW_ACCOUNT_HOURS: '0',
    NEW_ACCOUNT_THREADS_PER_HOUR: '10000000',
    NEW_ACCOUNT_POSTS_PER_HOUR: '10000000',
    ...SERVER_ENV,
  };
}

/** One Plenary instance, ready (GET /health/ready): { name, url, port, pid, child }. */
async function startPlenary(context, instance, redis) {
  const port = await freePort();
  const logFile = join(context.folder, `server-${redis ? 'redis' : 'single'}-${instance}.log`);
  const log = openSync(logFile, 'a');
  const profiling = context.profiles ? ['--cpu-prof', '--cpu-prof-dir', context.profiles] : [];
  const child = trackChild(
    spawn(process.execPath, [...profiling, '--import', CHILD_HOOKS, context.serverScript], {
      cwd: context.folder, // no .env of the checkout
      stdio: ['ignore', log, log, 'ipc'],
      env: plenaryEnvironment(context, port, redis),
    }),
    `Plenary server ${instance}`,
    () => readFileSync(logFile, 'utf8'),
  );
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      throw new Error(`Plenary server ${instance} did not become ready; its log ends:\n${child.output()}`);
    }
    const ready = await fetch(`${url}${API}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { name: `Plenary ${instance}`, url, port, pid: child.pid, child };
    await sleep(200);
  }
}

function printServers(servers) {
  console.log(
    `  servers: ${servers.map((server) => `${server.name} on ${server.url} (pid ${server.pid})`).join(', ')}`,
  );
}

/** One bare Socket.IO server, listening: { name, url, port, pid, child }. */
async function startBare(instance, stream) {
  const child = trackChild(
    fork(BARE_SERVER, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        BARE_INSTANCE: String(instance),
        ...(stream ? { BARE_REDIS_URL: options['redis-url'], BARE_STREAM: stream } : {}),
        ...(options['bare-recovery'] ? { BARE_RECOVERY: '1' } : {}),
        ...(options['bare-vote-batches'] > 0 ? { BARE_VOTE_BATCHES: String(options['bare-vote-batches']) } : {}),
      },
    }),
    `bare server ${instance}`,
  );
  const port = await new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`bare server ${instance} did not listen: ${child.output()}`)),
      15_000,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      done(message.port);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      fail(new Error(`bare server ${instance} exited: ${child.output()}`));
    });
  });
  return { name: `bare ${instance}`, url: `http://127.0.0.1:${port}`, port, pid: child.pid, child };
}

async function call(url, method, path, body, token) {
  const response = await fetch(`${url}${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    const error = new Error(`${method} ${API}${path}: ${response.status} ${text.slice(0, 500)}`);
    error.status = response.status;
    throw error;
  }
  return text ? JSON.parse(text) : null;
}

/** Through the API: a host, a started session with open Q&A for guests, and a guest token per attendee. */
async function preparePlenary(servers, mode) {
  const url = servers[0].url;
  const stamp = `${mode}-${process.pid}-${Date.now()}`;
  const host = await call(url, 'POST', '/auth/register', {
    email: `bench-live-host-${stamp}@plenary.test`,
    password: 'Bench-live-password-1',
    displayName: 'Bench Live Host',
  });
  const now = Date.now();
  let session;
  try {
    session = await call(
      url,
      'POST',
      '/live/sessions',
      {
        title: `Bench live session ${stamp}`,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 4 * 3600_000).toISOString(),
        timezone: 'UTC',
        format: 'online',
        qa: {
          open: true,
          anonymousAllowed: true,
          guestsAllowed: true,
          preModeration: false,
          maxLength: 500,
          perAttendeeLimit: 600,
        },
      },
      host.accessToken,
    );
  } catch (error) {
    if (error.status === 404) {
      const missing = new Error(
        `POST ${API}/live/sessions answered 404: this build of the server (${options.server}) has no live ` +
          `sessions yet. Build one that does (npm run build), or run with --target=bare.`,
        { cause: error },
      );
      missing.expected = true; // said as is, without a stack
      throw missing;
    }
    throw error;
  }
  if (typeof session?.id !== 'string' || typeof session?.code !== 'string') {
    throw new Error(`POST ${API}/live/sessions answered without an id and a code: ${JSON.stringify(session)}`);
  }
  await call(url, 'POST', `/live/sessions/${session.id}/start`, undefined, host.accessToken);
  process.stdout.write(`  guest joins (POST ${API}/live/join, ${options['join-batch']} at a time)... `);
  const started = performance.now();
  const tokens = await inParallel(N, Math.round(options['join-batch']), async (i) => {
    const joined = await call(servers[i % servers.length].url, 'POST', '/live/join', {
      code: session.code,
      displayName: `Bench Attendee ${i}`,
    }).catch((error) => {
      if (error.status === 429) error.message += ' (a request limit: lift it with --server-env=NAME=value)';
      throw error;
    });
    if (typeof joined?.token !== 'string') {
      throw new Error(`POST ${API}/live/join answered without a token: ${JSON.stringify(joined).slice(0, 500)}`);
    }
    return joined.token;
  });
  const joinSeconds = seconds(started);
  console.log(`${N} in ${joinSeconds} s (${Math.round(N / joinSeconds)}/s)`);
  return { id: session.id, tokens, joinSeconds };
}

/**
 * Who is where: attendee i on server i % instances (a socket.io-client one, number f, on server f % instances), in
 * worker floor(i × workers / N); the socket.io-client attendees spread evenly over the indexes; the first
 * SAMPLE_LIGHT_PER_WORKER lightweight attendees of each worker sampled for the vote counts.
 */
function plan(servers, session) {
  const fullAt = new Map(Array.from({ length: FULL }, (_, f) => [Math.floor((f * N) / FULL), f]));
  const byWorker = Array.from({ length: WORKERS }, () => []);
  const sampled = new Array(WORKERS).fill(0);
  for (let i = 0; i < N; i++) {
    const w = Math.floor((i * WORKERS) / N);
    const fullNumber = fullAt.get(i);
    const full = fullNumber !== undefined;
    const server = servers[(full ? fullNumber : i) % servers.length];
    const sample = !full && sampled[w] < SAMPLE_LIGHT_PER_WORKER;
    if (sample) sampled[w]++;
    byWorker[w].push({ index: i, port: server.port, token: session.tokens[i], full, fullNumber, sample });
  }
  return byWorker;
}

/** A forked worker process, with request(message, replyType) for its replies and `asked` reports to onAsked. */
function startWorker(i, onAsked) {
  const child = trackChild(
    fork(WORKER, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
    `worker ${i}`,
  );
  const waiting = new Map(); // reply type -> { done, fail }
  let failure;
  const failAll = (error) => {
    failure ??= error;
    for (const { fail } of waiting.values()) fail(error);
    waiting.clear();
  };
  child.on('message', (message) => {
    if (message.type === 'asked') onAsked(message);
    else if (message.type === 'fatal') failAll(new Error(`worker ${i} failed: ${message.message}`));
    else {
      const waiter = waiting.get(message.type);
      waiting.delete(message.type);
      waiter?.done(message);
    }
  });
  child.on('exit', (code, signal) => {
    failAll(new Error(`worker ${i} exited (${code ?? signal}): ${child.output()}`));
  });
  const request = (message, replyType, timeoutMs = 60_000) =>
    new Promise((done, fail) => {
      if (failure) return fail(failure);
      const timer = setTimeout(() => {
        waiting.delete(replyType);
        fail(new Error(`worker ${i}: no ${replyType} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      waiting.set(replyType, {
        done: (reply) => {
          clearTimeout(timer);
          done(reply);
        },
        fail: (error) => {
          clearTimeout(timer);
          fail(error);
        },
      });
      child.send(message);
    });
  return { child, request };
}

/** CPU time (ms) and RSS (bytes) of the server processes, the database's, Redis's, this process's; the machine's. */
function measureNow(probe) {
  const sum = (pids, read) => pids.reduce((total, pid) => total + read(pid), 0);
  const own = process.cpuUsage();
  return {
    at: wallNow(),
    server: sum(probe.servers, processCpuMs),
    database: probe.database.length > 0 ? sum(probe.database, processCpuMs) : NaN,
    redis: probe.redis.length > 0 ? sum(probe.redis, processCpuMs) : NaN,
    coordinatorUs: own.user + own.system,
    machine: machineCpuMs(),
  };
}

async function runTarget(context, target, mode) {
  const instances = mode === 'redis' ? 2 : 1;
  const label = `${target} ${mode}`;
  console.log(
    `\n${label}: ${target === 'plenary' ? 'Plenary' : 'bare Socket.IO'}, ` +
      (instances > 1 ? `${instances} instances linked through Redis (${options['redis-url']})` : 'one instance'),
  );
  const servers = [];
  const workers = [];
  try {
    let session;
    if (target === 'plenary') {
      for (let i = 0; i < instances; i++) servers.push(await startPlenary(context, i, instances > 1));
      printServers(servers);
      session = await preparePlenary(servers, mode);
    } else {
      const stream = instances > 1 ? `bench-live-bare-${process.pid}-${Date.now()}` : null;
      if (stream) onCleanup(() => deleteRedisKeys([stream]));
      for (let i = 0; i < instances; i++) servers.push(await startBare(i, stream));
      printServers(servers);
      session = { id: `bare-${Date.now()}`, tokens: new Array(N).fill('bare'), joinSeconds: NaN };
    }

    // Workers, then the sockets, --connect-batch at a time over all workers.
    const asks = new Map(); // seq -> the asker's report
    const byWorker = plan(servers, session);
    const maxSeq = Math.ceil(options['questions-per-second'] * (options.warmup + options.seconds + 1)) + 2;
    for (let w = 0; w < WORKERS; w++) workers.push(startWorker(w, (report) => asks.set(report.seq, report)));
    await Promise.all(
      workers.map((worker, w) =>
        worker.request(
          {
            type: 'init',
            config: {
              worker: w,
              workers: WORKERS,
              sessionId: session.id,
              clients: byWorker[w],
              fullCount: FULL,
              questionsPerSecond: options['questions-per-second'],
              votesPerSecond: options['votes-per-second'],
              connectTimeoutMs: 60_000,
              maxSeq,
            },
          },
          'ready',
        ),
      ),
    );
    process.stdout.write(`  connecting ${N} attendees (${options['connect-batch']} at a time)... `);
    const connectStarted = performance.now();
    const concurrency = Math.max(1, Math.ceil(options['connect-batch'] / WORKERS));
    const connects = await Promise.all(
      workers.map((worker) => worker.request({ type: 'connect', concurrency }, 'connected', 120_000 + N * 100)),
    );
    const connectSeconds = seconds(connectStarted);
    const connected = connects.reduce((sum, reply) => sum + reply.connected, 0);
    const connectTimes = connects.flatMap((reply) => reply.times).sort((a, b) => a - b);
    const failures = new Map();
    for (const reply of connects) {
      for (const [why, count] of reply.failures) failures.set(why, (failures.get(why) ?? 0) + count);
    }
    console.log(
      `${connected} in ${connectSeconds} s; each (WebSocket, namespace, session:join ack) p50 ` +
        `${fmt(percentile(connectTimes, 0.5))} ms, p99 ${fmt(percentile(connectTimes, 0.99))} ms, max ` +
        `${fmt(connectTimes.at(-1))} ms` +
        (failures.size > 0 ? `; ${N - connected} failed` : ''),
    );
    for (const [why, count] of failures) console.log(`    ${count} × ${why}`);
    if ([...failures.keys()].some((why) => why.includes('Invalid namespace'))) {
      console.log(
        '    (Invalid namespace: the server has no Socket.IO namespace /live: no live gateway in this build?)',
      );
    }
    if (connects.some((reply) => reply.emfile)) {
      console.log(
        `    EMFILE: too many open files. The limit (ulimit -n) is ${fileLimit()}; each attendee holds a socket in ` +
          `a worker and one in a server: raise it (ulimit -n 65536) and run again.`,
      );
    }
    if (connected === 0) throw new Error('no attendee connected');

    // The mix: asks and votes from `start` to `windowEnd`; the window from `windowStart`.
    const probe = {
      servers: servers.map((server) => server.pid),
      database: target === 'plenary' ? context.database.pids() : [],
      redis: instances > 1 ? redisPids() : [],
    };
    const start = wallNow() + 500;
    const windowStart = start + options.warmup * 1000;
    const windowEnd = windowStart + options.seconds * 1000;
    for (const worker of workers) worker.child.send({ type: 'run', start, windowStart, windowEnd });
    process.stdout.write(
      `  mix: ${options.warmup} s warm-up + ${options.seconds} s counted (${Math.round(options.seconds * options['questions-per-second'])} ` +
        `questions, ${Math.round(options.seconds * options['votes-per-second'])} votes)... `,
    );
    await sleep(windowStart - wallNow());
    const before = measureNow(probe);
    let rssMax = 0;
    let databaseRssMax = 0;
    while (wallNow() < windowEnd - 5) {
      rssMax = Math.max(
        rssMax,
        probe.servers.reduce((sum, pid) => sum + processRssBytes(pid), 0),
      );
      databaseRssMax = Math.max(
        databaseRssMax,
        probe.database.reduce((sum, pid) => sum + processRssBytes(pid), 0),
      );
      await sleep(Math.min(250, windowEnd - wallNow()));
    }
    const after = measureNow(probe);
    rssMax = Math.max(
      rssMax,
      probe.servers.reduce((sum, pid) => sum + processRssBytes(pid), 0),
    );

    // Drain: until every question:created is in (and, bare, every vote's broadcast) and every ack back, then 1 s
    // more for Plenary's batched votes; or --drain. Unsettled: the drain ended with work still on its way.
    const drainStarted = performance.now();
    const drainEnd = windowEnd + options.drain * 1000;
    let completeSince;
    let settled = false;
    while (!settled && wallNow() < drainEnd) {
      await sleep(Math.min(500, drainEnd - wallNow()));
      const progress = await Promise.all(workers.map((worker) => worker.request({ type: 'poll' }, 'progress')));
      const sum = (key) => progress.reduce((total, reply) => total + reply[key], 0);
      const acked = [...asks.values()].filter((ask) => ask.ok).length;
      const complete =
        // The asker too, unless no asker has had its own question yet.
        sum('created') >= acked * (acked > 0 && sum('ownReceived') === 0 ? connected - 1 : connected) &&
        sum('pendingVotes') + sum('pendingAsks') === 0 &&
        (!perVoteBroadcasts(target) || sum('votes') >= sum('votesOk') * connected);
      if (complete) {
        completeSince ??= wallNow();
        settled = wallNow() - completeSince >= 1000;
      } else completeSince = undefined;
    }
    const drainSeconds = seconds(drainStarted);
    const results = await Promise.all(workers.map((worker) => worker.request({ type: 'finish' }, 'result')));
    console.log(settled ? `settled after ${drainSeconds} s` : `drained ${drainSeconds} s`);
    const base = {
      target,
      mode,
      label,
      instances,
      session,
      connected,
      connectSeconds,
      failures,
      drainSeconds,
      settled,
      databaseLabel: target === 'plenary' ? context.database.label : null,
    };
    const measured = { windowStart, windowEnd, before, after, rssMax, databaseRssMax };
    const run = { ...base, ...account(base, results, asks, measured) };
    printRun(run);
    for (const server of servers.filter(({ child }) => child.exitCode !== null || child.signalCode !== null)) {
      run.problems.push(`${server.name} exited (${server.child.exitCode ?? server.child.signalCode})`);
      console.log(`  ${server.name} exited during the run; its output ends:\n${server.child.output()}`);
    }
    return run;
  } finally {
    await Promise.all(workers.map((worker) => worker.child.stop()));
    await Promise.all(servers.map((server) => server.child.stop()));
  }
}

/** Everything counted, merged from the workers' results and the askers' reports. */
function account(run, results, asks, { windowStart, windowEnd, before, after, rssMax, databaseRssMax }) {
  const { connected } = run;
  const windowMs = after.at - before.at;
  const okAsks = [...asks.values()].filter((ask) => ask.ok);
  const askErrors = countBy([...asks.values()].filter((ask) => !ask.ok).map((ask) => `question:ask ${ask.code}`));
  const askAck = new Histogram();
  for (const ask of asks.values()) askAck.add(ask.ackMs);

  // question:created: per question, deliveries and the largest latency over every worker.
  const maxSeq = results[0].createdCount.length;
  const total = new Uint32Array(maxSeq);
  const slowest = new Float64Array(maxSeq).fill(-Infinity);
  for (const result of results) {
    for (let seq = 0; seq < maxSeq; seq++) {
      total[seq] += result.createdCount[seq];
      slowest[seq] = Math.max(slowest[seq], result.createdMax[seq]);
    }
  }
  const ownReceived = results.reduce((sum, result) => sum + result.ownReceived, 0);
  const askerLeftOut = okAsks.length > 0 && ownReceived === 0;
  const perQuestion = askerLeftOut ? connected - 1 : connected;
  let received = 0;
  let lost = 0;
  let extra = 0;
  const everyone = []; // per question asked in the window: ms until the last attendee had it (Infinity: never)
  for (const ask of okAsks) {
    const got = ask.seq < maxSeq ? total[ask.seq] : 0;
    received += got;
    lost += Math.max(0, perQuestion - got);
    extra += Math.max(0, got - perQuestion);
    if (ask.sentAt >= windowStart && ask.sentAt < windowEnd) {
      everyone.push(got >= perQuestion ? slowest[ask.seq] : Infinity);
    }
  }
  everyone.sort((a, b) => a - b);
  const delivery = new Histogram();
  const deliveryFull = new Histogram();
  for (const result of results) {
    delivery.merge(result.delivery);
    deliveryFull.merge(result.deliveryFull);
  }

  const counts = {};
  for (const result of results) {
    for (const [name, count] of Object.entries(result.counts)) counts[name] = (counts[name] ?? 0) + count;
  }
  const errors = new Map(askErrors);
  const disconnects = new Map();
  for (const result of results) {
    for (const [key, count] of result.errors) errors.set(key, (errors.get(key) ?? 0) + count);
    for (const [key, count] of result.disconnects) disconnects.set(key, (disconnects.get(key) ?? 0) + count);
  }

  // Votes, and the last counts the sampled attendees saw against the votes acked.
  const votes = { sent: 0, ok: 0, skipped: 0, unanswered: 0, ack: new Histogram() };
  const acked = new Map();
  for (const result of results) {
    for (const key of ['sent', 'ok', 'skipped', 'unanswered']) votes[key] += result.votes[key];
    votes.ack.merge(result.votes.ack);
    for (const [id, count] of result.votes.byQuestion) acked.set(id, (acked.get(id) ?? 0) + count);
  }
  const samples = results.flatMap((result) => result.samples);
  const pendingAsks = results.reduce((sum, result) => sum + result.pendingAsks, 0);
  const mismatches = []; // fewer than acked: an update lost; more: votes not acked (unanswered, or errors) counted
  for (const sample of samples) {
    for (const id of new Set([...acked.keys(), ...sample.byQuestion.keys()])) {
      const seen = sample.byQuestion.get(id) ?? 0;
      const ok = acked.get(id) ?? 0;
      if (seen !== ok) mismatches.push({ attendee: sample.index, id, seen, acked: ok });
    }
  }

  const delivered = results.reduce((sum, result) => sum + (result.window?.events ?? 0), 0);
  const generatorUs =
    results.reduce((sum, result) => sum + (result.window?.cpuUs ?? NaN), 0) +
    (after.coordinatorUs - before.coordinatorUs);
  const workerCores = results.map((result) => (result.window?.cpuUs ?? NaN) / 1000 / windowMs);
  const core = (ms) => (ms / windowMs) * 100; // % of one core
  const serverMs = after.server - before.server;
  const backendsMs = [after.database - before.database, after.redis - before.redis].filter(Number.isFinite);
  const figures = {
    windowSeconds: windowMs / 1000,
    asks: { sent: asks.size + pendingAsks, ok: okAsks.length, unanswered: pendingAsks, ack: askAck },
    created: { perQuestion, askerLeftOut, expected: okAsks.length * perQuestion, received, lost, extra },
    createdTotal: counts['question:created'] ?? 0,
    unparsed: results.reduce((sum, result) => sum + result.unparsed, 0),
    everyone,
    delivery,
    deliveryFull,
    counts,
    errors,
    disconnects,
    votes,
    votesExpected: perVoteBroadcasts(run.target) ? votes.ok * connected : NaN,
    samples: samples.length,
    questionsChecked: acked.size,
    mismatches,
    delivered,
    server: {
      cpuPct: core(serverMs),
      usPerMessage: (serverMs * 1000) / delivered,
      // with the database's and Redis's CPU, when they run here
      usPerMessageWithBackends:
        backendsMs.length > 0 ? ((serverMs + backendsMs.reduce((a, b) => a + b, 0)) * 1000) / delivered : NaN,
      rssMb: rssMax / 2 ** 20,
    },
    database: {
      cpuPct: core(after.database - before.database),
      rssMb: databaseRssMax / 2 ** 20,
    },
    redis: { cpuPct: core(after.redis - before.redis) },
    generator: {
      cpuPct: core(generatorUs / 1000),
      usPerMessage: generatorUs / delivered,
      busiestWorkerPct: Math.max(...workerCores) * 100,
      rssMb: results.reduce((sum, result) => sum + result.rssMax, 0) / 2 ** 20,
    },
    machine: {
      cores: (after.machine.busy - before.machine.busy) / windowMs,
      of: availableParallelism(),
    },
  };
  // What the machine did besides the server, the database, Redis and the generator (others' work, the kernel's).
  const ours = [figures.server.cpuPct, figures.database.cpuPct, figures.redis.cpuPct, figures.generator.cpuPct]
    .filter(Number.isFinite)
    .reduce((a, b) => a + b, 0);
  figures.machine.otherCores = figures.machine.cores - ours / 100;
  const problems = [];
  if (lost > 0) problems.push(`${lost} question:created lost`);
  if (connected < N) problems.push(`${N - connected} attendees did not connect`);
  if (errors.size > 0) problems.push(`${[...errors.values()].reduce((a, b) => a + b, 0)} error acks`);
  const votesMissing = Math.max(0, figures.votesExpected - (counts['questions:votes'] ?? 0)) || 0;
  // Settled at the end if everything came (the drain loop wants it so for 1 s, for Plenary's batched votes).
  const settled =
    run.settled ||
    (lost === 0 && votes.unanswered === 0 && pendingAsks === 0 && votesMissing === 0 && mismatches.length === 0);
  if (settled) {
    if (mismatches.length > 0) problems.push(`${mismatches.length} vote counts mismatched`);
  } else {
    // A backlog rather than a loss, maybe: what was still on its way when the drain ended.
    const missing = [
      votes.unanswered > 0 ? `${votes.unanswered} vote acks` : '',
      pendingAsks > 0 ? `${pendingAsks} question acks` : '',
      votesMissing > 0 ? `${votesMissing} questions:votes` : '',
      mismatches.length > 0 ? `${mismatches.length} vote counts mismatched` : '',
    ].filter(Boolean);
    problems.push(`not settled after the drain${missing.length > 0 ? ` (${missing.join(', ')})` : ''}`);
  }
  return { ...figures, settled, problems };
}

/** Whether every acked vote is broadcast on its own (the bare server's default), so that each can be expected. */
function perVoteBroadcasts(target) {
  return target === 'bare' && !(options['bare-vote-batches'] > 0);
}

function countBy(keys) {
  const counts = new Map();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** redis-server processes on this machine serving --redis-url's port (none when Redis runs elsewhere). */
function redisPids() {
  const port = new URL(options['redis-url']).port || '6379';
  return pidsByCommandLine((args) => /redis-server/.test(args[0]) && args.join(' ').includes(`:${port}`));
}

async function deleteRedisKeys(keys) {
  const { createClient } = await import('redis');
  const client = createClient({ url: options['redis-url'] });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.del(keys);
  } finally {
    await client.close();
  }
}

function fmt(value) {
  if (value === Infinity) return 'lost';
  if (!Number.isFinite(value)) return '-';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function latencies(histogram) {
  return (
    `p50 ${fmt(histogram.percentile(0.5))}, p95 ${fmt(histogram.percentile(0.95))}, ` +
    `p99 ${fmt(histogram.percentile(0.99))}, max ${fmt(histogram.max)} ms`
  );
}

function printRun(run) {
  const n = (value) => value.toLocaleString('en');
  const pct = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '-');
  if (!run.settled) console.log('  not settled: the drain ended with messages or acks still on their way');
  console.log(
    `  asks: ${run.asks.sent} sent, ${run.asks.ok} acked ok, ${run.asks.unanswered} unanswered; ack ${latencies(run.asks.ack)}\n` +
      `  votes: ${run.votes.sent} sent, ${run.votes.ok} acked ok, ${run.votes.unanswered} unanswered, ` +
      `${run.votes.skipped} not cast (no question to vote on); ack ${latencies(run.votes.ack)}`,
  );
  console.log(
    `  question:created latency per delivery (${n(run.delivery.count)} deliveries of the questions asked in the ` +
      `window): ${latencies(run.delivery)}\n` +
      `    socket.io-client attendees only (${n(run.deliveryFull.count)}): ${latencies(run.deliveryFull)}\n` +
      `  until every attendee has it (${run.everyone.length} questions): p50 ${fmt(percentile(run.everyone, 0.5))}, ` +
      `p95 ${fmt(percentile(run.everyone, 0.95))}, p99 ${fmt(percentile(run.everyone, 0.99))}, ` +
      `max ${fmt(run.everyone.at(-1))} ms` +
      (run.everyone.includes(Infinity)
        ? ` (${run.everyone.filter((ms) => ms === Infinity).length} never reached everyone)`
        : ''),
  );
  const c = run.created;
  console.log(
    `  question:created: expected ${n(c.expected)} (${run.asks.ok} questions × ${c.perQuestion} attendees` +
      `${c.askerLeftOut ? ': no asker got its own question, so it is left out' : ''}), received ${n(c.received)}, ` +
      `lost ${n(c.lost)}${c.lost > 0 && !run.settled ? ' (not received by the end of the drain)' : ''}${c.extra > 0 ? `, ${n(c.extra)} beyond one per attendee` : ''}` +
      (run.unparsed > 0 ? `; ${run.unparsed} without a readable send time` : ''),
  );
  console.log(
    `  events received: ${Object.entries(run.counts)
      .map(([name, count]) => `${name} ${n(count)}`)
      .join(', ')}` +
      (Number.isFinite(run.votesExpected)
        ? `; questions:votes expected ${n(run.votesExpected)} (one broadcast per acked vote), ` +
          `missing ${n(Math.max(0, run.votesExpected - (run.counts['questions:votes'] ?? 0)))}` +
          (run.settled ? '' : ' (not settled: on their way, or lost)')
        : ''),
  );
  console.log(
    `  vote counts: the last questions:votes counts of ${run.samples} sampled attendees against the votes acked, ` +
      `${run.questionsChecked} questions: ${run.mismatches.length} mismatches` +
      (run.mismatches.length > 0
        ? ` (${run.mismatches.filter((m) => m.seen < m.acked).length} below the votes acked: updates missed; ` +
          `${run.mismatches.filter((m) => m.seen > m.acked).length} above: votes counted but not acked ok` +
          `${run.votes.unanswered > 0 ? `; ${run.votes.unanswered} votes were still unanswered` : ''}` +
          `${run.settled ? '' : '; not settled: updates may still have been on their way'})`
        : '') +
      run.mismatches
        .slice(0, 5)
        .map((m) => `\n    attendee ${m.attendee}, question ${m.id}: saw ${m.seen}, acked ${m.acked}`)
        .join(''),
  );
  if (run.errors.size > 0) {
    console.log(
      `  error acks (and unreadable packets): ${[...run.errors].map(([key, count]) => `${count} × ${key}`).join(', ')}`,
    );
  }
  if (run.disconnects.size > 0) {
    console.log(`  disconnected: ${[...run.disconnects].map(([why, count]) => `${count} × ${why}`).join(', ')}`);
  }
  const s = run.server;
  console.log(
    `  server (${run.instances} process${run.instances > 1 ? 'es' : ''}): CPU ${pct(s.cpuPct)} of a core, ` +
      `${fmt(s.usPerMessage)} µs per delivered message (${n(run.delivered)} in ${run.windowSeconds.toFixed(1)} s, ` +
      `${n(Math.round(run.delivered / run.windowSeconds))}/s); RSS max ${fmt(s.rssMb)} MB` +
      (run.target === 'plenary'
        ? `\n  database (${run.databaseLabel}): CPU ${pct(run.database.cpuPct)} of a core, ` +
          `RSS max ${fmt(run.database.rssMb)} MB`
        : '') +
      (run.instances > 1 ? `; Redis CPU ${pct(run.redis.cpuPct)} of a core` : '') +
      (Number.isFinite(s.usPerMessageWithBackends)
        ? `; ${run.target === 'plenary' ? `server, database${run.instances > 1 ? ' and Redis' : ''}` : 'server and Redis'}` +
          ` together: ${fmt(s.usPerMessageWithBackends)} µs per delivered message`
        : ''),
  );
  const g = run.generator;
  console.log(
    `  generator (${WORKERS} workers + this process): CPU ${pct(g.cpuPct)} of a core (busiest worker ` +
      `${pct(g.busiestWorkerPct)}), ${fmt(g.usPerMessage)} µs per received message, RSS ${fmt(g.rssMb)} MB; ` +
      `machine: ${run.machine.cores.toFixed(2)} of ${run.machine.of} cores busy, ` +
      `${run.machine.otherCores.toFixed(2)} of them not the bench's processes (other work, kernel)`,
  );
  if (g.busiestWorkerPct >= 90) {
    console.log('  (a worker was near a full core: receipts queued in the generator, latencies are overstated)');
  }
  if (run.machine.cores >= run.machine.of * 0.9) {
    console.log('  (the machine was near saturation: the server and the generator competed for the cores)');
  }
}

function printSummary(runs) {
  const header = [
    'run',
    'attendees',
    'join s',
    'connect s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'all p99 ms',
    'created exp.',
    'lost',
    'errors',
    'msg/s',
    'server CPU',
    'µs/msg',
    'RSS MB',
    'db CPU',
    'gen. CPU',
    'machine',
  ];
  const pct = (value) => (Number.isFinite(value) ? `${value.toFixed(0)}%` : '-');
  const rows = runs.map((run) => [
    run.label,
    `${run.connected}/${N}`,
    fmt(run.session.joinSeconds),
    fmt(run.connectSeconds),
    fmt(run.delivery.percentile(0.5)),
    fmt(run.delivery.percentile(0.95)),
    fmt(run.delivery.percentile(0.99)),
    fmt(run.delivery.max),
    fmt(percentile(run.everyone, 0.99)),
    String(run.created.expected),
    String(run.created.lost),
    String([...run.errors.values()].reduce((a, b) => a + b, 0)),
    String(Math.round(run.delivered / run.windowSeconds)),
    pct(run.server.cpuPct),
    fmt(run.server.usPerMessage),
    fmt(run.server.rssMb),
    run.target === 'plenary' ? pct(run.database.cpuPct) : '-',
    pct(run.generator.cpuPct),
    `${run.machine.cores.toFixed(2)}/${run.machine.of}`,
  ]);
  printTable(header, rows);
  console.log(
    `(${options['questions-per-second']} questions/s, ${options['votes-per-second']} votes/s, ${options.seconds} s ` +
      `after ${options.warmup} s of warm-up; latencies: question:created per delivery, "all": until every attendee ` +
      `had it; CPU in % of one core over the window; µs/msg: server CPU per delivered message)`,
  );
  const ratios = {};
  for (const mode of MODES) {
    const plenary = runs.find((run) => run.target === 'plenary' && run.mode === mode);
    const bare = runs.find((run) => run.target === 'bare' && run.mode === mode);
    if (!plenary || !bare) continue;
    ratios[mode] = {
      p99: plenary.delivery.percentile(0.99) / bare.delivery.percentile(0.99),
      p99Everyone: percentile(plenary.everyone, 0.99) / percentile(bare.everyone, 0.99),
      cpuPerMessage: plenary.server.usPerMessage / bare.server.usPerMessage,
    };
    console.log(
      `Plenary/bare (${mode}): p99 ${fmt(ratios[mode].p99)}×, p99 until every attendee ` +
        `${fmt(ratios[mode].p99Everyone)}×, server CPU per delivered message ${fmt(ratios[mode].cpuPerMessage)}×`,
    );
  }
  for (const run of runs) {
    if (run.problems.length > 0) console.log(`${run.label}: ${run.problems.join(', ')}`);
  }
  const round = (value) => (Number.isFinite(value) ? Number(value.toFixed(3)) : value === Infinity ? 'lost' : null);
  const latencyJson = (h) => ({
    p50: round(h.percentile(0.5)),
    p95: round(h.percentile(0.95)),
    p99: round(h.percentile(0.99)),
    max: round(h.max),
    count: h.count,
  });
  const result = {
    options: {
      attendees: N,
      fullClients: FULL,
      workers: WORKERS,
      questionsPerSecond: options['questions-per-second'],
      votesPerSecond: options['votes-per-second'],
      seconds: options.seconds,
      warmup: options.warmup,
      drain: options.drain,
      backend: TARGETS.includes('plenary') ? options.backend || 'mongodb' : null,
    },
    runs: runs.map((run) => ({
      target: run.target,
      mode: run.mode,
      instances: run.instances,
      connected: run.connected,
      joinSeconds: round(run.session.joinSeconds),
      connectSeconds: run.connectSeconds,
      drainSeconds: run.drainSeconds,
      settled: run.settled,
      latencyMs: {
        delivery: latencyJson(run.delivery),
        deliverySocketIoClient: latencyJson(run.deliveryFull),
        everyAttendee: {
          p50: round(percentile(run.everyone, 0.5)),
          p95: round(percentile(run.everyone, 0.95)),
          p99: round(percentile(run.everyone, 0.99)),
          max: round(run.everyone.at(-1)),
          questions: run.everyone.length,
        },
        askAck: latencyJson(run.asks.ack),
        voteAck: latencyJson(run.votes.ack),
      },
      questions: { sent: run.asks.sent, ok: run.asks.ok, unanswered: run.asks.unanswered },
      votes: { sent: run.votes.sent, ok: run.votes.ok, skipped: run.votes.skipped, unanswered: run.votes.unanswered },
      questionCreated: run.created,
      votesExpected: Number.isFinite(run.votesExpected) ? run.votesExpected : null,
      events: run.counts,
      errors: Object.fromEntries(run.errors),
      voteCountMismatches: run.mismatches.length,
      deliveredInWindow: run.delivered,
      windowSeconds: round(run.windowSeconds),
      server: mapValues(run.server, round),
      database: run.target === 'plenary' ? mapValues(run.database, round) : null,
      redis: run.instances > 1 ? mapValues(run.redis, round) : null,
      generator: mapValues(run.generator, round),
      machineCoresBusy: round(run.machine.cores),
      machineCoresOther: round(run.machine.otherCores),
      problems: run.problems,
    })),
    ratios: Object.fromEntries(Object.entries(ratios).map(([mode, values]) => [mode, mapValues(values, round)])),
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

function mapValues(object, map) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}
