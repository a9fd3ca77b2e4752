// The forum's read paths under load: a thread page, a category page with unread counts, a search, on a seeded forum
// of 5,000 threads and 50,000 posts (times --scale), with the database round trips each request makes.
//
//   npm run bench:forum [-- --scale 2]   (builds, then runs this)
//   node bench/forum.mjs [--scale=1] [--members=40] [--connections=50] [--seconds=10] [--warmup=2] [--drain=10]
//                        [--timeout=60] [--query=livelihoods] [--seed=1] [--server=dist/apps/api/src/main.js]
//                        [--mongodb-uri=mongodb://host:port/] [--backend=postgresql|sqlite]
//
// The database: a throwaway one on --mongodb-uri (or MONGODB_URI), dropped at the end (a server of yours is not
// restarted: after a load it may stay busy for minutes); otherwise our FerretDB launcher, on a throwaway PostgreSQL
// database (createdb, as CI's tests use; PGHOST, PGPORT, PGUSER honoured) when PostgreSQL is reachable, else
// on SQLite in a temp folder, removed at the end. The compiled server runs as a child process as in production
// (NODE_ENV=production, LOG_LEVEL=info, its log in a file, the request limits lifted). Members, their profiles, groups
// with their memberships and the categories are made through the API (the members' tokens are real); threads, posts,
// reactions, follows and read marks are inserted in bulk with the driver, shaped as the forum's schemas and services
// shape them (search terms from the compiled text/search-terms.js, HTML from the compiled text/markdown.js), the same
// forum for the same --seed. Every request is made as member 0, who belongs to every group and has read marks.
//
// Round trips, and the latency of a request alone: the compiled app is also started inside this process, on the same
// database, with `monitorCommands=true` in its MONGODB_URI (a connection-string option of the driver), and each target
// is requested once (twice when that takes under 3 s, the second counted). The commands its mongoose connection starts
// (find, getMore, aggregate…: not the driver's handshakes and heartbeats) are counted when they start in the request's
// async context (AsyncLocalStorage entered by a middleware), so that the app's timers are left out.
//
// Load: autocannon, --connections at once, --warmup then --seconds counted: the responses that arrive in the window,
// and the requests still unanswered when it closes (a percentile that falls among them reads "> their age"). FerretDB
// carries on with the queries of requests that went away, for minutes when they scan large collections: when the
// server or the database is still busy --drain seconds after a target, both are restarted (on the same files).
// FerretDB pushes no filter, sort or limit down to SQLite but on _id, so there every one of these lists scans its
// collection: at scale 1 a request alone takes tens of seconds. On PostgreSQL it pushes top-level equalities down
// (still no index, sort or limit): the thread and category pages read their thread's or category's documents only;
// a search still reads every post. Figures from FerretDB say nothing of MongoDB's.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { freePort, LAUNCHER, startLauncher } from '../tools/ferretdb/launcher.mjs';
import {
  cleaningUp,
  cleanup,
  guard,
  inParallel,
  onCleanup,
  parseOptions,
  percentile,
  pidsByCommandLine,
  printTable,
  processCpuMs,
  postgresAvailable,
  throwawayPostgresDatabase,
  trackChild,
} from './support.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API = '/api/v1';
const { MongoClient, ObjectId } = mongoose.mongo; // the driver the app uses
const CHILD_HOOKS = 'data:text/javascript,process.on("disconnect",()=>process.kill(process.pid,"SIGTERM"))';
const ADMIN = { email: 'bench-admin@plenary.test', password: 'Bench-admin-password-1' };
const BATCH = 1000;
// Posts per thread: 15 % without replies, the others heavy-tailed (1 + replies in proportion to a weight, mean 2.5),
// the largest ~40 times the mean (the thread page's thread is one of those, ~260 posts at scale 1).
const MAX_WEIGHT = 60;
const DAY_MS = 86_400_000;

const WORDS = (
  'migration migrants labour recruitment remittances corridors diaspora integration return reintegration ' +
  'displacement climate resilience data evidence statistics census survey border governance rights protection ' +
  'asylum refugees mobility skills qualifications recognition employers wages contracts fees ethical workers ' +
  'domestic agriculture construction seasonal circular pathways visas permits consular services inclusion ' +
  'financial digital transfers costs banks mobile wallets savings investment development cooperation regional ' +
  'bilateral agreements dialogue partnerships municipalities cities housing health education children families ' +
  'gender women youth trafficking smuggling victims identification reception detention alternatives returns ' +
  'readmission resettlement counselling livelihoods training apprenticeships matching jobs informal economy ' +
  'social security portability pensions insurance networks community organisations civil society research ' +
  'indicators monitoring reporting review progress commitments pledges implementation funding capacity ' +
  'coordination whole government approach local authorities evaluation lessons practices tools guidance'
).split(' ');
const TAGS = [
  'remittances',
  'labour mobility',
  'climate',
  'data',
  'return',
  'skills',
  'protection',
  'cities',
  'Gender',
];

