// Database speed of our FerretDB launcher (tools/ferretdb/bin/ferretdb), measured in one run so that a busy machine
// skews every backend alike: SQLite with the launcher's old settings, SQLite with its current defaults, and PostgreSQL.
//
//   node bench/database-speed.mjs [--seconds=3] [--docs=2000] [--clients=20] [--iterations=25] [--no-postgresql]
//
// PostgreSQL: a throwaway database is created with createdb and dropped at the end (PGHOST, PGPORT and PGUSER are
// honoured; default 127.0.0.1:5432 as the current user). Each launcher gets its stdin as a pipe and
// -exit-on-stdin-close, so it never outlives this process.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

const { MongoClient } = mongoose.mongo; // the driver the app uses

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LAUNCHER = join(ROOT, 'tools/ferretdb/bin/ferretdb');

const options = parseOptions(process.argv.slice(2), {
  seconds: 3, // per sequential phase
  docs: 2000, // documents already in the collections the $inc and mix phases use
  clients: 20,
  iterations: 25, // per mix client; each iteration is insert + find + update
  'mix-seconds': 20, // cap on the mix phase
  postgresql: true,
});
const PG = {
  host: process.env.PGHOST || '127.0.0.1',
  port: process.env.PGPORT || '5432',
  user: process.env.PGUSER || userInfo().username,
};
const TOTAL_LIMIT_MS = 170_000;

const backends = [
  { key: 'old', title: 'SQLite old', args: ['-sqlite-synchronous', 'full', '-sqlite-id-index=false'] },
  { key: 'new', title: 'SQLite new', args: [] },
];
if (options.postgresql) backends.push({ key: 'pg', title: 'PostgreSQL', postgresql: true, args: [] });

const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${TOTAL_LIMIT_MS / 1000} s, giving up`);
  cleanup().finally(() => process.exit(1));
}, TOTAL_LIMIT_MS);
watchdog.unref();

try {
  if (!existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is missing: run npm run ferretdb:build`);
  console.log(
    `FerretDB launcher ${LAUNCHER}\n` +
      `phases: ${options.seconds} s sequential inserts; ${options.seconds} s sequential $inc on one document, in a ` +
      `collection of 1 and of ${options.docs} documents; mix: ${options.clients} concurrent clients x ` +
      `${options.iterations} x (insert + find by _id + $inc by _id) on collections of ${options.docs} documents\n`,
  );
  const started = performance.now();
  const results = {};
  for (const backend of backends) {
    process.stdout.write(`${backend.title}: `);
    try {
      results[backend.key] = await measureBackend(backend);
      console.log('done');
    } catch (error) {
      console.log(`FAILED: ${error.message}`);
      results[backend.key] = { error: error.message };
    }
  }
  printTable(results);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}

async function measureBackend(backend) {
  const port = await freePort();
  const args = ['-listen-addr', `127.0.0.1:${port}`, '-log-level', 'error', '-exit-on-stdin-close'];
  if (backend.postgresql) {
    const name = `plenary_bench_${process.pid}_${Date.now()}`;
    const pgArgs = ['-h', PG.host, '-p', PG.port, '-U', PG.user];
    execFileSync('createdb', [...pgArgs, name], { stdio: ['ignore', 'ignore', 'pipe'] });
    cleanups.push(() => {
      try {
        execFileSync('dropdb', [...pgArgs, '--if-exists', '--force', name], { stdio: 'ignore' });
      } catch {
        execFileSync('dropdb', [...pgArgs, '--if-exists', name], { stdio: 'ignore' }); // PostgreSQL < 13
      }
    });
    args.push('-handler', 'postgresql', '-postgresql-url', `postgres://${PG.user}@${PG.host}:${PG.port}/${name}`);
  } else {
    const folder = mkdtempSync(join(tmpdir(), `plenary-bench-${backend.key}-`));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    args.push('-sqlite-dir', folder);
  }
  args.push(...backend.args);

  const server = await startLauncher(args, port);
  const stopServer = () => server.stop();
  cleanups.push(stopServer);
  const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, {
    maxPoolSize: options.clients + 2,
    serverSelectionTimeoutMS: 10_000,
  });
  try {
    await client.connect();
    return await runWorkload(client.db('bench'));
  } finally {
    await client.close().catch(() => {});
    await stopServer();
  }
}

async function runWorkload(db) {
  const result = {};

  const inserts = db.collection('inserts');
  await inserts.insertOne({ warmup: true }); // creates the collection outside the timing
  let n = 0;
  result.insert = await forDuration(() => inserts.insertOne({ n: n++, title: 'Agenda item', votes: 0 }));

  const single = db.collection('single');
  const { insertedId: singleId } = await single.insertOne({ count: 0 });
  result.inc1 = await forDuration(() => single.updateOne({ _id: singleId }, { $inc: { count: 1 } }));

  const big = db.collection('big');
  await seed(big, options.docs);
  const { insertedId: bigId } = await big.insertOne({ count: 0 });
  result.incN = await forDuration(() => big.updateOne({ _id: bigId }, { $inc: { count: 1 } }));

  Object.assign(result, await mix(db));
  return result;
}

