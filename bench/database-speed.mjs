// Database speed of our FerretDB launcher (tools/ferretdb/bin/ferretdb), measured in one run so that a busy machine
// skews every backend alike: SQLite with the launcher's old settings, SQLite with its current defaults, and PostgreSQL.
//
//   node bench/database-speed.mjs [--seconds=3] [--docs=2000] [--clients=20] [--iterations=25] [--no-postgresql]
//
// PostgreSQL: a throwaway database is created with createdb and dropped at the end (PGHOST, PGPORT and PGUSER are
// honoured; default 127.0.0.1:5432 as the current user). Each launcher gets its stdin as a pipe and
// -exit-on-stdin-close, so it never outlives this process.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { freePort, LAUNCHER, startLauncher } from '../tools/ferretdb/launcher.mjs';
import {
  cleanup,
  guard,
  onCleanup,
  parseOptions,
  percentile,
  printTable,
  throwawayPostgresDatabase,
} from './support.mjs';

const { MongoClient } = mongoose.mongo; // the driver the app uses

const options = parseOptions(process.argv.slice(2), {
  seconds: 3, // per sequential phase
  docs: 2000, // documents already in the collections the $inc and mix phases use
  clients: 20,
  iterations: 25, // per mix client; each iteration is insert + find + update
  'mix-seconds': 20, // cap on the mix phase
  postgresql: true,
});
const TOTAL_LIMIT_MS = 170_000;

const backends = [
  { key: 'old', title: 'SQLite old', args: ['-sqlite-synchronous', 'full', '-sqlite-id-index=false'] },
  { key: 'new', title: 'SQLite new', args: [] },
];
if (options.postgresql) backends.push({ key: 'pg', title: 'PostgreSQL', postgresql: true, args: [] });

guard(TOTAL_LIMIT_MS);

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
  printResults(results);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}

async function measureBackend(backend) {
  const port = await freePort(); // first: after a signal, this wait lets the exit come before anything needs cleaning up
  let launch;
  if (backend.postgresql) {
    const { url } = throwawayPostgresDatabase('plenary_bench');
    launch = { port, args: ['-handler', 'postgresql', '-postgresql-url', url, ...backend.args] };
  } else {
    const folder = mkdtempSync(join(tmpdir(), `plenary-bench-${backend.key}-`));
    onCleanup(() => rmSync(folder, { recursive: true, force: true }));
    launch = { port, args: backend.args, sqliteDir: folder };
  }

  const server = await startLauncher(launch);
  onCleanup(server.stop);
  const client = new MongoClient(server.uri, {
    maxPoolSize: options.clients + 2,
    serverSelectionTimeoutMS: 10_000,
  });
  try {
    await client.connect();
    return await runWorkload(client.db('bench'));
  } finally {
    await client.close().catch(() => {});
    await server.stop();
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

function printResults(results) {
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
  printTable(
    header,
    rows.map(([label, metric]) => {
      const line = [label, ...backends.map((b) => format(value(b.key, metric)))];
      line.push(ratio(value('new', metric), value('old', metric)));
      if (options.postgresql) line.push(ratio(value('new', metric), value('pg', metric)));
      return line;
    }),
  );
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