// idAt's: a random middle part for this run, then a counter.
const idRandom = randomBytes(5);
let idCounter = 0;

const options = parseOptions(process.argv.slice(2), {
  scale: 1,
  members: 40,
  connections: 50,
  seconds: 10,
  warmup: 2,
  timeout: 60, // seconds a response may take before autocannon counts a timeout
  query: 'livelihoods',
  drain: 10, // seconds to wait for the server and database to go idle after a target before restarting them
  seed: 1,
  server: 'dist/apps/api/src/main.js',
  'mongodb-uri': process.env.MONGODB_URI ?? '',
  // Our own FerretDB's backend: PostgreSQL, as CI's tests use, when createdb reaches it; else SQLite.
  backend: '',
});
if (!['', 'postgresql', 'sqlite'].includes(options.backend)) throw new Error('--backend is postgresql or sqlite');
options.backend ||= postgresAvailable() ? 'postgresql' : 'sqlite';
const THREADS = Math.max(20, Math.round(5_000 * options.scale));
const POSTS = Math.max(THREADS * 2, Math.round(50_000 * options.scale));
const MEMBERS = Math.max(8, Math.round(options.members));

// Seeding grows with the scale; the rest does not (a target's window, and a restart after it when the load left
// work behind).
guard((300 + 600 * options.scale + 3 * (options.warmup + options.seconds + options.drain + 30)) * 1000);