async function mix(db) {
  const items = db.collection('items');
  const events = db.collection('events');
  await seed(items, options.docs);
  await seed(events, options.docs);
  const mine = (await items.insertMany(Array.from({ length: options.clients }, (_, i) => ({ client: i, votes: 0 }))))
    .insertedIds;

  const latencies = [];
  const deadline = performance.now() + options['mix-seconds'] * 1000;
  const timed = async (operation) => {
    const start = performance.now();
    await operation();
    latencies.push(performance.now() - start);
  };
  const start = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const _id = mine[client];
      for (let i = 0; i < options.iterations && performance.now() < deadline; i++) {
        await timed(() => events.insertOne({ client, kind: 'vote', item: _id, at: new Date() }));
        await timed(() => items.findOne({ _id }));
        await timed(() => items.updateOne({ _id }, { $inc: { votes: 1 }, $set: { lastVoteAt: new Date() } }));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const expected = options.clients * options.iterations * 3;
  return {
    mixOps: latencies.length / seconds,
    mixP50: percentile(latencies, 0.5),
    mixP99: percentile(latencies, 0.99),
    mixNote: latencies.length < expected ? `${latencies.length}/${expected} ops before the cap` : '',
  };
}

async function forDuration(operation) {
  const end = performance.now() + options.seconds * 1000;
  const start = performance.now();
  let count = 0;
  while (performance.now() < end) {
    await operation();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

async function seed(collection, count) {
  for (let done = 0; done < count; done += 500) {
    const batch = Array.from({ length: Math.min(500, count - done) }, (_, i) => ({
      n: done + i,
      title: `Earlier item ${done + i}`,
      body: 'x'.repeat(200),
      votes: 0,
    }));
    await collection.insertMany(batch);
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function startLauncher(args, port) {
  const child = spawn(LAUNCHER, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
  child.on('error', (error) => {
    stderr += `\n${error.message}`;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`launcher did not start (${args.join(' ')}): ${stderr.trim() || 'no output'}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { stop };
}

function listening(port) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => done(socket.destroy() || true));
    socket.once('error', () => done(false));
  });
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

function printTable(results) {
  const rows = [
    ['inserts/s', 'insert', 'higher'],
    ['$inc/s, 1-doc collection', 'inc1', 'higher'],
    [`$inc/s, ${options.docs}-doc collection`, 'incN', 'higher'],
    [`mix ops/s (${options.clients} clients)`, 'mixOps', 'higher'],
    ['mix p50 latency (ms)', 'mixP50', 'lower'],
    ['mix p99 latency (ms)', 'mixP99', 'lower'],
  ];
  const value = (key, metric) => results[key]?.[metric];
  const format = (v) => (typeof v === 'number' && Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-');
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-');
  const header = ['metric', ...backends.map((b) => b.title), 'new/old'];
  if (options.postgresql) header.push('new/PostgreSQL');
  const table = [header];
  for (const [label, metric] of rows) {
    const line = [label, ...backends.map((b) => format(value(b.key, metric)))];
    line.push(ratio(value('new', metric), value('old', metric)));
    if (options.postgresql) line.push(ratio(value('new', metric), value('pg', metric)));
    table.push(line);
  }
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const render = (line) =>
    line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${render(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of table.slice(1)) console.log(render(line));
  console.log('(ratios: above 1x is better for ops/s, below 1x is better for latency)');
  for (const backend of backends) {
    const r = results[backend.key];
    if (r?.error) console.log(`${backend.title}: ${r.error}`);
    else if (r?.mixNote)
      console.log(`${backend.title}: mix stopped at the ${options['mix-seconds']} s cap, ${r.mixNote}`);
  }
  console.log(
    `settings: SQLite old = ${backends[0].args.join(' ')} (what the launcher did before); SQLite new = defaults`,
  );
}

function parseOptions(argv, defaults) {
  const result = { ...defaults };
  for (const arg of argv) {
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[2] in defaults)) {
      console.error(`unknown option ${arg}; options: ${Object.keys(defaults).join(', ')}`);
      process.exit(2);
    }
    const [, negated, key, raw] = match;
    if (typeof defaults[key] === 'boolean') result[key] = !negated;
    else if (negated || raw === undefined || !(Number(raw) > 0)) {
      console.error(`--${key} needs a positive number`);
      process.exit(2);
    } else result[key] = Number(raw);
  }
  return result;
}