try {
  const started = performance.now();
  const serverScript = resolve(ROOT, options.server);
  for (const file of [serverScript, fileURLToPath(dist('libs/forum/src/text/search-terms.js'))]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (or npm run bench:forum)`);
  }
  const text = {
    ...(await import(dist('libs/forum/src/text/search-terms.js'))),
    ...(await import(dist('libs/forum/src/text/markdown.js'))),
  };
  const folder = mkdtempSync(join(tmpdir(), 'plenary-bench-forum-'));
  onCleanup(() => rmSync(folder, { recursive: true, force: true }));

  const secrets = { access: randomBytes(32).toString('hex'), refresh: randomBytes(32).toString('hex') };
  const stack = { folder, serverScript, secrets, database: await startDatabase(folder) };
  stack.server = await startServer(stack);
  console.log(
    `server ${serverScript} (NODE_ENV=production, LOG_LEVEL=info, database ${redact(stack.database.uri)})\n` +
      `forum: ${THREADS} threads, ${POSTS} posts (scale ${options.scale}), ${MEMBERS} members; ` +
      `${options.connections} connections, ${options.warmup} s warm-up + ${options.seconds} s per target`,
  );

  process.stdout.write(`members, groups and categories through the API... `);
  let phase = performance.now();
  const community = await seedCommunity(stack.server.url);
  console.log(`${seconds(phase)} s`);

  console.log('bulk seeding threads, posts, reactions, follows and read marks:');
  phase = performance.now();
  const forum = await seedForum(stack.database.uri, community, text);
  const seedSeconds = seconds(phase);
  console.log(
    `bulk seeding: ${seedSeconds} s (${forum.documents} documents, ${Math.round(forum.documents / seedSeconds)}/s)`,
  );

  const reader = community.members[0];
  const targets = [
    {
      label: 'thread page',
      path: `/threads/${forum.bigThread.id}/posts?limit=50`,
      describe: (body) => `${body.items.length} of the thread's ${forum.bigThread.posts} posts`,
    },
    {
      label: 'category page',
      path: `/categories/${forum.category.id}/threads?limit=30`,
      describe: (body) =>
        `${body.items.filter((thread) => thread.pinned).length} pinned + ` +
        `${body.items.filter((thread) => !thread.pinned).length} of the category's ${forum.category.threads} threads, ` +
        `${body.items.filter((thread) => thread.unreadCount > 0).length} with unread posts`,
    },
    {
      label: 'search',
      path: `/search?q=${encodeURIComponent(options.query)}`,
      describe: (body) =>
        `${body.items.length} hits shown; ${forum.search.threads} threads and ${forum.search.posts} posts match`,
    },
  ].map((target) => ({ ...target, headers: { authorization: `Bearer ${reader.token}` } }));

  console.log(
    `\nround trips and latency of one request alone, as ${reader.name} (a member of ${community.groups.length} ` +
      `groups, with read marks), on the compiled app in this process with command monitoring:`,
  );
  phase = performance.now();
  const trips = await countRoundTrips(stack.database.uri, secrets, targets);
  console.log(`  (${seconds(phase)} s)`);

  const results = [];
  for (const target of targets) {
    process.stdout.write(`${target.label} under load... `);
    const result = await measure(stack, target);
    console.log(
      `${result.responses} responses in ${options.seconds} s` +
        (result.unfinished.length > 0 ? `, ${result.unfinished.length} unanswered at the end` : ''),
    );
    results.push({ ...target, ...result, trips: trips.get(target.label) });
    await settle(stack);
  }
  printResults(results, seedSeconds, forum);
  console.log(`\ntotal ${seconds(started)} s`);
  if (results.some((result) => result.unexpected > 0)) process.exitCode = 1;
} catch (error) {
  if (!cleaningUp()) console.error(`\nbench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

function dist(path) {
  return pathToFileURL(resolve(ROOT, 'dist', path)).href;
}

function seconds(since) {
  return Number(((performance.now() - since) / 1000).toFixed(1));
}

/**
 * A throwaway database on the given server, or a FerretDB of our own on SQLite: its URI, the pid of our FerretDB
 * (null on a server of yours), and for ours `restart()`, which starts a new one on the same files (FerretDB carries on
 * with a query whose client went away: restarting is how a load run's leftover work is stopped).
 */
async function startDatabase(folder) {
  const name = `plenary_bench_forum_${process.pid}_${randomBytes(3).toString('hex')}`;
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
    return { uri, pid: null, restart: null };
  }
  if (!existsSync(LAUNCHER))
    throw new Error(`${LAUNCHER} is missing: run npm run ferretdb:build, or pass --mongodb-uri`);
  const postgres = options.backend === 'postgresql' ? throwawayPostgresDatabase('plenary_bench_forum') : null;
  const launch = postgres
    ? { args: ['-handler', 'postgresql', '-postgresql-url', postgres.url] }
    : { sqliteDir: join(folder, 'sqlite') };
  const start = async () => {
    const launcher = await startLauncher(launch);
    onCleanup(launcher.stop);
    return {
      uri: `${launcher.uri}${name}`,
      pid: pidsByCommandLine((args) => args[0] === LAUNCHER && args.includes(`127.0.0.1:${launcher.port}`))[0] ?? null,
      restart: async () => {
        await launcher.stop();
        postgres?.endSessions();
        return start();
      },
    };
  };
  return start();
}

function environment(mongodbUri, secrets) {
  return {
    NODE_ENV: 'production',
    MONGODB_URI: mongodbUri,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    JWT_ACCESS_SECRET: secrets.access,
    JWT_REFRESH_SECRET: secrets.refresh,
    JWT_ACCESS_TTL: '2h',
    // The request limits would answer most of the load with 429s: lifted to measure the work itself.
    LIMIT_REGISTER_PER_HOUR: '10000000',
    LIMIT_PUBLIC_READS_PER_MINUTE: '10000000',
    LIMIT_WRITES_PER_MINUTE: '10000000',
    NEW_ACCOUNT_HOURS: '0',
    NEW_ACCOUNT_THREADS_PER_HOUR: '10000000',
    NEW_ACCOUNT_POSTS_PER_HOUR: '10000000',
  };
}

async function startServer({ folder, serverScript, database, secrets }) {
  const port = await freePort();
  const logFile = join(folder, 'server.log');
  const log = openSync(logFile, 'a');
  const child = trackChild(
    spawn(process.execPath, ['--import', CHILD_HOOKS, serverScript], {
      cwd: folder, // no .env of the checkout
      stdio: ['ignore', log, log, 'ipc'],
      env: {
        PATH: process.env.PATH,
        ...environment(database.uri, secrets),
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
    }),
    'API server',
    () => readFileSync(logFile, 'utf8'),
  );
  closeSync(log);
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
    if (ready) return { url, child };
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * Through the API: the members with public profiles, three groups (two private, invitation only; one for signed-in
 * members, open) with their memberships, six platform categories (by the admin) and five group categories (by the
 * groups' owners). Member 0, the reader, belongs to every group.
 */
async function seedCommunity(url) {
  const call = async (method, path, body, token) => {
    const response = await fetch(`${url}${API}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  const countries = ['SN', 'MX', 'PH', 'DE', 'KE', 'BR', 'IN', 'MA'];
  const members = await inParallel(MEMBERS, 4, async (i) => {
    const name = `Bench Member ${String(i).padStart(2, '0')}`;
    const { user, accessToken } = await call('POST', '/auth/register', {
      displayName: name,
      email: `bench-forum-${i}@plenary.test`,
      password: `Bench-password-${i}`,
    });
    await call(
      'PATCH',
      '/members/me',
      {
        visibility: 'public',
        organisation: `Organisation ${i % 11}`,
        country: countries[i % countries.length],
        languages: ['en', 'fr'],
        objectives: [1 + (i % 23)],
        bio: 'Works on migration governance.',
      },
      accessToken,
    );
    return { id: user.id, name, token: accessToken };
  });
  const admin = await call('POST', '/auth/login', ADMIN);

  const groupPlans = [
    { name: 'Bench working group on labour mobility', visibility: 'private', joinPolicy: 'invite', owner: 1 },
    { name: 'Bench network on climate and displacement', visibility: 'private', joinPolicy: 'invite', owner: 2 },
    { name: 'Bench members network on data', visibility: 'members', joinPolicy: 'open', owner: 3 },
  ];
  const groups = [];
  for (const [g, plan] of groupPlans.entries()) {
    const owner = members[plan.owner];
    const group = await call(
      'POST',
      '/groups',
      {
        name: plan.name,
        description: 'A group seeded by the forum benchmark.',
        type: 'working_group',
        visibility: plan.visibility,
        joinPolicy: plan.joinPolicy,
      },
      owner.token,
    );
    // The reader, and a third of the others (overlapping from group to group).
    const joining = [0, ...members.keys()].filter(
      (i, index, all) => all.indexOf(i) === index && i !== plan.owner && (i === 0 || (i + g * 7) % 3 === 0),
    );
    await inParallel(joining.length, 4, async (k) => {
      const member = members[joining[k]];
      if (plan.joinPolicy === 'open') return call('POST', `/groups/${group.id}/join`, undefined, member.token);
      await call('POST', `/groups/${group.id}/invitations`, { userId: member.id }, owner.token);
      return call('POST', `/groups/${group.id}/invitations/accept`, undefined, member.token);
    });
    groups.push({
      id: group.id,
      audience: plan.visibility === 'private' ? 'group' : plan.visibility,
      owner,
      members: [plan.owner, ...joining],
    });
  }

  const categories = [];
  const platform = [
    'Labour migration',
    'Remittances and financial inclusion',
    'Climate and displacement',
    'Data and evidence',
    'Return and reintegration',
    'Announcements',
  ];
  for (const [order, name] of platform.entries()) {
    const category = await call(
      'POST',
      '/categories',
      { name, order, postingPolicy: name === 'Announcements' ? 'moderators' : 'members' },
      admin.accessToken,
    );
    categories.push({
      ...category,
      audience: 'public',
      groupId: null,
      authors: [...members.keys()],
      weight: name === 'Announcements' ? 0.2 : 1,
    });
  }
  const groupCategories = [
    [0, 'Working drafts'],
    [0, 'Meetings'],
    [1, 'Field notes'],
    [1, 'Country updates'],
    [2, 'Datasets'],
  ];
  for (const [order, [g, name]] of groupCategories.entries()) {
    const group = groups[g];
    const category = await call('POST', '/categories', { name, order, groupId: group.id }, group.owner.token);
    categories.push({ ...category, audience: group.audience, groupId: group.id, authors: group.members, weight: 0.8 });
  }
  return { members, groups, categories, readerGroups: groups.length };
}

/** A small, seeded PRNG (mulberry32), so that every run seeds the same forum. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[next.int(list.length)];
  return next;
}

/** Zipf-like: the first words of the list come up far more often than the last. */
function wordPicker(rand) {
  const weights = WORDS.map((_, k) => 1 / (k + 3));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight / total));
  return () => {
    const u = rand();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < u) low = mid + 1;
      else high = mid;
    }
    return WORDS[low];
  };
}

/** An ObjectId whose time is `ms`, unique in this run (as the server makes them, but in the past). */
function idAt(ms) {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(ms / 1000), 0);
  idRandom.copy(bytes, 4);
  bytes.writeUIntBE(idCounter++ & 0xffffff, 9, 3);
  return new ObjectId(bytes);
}

/**
 * Bulk inserts, thread by thread: each thread with its posts (numbered from 1, postCount the last), their
 * reactions (the counts on the posts and one document per reaction), the score (replies + reactions), and the
 * follows and read marks the service leaves (authors follow and have read what they wrote), plus other members'
 * reading: the reader has read most threads of the categories they may read, to the end or partly.
 */
async function seedForum(uri, community, text) {
  const rand = random(options.seed);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const seeded = await seedWith(client.db(), rand, community, text);
    await checkShapes(client.db(), seeded.samples);
    return seeded;
  } finally {
    await client.close();
  }
}

/**
 * The first document inserted in each collection, read back and checked against the compiled schema: no field the
 * schema lacks, none it has missing, and mongoose's validation passes.
 */
async function checkShapes(db, samples) {
  await import('reflect-metadata');
  const threads = await import(dist('libs/forum/src/threads/thread.schema.js'));
  const posts = await import(dist('libs/forum/src/threads/post.schema.js'));
  const reading = await import(dist('libs/forum/src/reading/reading.schema.js'));
  const schemas = {
    forum_threads: threads.ThreadSchema,
    forum_posts: posts.PostSchema,
    forum_reactions: posts.ReactionSchema,
    forum_follows: reading.FollowSchema,
    forum_read_marks: reading.ReadMarkSchema,
  };
  const models = new mongoose.Mongoose({ autoIndex: false, autoCreate: false });
  const problems = [];
  for (const [collection, schema] of Object.entries(schemas)) {
    const document = await db.collection(collection).findOne({ _id: samples[collection] });
    if (!document) {
      problems.push(`${collection}: the first document inserted is not there`);
      continue;
    }
    const model = models.model(collection, schema);
    const fields = new Set(Object.keys(model.schema.paths).map((path) => path.split('.')[0]));
    const extra = Object.keys(document).filter((field) => !fields.has(field));
    const missing = [...fields].filter((field) => !(field in document));
    const invalid = await model
      .hydrate(document)
      .validate()
      .then(
        () => null,
        (error) => error,
      );
    if (extra.length > 0) problems.push(`${collection}: fields the schema lacks: ${extra.join(', ')}`);
    if (missing.length > 0) problems.push(`${collection}: fields missing: ${missing.join(', ')}`);
    if (invalid) problems.push(`${collection}: ${invalid.message}`);
  }
  if (problems.length > 0) throw new Error(`seeded documents unlike the schemas':\n${problems.join('\n')}`);
}

async function seedWith(db, rand, community, text) {
  const word = wordPicker(rand);
  const now = Date.now();
  const { members, categories } = community;
  const oid = (id) => new ObjectId(id);
  const memberIds = members.map((member) => oid(member.id));
  const query = text.searchTerms(options.query);

  // A pool of post bodies, each rendered once as the service renders it.
  const bodies = Array.from({ length: 800 }, () => {
    const paragraphs = Array.from({ length: 1 + rand.int(3) }, () => {
      const sentence = Array.from({ length: 8 + rand.int(40) }, word).join(' ');
      return sentence[0].toUpperCase() + sentence.slice(1) + '.';
    });
    const body = paragraphs.join('\n\n');
    return { body, html: text.renderMarkdown(body), terms: text.searchTerms(body) };
  });

  // Threads by category (weighted), with their number of posts: 15 % unanswered, the rest heavy-tailed.
  const totalWeight = categories.reduce((sum, category) => sum + category.weight, 0);
  const plans = Array.from({ length: THREADS }, () => {
    let u = rand() * totalWeight;
    const category = categories.find((c) => (u -= c.weight) < 0) ?? categories[0];
    return { category, weight: rand() < 0.15 ? 0 : Math.min(MAX_WEIGHT, Math.pow(1 - rand(), -0.6)), posts: 1 };
  });
  const measured = categories[0];
  const big = plans.find((plan) => plan.category === measured && plan.weight > 0) ?? plans[0];
  big.weight = MAX_WEIGHT;
  const weightSum = plans.reduce((sum, plan) => sum + plan.weight, 0);
  let replies = POSTS - THREADS;
  for (const plan of plans) {
    plan.posts = 1 + Math.floor(((POSTS - THREADS) * plan.weight) / weightSum);
    replies -= plan.posts - 1;
  }
  const answered = plans.filter((plan) => plan.weight > 0);
  while (replies-- > 0) rand.pick(answered).posts++;
  const pinnedLeft = new Map(categories.map((category) => [category, 3]));

  const inserter = bulkInserter(db);
  const search = { threads: 0, posts: 0 };
  const matches = (terms) => query.every((q) => terms.some((term) => term.startsWith(q)));
  const progressEvery = Math.max(1, Math.floor(THREADS / 10));
  const progressStart = performance.now();
  let bigThread;
  let measuredThreads = 0;

  for (const [t, plan] of plans.entries()) {
    const { category } = plan;
    const authors = category.authors;
    const createdAt = now - 5 * 60_000 - rand() * 365 * DAY_MS;
    const lastActivityAt = plan.posts === 1 ? createdAt : createdAt + rand() * (now - 5 * 60_000 - createdAt);
    const threadId = idAt(createdAt);
    const pinned = pinnedLeft.get(category) > 0 && rand() < 0.05 && plan !== big;
    if (pinned) pinnedLeft.set(category, pinnedLeft.get(category) - 1);
    const status =
      plan === big || pinned ? 'visible' : rand() < 0.005 ? 'hidden' : rand() < 0.003 ? 'deleted' : 'visible';
    const tags = [...new Set(Array.from({ length: rand.int(4) }, () => text.normaliseTag(rand.pick(TAGS))))];
    const title = Array.from({ length: 4 + rand.int(6) }, word).join(' ');
    const titleText = title[0].toUpperCase() + title.slice(1);
    const threadTerms = text.searchTerms(titleText, ...tags);
    if (plan === big) bigThread = { id: threadId.toHexString(), posts: plan.posts };
    if (category === measured) measuredThreads++;
    if (status === 'visible' && matches(threadTerms)) search.threads++;

    const reading = new Map(); // userIndex -> last number read
    let score = plan.posts - 1;
    const postIds = [];
    const posters = new Set();
    let lastPoster = 0;
    for (let number = 1; number <= plan.posts; number++) {
      const at =
        plan.posts === 1
          ? createdAt
          : createdAt + (lastActivityAt - createdAt) * Math.pow((number - 1) / (plan.posts - 1), 1.5);
      const author = rand.pick(authors);
      const content = rand.pick(bodies);
      const postId = idAt(at);
      const postStatus = number === 1 ? 'visible' : rand() < 0.01 ? 'deleted' : rand() < 0.005 ? 'hidden' : 'visible';
      const reactions = { like: 0, insightful: 0, thanks: 0 };
      if (postStatus === 'visible' && rand() < 0.3) {
        const reactors = new Set(Array.from({ length: 1 + rand.int(3) }, () => rand.pick(authors)));
        reactors.delete(author);
        for (const reactor of reactors) {
          const kind = rand.pick(['like', 'like', 'insightful', 'thanks']);
          reactions[kind]++;
          score++;
          inserter.add('forum_reactions', {
            _id: idAt(at + 60_000),
            postId,
            userId: memberIds[reactor],
            kind,
            createdAt: new Date(at + 60_000),
            __v: 0,
          });
        }
      }
      inserter.add('forum_posts', {
        _id: postId,
        threadId,
        number,
        categoryId: oid(category.id),
        groupId: category.groupId ? oid(category.groupId) : null,
        audience: category.audience,
        threadStatus: status,
        authorId: memberIds[author],
        body: content.body,
        html: content.html,
        replyTo: number > 2 && rand() < 0.2 ? rand.pick(postIds) : null,
        mentions: [],
        status: postStatus,
        reactions,
        editCount: 0,
        editedAt: null,
        terms: content.terms,
        createdAt: new Date(at),
        updatedAt: new Date(at),
        __v: 0,
      });
      if (status === 'visible' && postStatus === 'visible' && matches(content.terms)) search.posts++;
      postIds.push(postId);
      reading.set(author, number);
      posters.add(author);
      lastPoster = author;
    }
    // Other members' reading; the reader (member 0) has read 60 % of what they may read.
    for (const reader of authors) {
      if (rand() < (reader === 0 ? 0.6 : 0.05)) {
        const upTo = rand() < 0.6 ? plan.posts : 1 + rand.int(plan.posts);
        reading.set(reader, Math.max(reading.get(reader) ?? 0, upTo));
      }
    }
    for (const [reader, lastReadNumber] of reading) {
      const at = new Date(lastActivityAt);
      inserter.add('forum_read_marks', {
        _id: idAt(lastActivityAt),
        threadId,
        userId: memberIds[reader],
        categoryId: oid(category.id),
        lastReadNumber,
        createdAt: at,
        updatedAt: at,
        __v: 0,
      });
      if (posters.has(reader) || rand() < 0.3) {
        inserter.add('forum_follows', {
          _id: idAt(lastActivityAt),
          threadId,
          userId: memberIds[reader],
          createdAt: at,
          __v: 0,
        });
      }
    }
    inserter.add('forum_threads', {
      _id: threadId,
      categoryId: oid(category.id),
      groupId: category.groupId ? oid(category.groupId) : null,
      audience: category.audience,
      title: titleText,
      authorId: memberIds[posters.values().next().value],
      tags,
      objectives: Array.from({ length: rand.int(3) }, () => 1 + rand.int(23)),
      language: rand() < 0.8 ? 'en' : rand.pick(['fr', 'es']),
      status,
      pinned,
      locked: rand() < 0.02,
      postCount: plan.posts,
      score,
      lastActivityAt: new Date(lastActivityAt),
      lastPosterId: memberIds[lastPoster],
      acceptedPostId: plan.posts > 1 && rand() < 0.1 ? rand.pick(postIds.slice(1)) : null,
      terms: threadTerms,
      createdAt: new Date(createdAt),
      updatedAt: new Date(lastActivityAt),
      __v: 0,
    });
    await inserter.settle();
    if ((t + 1) % progressEvery === 0 || t + 1 === THREADS) {
      const elapsed = (performance.now() - progressStart) / 1000;
      const line =
        `  seeding: ${t + 1}/${THREADS} threads, ${inserter.count('forum_posts')} posts, ` +
        `${inserter.total()} documents, ${elapsed.toFixed(0)} s`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
      else console.log(line);
    }
  }
  await inserter.flush();
  if (process.stdout.isTTY) process.stdout.write('\n');
  return {
    documents: inserter.total(),
    bigThread,
    category: { id: measured.id, threads: measuredThreads },
    search,
    counts: inserter.counts(),
    samples: inserter.samples,
  };
}

/** insertMany in batches of BATCH per collection, unordered, at most two batches in flight. */
function bulkInserter(db) {
  const buffers = new Map();
  const inserted = new Map();
  const inFlight = new Set();
  let failure;
  const send = (collection, documents) => {
    const insert = db
      .collection(collection)
      .insertMany(documents, { ordered: false })
      .then(
        () => inserted.set(collection, (inserted.get(collection) ?? 0) + documents.length),
        (error) => {
          failure ??= error;
        },
      )
      .finally(() => inFlight.delete(insert));
    inFlight.add(insert);
  };
  return {
    /** The _id of the first document of each collection. */
    samples: {},
    add(collection, document) {
      this.samples[collection] ??= document._id;
      const buffer = buffers.get(collection) ?? [];
      buffers.set(collection, buffer);
      buffer.push(document);
      if (buffer.length >= BATCH) send(collection, buffers.get(collection).splice(0));
    },
    /** Waits while two batches or more are in flight. */
    async settle() {
      while (inFlight.size >= 2) await Promise.race(inFlight);
      if (failure) throw failure;
    },
    async flush() {
      for (const [collection, buffer] of buffers) if (buffer.length > 0) send(collection, buffer.splice(0));
      await Promise.all(inFlight);
      if (failure) throw failure;
    },
    count: (collection) => inserted.get(collection) ?? 0,
    total: () => [...inserted.values()].reduce((a, b) => a + b, 0),
    counts: () => Object.fromEntries(inserted),
  };
}

/**
 * The database commands each target's request makes, and its latency alone: the compiled app started in this process
 * on the same database, with `monitorCommands=true` in its MONGODB_URI, each request made alone (twice when the first
 * takes under 3 s: the second finds any cache the first filled; both counts are kept), counting the commands its
 * mongoose connection starts meanwhile, with the time each took.
 */
async function countRoundTrips(mongodbUri, secrets, targets) {
  await import('reflect-metadata');
  const { createApp } = await import(dist('apps/api/src/app.setup.js'));
  const { AppConfig } = await import(dist('libs/core/src/index.js'));
  const { getConnectionToken } = await import('@nestjs/mongoose');
  const monitored = `${mongodbUri}${mongodbUri.includes('?') ? '&' : '?'}monitorCommands=true`;
  const config = AppConfig.fromEnvironment({ ...environment(monitored, secrets), LOG_LEVEL: 'silent' });

  // Nest's shutdown hooks would re-raise a Ctrl-C before our cleanup ran: ours handle the signals.
  const signals = ['SIGTERM', 'SIGINT'];
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const app = await createApp(config);
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal).has(listener)) process.removeListener(signal, listener);
    }
  }
  let closed;
  const close = () => (closed ??= app.close());
  onCleanup(close);

  // Each request runs in an async context named by its x-bench-request header: the commands started in it are its
  // own, those started elsewhere are the app's timers' (reloading the taxonomy, sweeping login throttles).
  const requests = new AsyncLocalStorage();
  app.use((request, _response, next) => requests.run(request.headers['x-bench-request'], next));
  const trips = new Map();
  try {
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const client = app.get(getConnectionToken()).getClient();
    if (!client.options.monitorCommands) throw new Error('command monitoring is not on in the monitored app');
    let commands = [];
    let current;
    let elsewhere = 0;
    const started = new Map(); // requestId -> the command's entry
    client.on('commandStarted', (event) => {
      if (current === undefined || requests.getStore() !== current) {
        elsewhere++;
        return;
      }
      const collection = event.command[event.commandName];
      const command = {
        name: typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName,
      };
      started.set(event.requestId, command);
      commands.push(command);
    });
    const finished = (event) => {
      const command = started.get(event.requestId);
      started.delete(event.requestId);
      if (command) command.ms = event.duration;
    };
    client.on('commandSucceeded', finished);
    client.on('commandFailed', finished);
    for (const target of targets) {
      const runs = [];
      // A second run when the first was quick: it finds any cache the first filled.
      for (let run = 0; run < 2 && !(runs[0]?.ms > 3000); run++) {
        commands = [];
        current = `${target.label} ${run}`;
        const start = performance.now();
        const response = await fetch(`${url}${API}${target.path}`, {
          headers: { ...target.headers, 'x-bench-request': current },
        });
        const body = await response.json();
        const ms = performance.now() - start;
        current = undefined;
        if (response.status !== 200) throw new Error(`GET ${target.path}: ${response.status} ${JSON.stringify(body)}`);
        runs.push({ commands, ms, body });
      }
      const [first, second = first] = runs;
      trips.set(target.label, {
        count: second.commands.length,
        first: first.commands.length,
        commands: summarise(second.commands),
        alone: second.ms,
      });
      console.log(
        `  GET ${target.path}: ${target.describe(second.body)}; ${second.commands.length} round trips, ` +
          `${second.ms.toFixed(0)} ms`,
      );
    }
    if (elsewhere > 0) console.log(`  (${elsewhere} commands of the app's timers meanwhile, not counted)`);
  } finally {
    await close();
  }
  return trips;
}

/** The commands with the time each took: "find users 3 ms, 2 × find forum_threads 40 + 38 ms, …". */
function summarise(commands) {
  const times = new Map();
  for (const { name, ms } of commands) times.set(name, [...(times.get(name) ?? []), ms]);
  return [...times]
    .map(
      ([name, ms]) =>
        `${ms.length > 1 ? `${ms.length} × ` : ''}${name} ${ms.map((t) => t?.toFixed(0) ?? '?').join(' + ')} ms`,
    )
    .join(', ');
}

/**
 * One autocannon run of warm-up + measured window. Counted: the responses that arrive in the window (req/s), their
 * latencies, and the requests still unanswered when it ends, at their age then (so that a percentile that falls
 * among them reads "> age": the latency is at least that). CPU: the server's and our database's over the window.
 */
async function measure(stack, { path, headers }) {
  const pending = new Map(); // client -> when its request went out
  const latencies = [];
  let unexpected = 0;
  let windowStart = Infinity;
  const run = autocannon({
    url: `${stack.server.url}${API}${path}`,
    headers,
    connections: options.connections,
    timeout: options.timeout,
    duration: options.warmup + options.seconds,
    setupClient: (client) => client.on('request', () => pending.set(client, performance.now())),
  });
  run.on('response', (client, statusCode, _bytes, responseTime) => {
    pending.delete(client);
    if (performance.now() < windowStart) return;
    latencies.push(responseTime);
    if (statusCode !== 200) unexpected++;
  });
  let cpuBefore;
  const warm = setTimeout(() => {
    windowStart = performance.now();
    cpuBefore = cpuNow(stack);
  }, options.warmup * 1000);
  const result = await run;
  clearTimeout(warm);
  const end = performance.now();
  const cpu = cpuNow(stack);
  const unfinished = [...pending.values()].map((sent) => end - sent);
  const window = (end - windowStart) / 1000;
  return {
    responses: latencies.length,
    rps: latencies.length / window,
    cpu: {
      server: (cpu.server - cpuBefore.server) / latencies.length,
      database: (cpu.database - cpuBefore.database) / latencies.length,
    },
    unfinished,
    p50: censoredPercentile(latencies, unfinished, 0.5),
    p95: censoredPercentile(latencies, unfinished, 0.95),
    p99: censoredPercentile(latencies, unfinished, 0.99),
    unexpected: unexpected + result.errors + result.timeouts,
  };
}

/** The percentile over answered latencies and unanswered ages; `more` when it falls among the unanswered. */
function censoredPercentile(latencies, unfinished, p) {
  const all = [...latencies.map((ms) => ({ ms })), ...unfinished.map((ms) => ({ ms, more: true }))];
  all.sort((a, b) => a.ms - b.ms);
  return all.length === 0 ? { ms: NaN } : percentile(all, p);
}

function cpuNow(stack) {
  return {
    server: processCpuMs(stack.server.child.pid),
    database: stack.database.pid ? processCpuMs(stack.database.pid) : NaN,
  };
}

/**
 * After a target: waits for the server and database to go idle (under 10 % of a core over a second). Our FerretDB
 * carries on with the queries of requests the load left unanswered, for minutes when they scan large collections:
 * if it is still busy after --drain seconds, it is restarted on the same files, and the server with it.
 */
async function settle(stack) {
  const deadline = performance.now() + options.drain * 1000;
  let last = cpuNow(stack);
  for (;;) {
    await new Promise((done) => setTimeout(done, 1000));
    const now = cpuNow(stack);
    const busy = now.server - last.server + (stack.database.pid ? now.database - last.database : 0);
    last = now;
    if (!(busy >= 100)) return; // NaN too: nothing to watch
    if (performance.now() > deadline) break;
  }
  if (!stack.database.restart) {
    console.log(`  (the server is still busy after ${options.drain} s: going on)`);
    return;
  }
  process.stdout.write(`  still busy after ${options.drain} s: restarting FerretDB and the server... `);
  const started = performance.now();
  await stack.server.child.stop();
  stack.database = await stack.database.restart();
  stack.server = await startServer(stack);
  console.log(`${seconds(started)} s`);
}

function redact(uri) {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}

function printResults(results, seedSeconds, forum) {
  const number = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');
  const latency = ({ ms, more }) => (more ? `> ${number(ms)}` : number(ms));
  const header = [
    'target',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'unanswered',
    'alone ms',
    'round trips',
    'server CPU ms/req',
    'db CPU ms/req',
    'bad',
  ];
  const rows = results.map((r) => [
    `${r.label}: GET ${r.path.replace(/[0-9a-f]{24}/, ':id')}`,
    number(r.rps),
    latency(r.p50),
    latency(r.p95),
    latency(r.p99),
    String(r.unfinished.length),
    number(r.trips?.alone),
    r.trips ? `${r.trips.count}${r.trips.first !== r.trips.count ? ` (first ${r.trips.first})` : ''}` : '-',
    number(r.cpu.server),
    number(r.cpu.database),
    String(r.unexpected),
  ]);
  printTable(header, rows);
  console.log(
    `(${options.connections} connections, ${options.seconds} s after ${options.warmup} s of warm-up; latencies of ` +
      `the responses in that window and of the requests unanswered at its end ("> age"); "alone": one request at a ` +
      `time; CPU per response; "bad": responses other than 200, errors and timeouts)`,
  );
  console.log('\nround trips per request (database commands, in order of first use):');
  for (const r of results) console.log(`  ${r.label}: ${r.trips?.commands ?? '-'}`);
  console.log(
    `\nseeded in ${seedSeconds} s: ${Object.entries(forum.counts)
      .map(([collection, count]) => `${count} ${collection}`)
      .join(', ')}`,
  );
}
