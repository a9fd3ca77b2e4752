import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import {
  buildRequest,
  describeCase,
  errorShapeProblems,
  type Failure,
  failureReport,
  type FixtureIds,
  type FuzzCase,
  gatewayEvents,
  inFuzzingOrder,
  type OpenApiDocument,
  payloadArgs,
  payloadTargets,
  preview,
  type Route,
  routesOf,
  routeTargets,
  sampleCases,
  send,
  type Who,
} from './fuzz.js';
import { startForumApp, watchWrites } from './forum.js';
import { loginAdmin, register, type SignedIn } from './users.js';

/** Cases per route and per socket event (`npm run fuzz` runs more); the seed makes every run the same. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20251125);
const ACK_TIMEOUT_MS = 5_000;

const REST_CALLERS = fc.oneof(
  { weight: 14, arbitrary: fc.constant<Who>('admin') },
  { weight: 3, arbitrary: fc.constant<Who>('member') },
  { weight: 3, arbitrary: fc.constant<Who>('guest') },
);
const SOCKET_CALLERS = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Who>('admin') },
  { weight: 1, arbitrary: fc.constant<Who>('member') },
);

/**
 * The writes a refused request made that it should not have: every write but the failed-sign-in
 * count (login_throttles), which a refused sign-in makes on purpose.
 */
function refusalWrites(writes: string[]): string[] {
  return writes.filter((write) => !write.endsWith(' login_throttles'));
}

/**
 * Fuzzes every route of the OpenAPI document and every socket event, or, in a run split over
 * several spec files (so Jest runs them side by side), the share `shard` of `shards` (1-based):
 * every shard has its own server, database and fixtures.
 */
export async function fuzzSuite(shard: number, shards: number): Promise<void> {
  const app = await startForumApp(`fuzz-${shard}`, {
    LIMIT_REGISTER_PER_HOUR: '1000000',
    LIMIT_PUBLIC_READS_PER_MINUTE: '1000000',
    LIMIT_GUEST_JOINS_PER_MINUTE: '1000000',
    LIMIT_WRITES_PER_MINUTE: '1000000',
    LOGIN_FREE_ATTEMPTS: '100',
    LOGIN_LOCK_AFTER: '1000',
    LOGIN_IP_FREE_ATTEMPTS: '10000',
    LOGIN_IP_LOCK_AFTER: '100000',
  });
  const document = (await app.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument;
  const mine = <T>(items: T[]) => items.filter((_, index) => index % shards === shard - 1);
  const routes = mine(inFuzzingOrder(routesOf(document)));
  const events = mine(gatewayEvents(app.app));

  interface Fixtures {
    admin: SignedIn;
    member: SignedIn;
    ids: FixtureIds;
  }

  let fixtureCount = 0;

  /** The admin signed in again, two new members, and a group the admin owns where one is a member and one asks to join. */
  async function makeFixtures(): Promise<Fixtures> {
    fixtureCount += 1;
    const admin = await loginAdmin(app);
    const member = await register(app);
    const applicant = await register(app);
    const group = await app.http
      .post('/api/v1/groups')
      .set(admin.auth)
      .send({ name: `Fuzz group ${fixtureCount}`, type: 'working_group', joinPolicy: 'request' })
      .expect(201);
    const groupId = (group.body as { id: string }).id;
    await app.http.post(`/api/v1/groups/${groupId}/join`).set(member.auth).expect(201);
    await app.http.post(`/api/v1/groups/${groupId}/requests/${member.id}/approve`).set(admin.auth).expect(200);
    await app.http.post(`/api/v1/groups/${groupId}/join`).set(applicant.auth).expect(201);
    const users = [member.id, applicant.id];
    return { admin, member, ids: { groups: [groupId], users, members: users } };
  }

  let fixtures = await makeFixtures();
  const context = () => ({ ...fixtures, secret: app.config.jwt.accessSecret });

  interface Tally {
    subject: string;
    cases: number;
    /** how many 2xx answers (ok acks) each "target ← kind" got */
    accepted: Map<string, number>;
    refused: number;
    serverErrors: number;
    failed: number;
  }

  const tallies: Tally[] = [];
  const fuzzedRoutes = new Set<string>();
  const fuzzedEvents = new Set<string>();
  const sockets = new Map<string, Socket>();

  function newTally(subject: string, cases: number): Tally {
    const tally = { subject, cases, accepted: new Map<string, number>(), refused: 0, serverErrors: 0, failed: 0 };
    tallies.push(tally);
    return tally;
  }

  const targetOf = ({ mutation }: FuzzCase) => `${mutation.target} ← ${mutation.kind}`;

  function countAccepted(tally: Tally, fuzzCase: FuzzCase): void {
    const key = targetOf(fuzzCase);
    tally.accepted.set(key, (tally.accepted.get(key) ?? 0) + 1);
  }

  afterAll(async () => {
    for (const socket of sockets.values()) socket.disconnect();
    const table = tallies.flatMap((t) => {
      const accepted = [...t.accepted.values()].reduce((sum, count) => sum + count, 0);
      const columns = [t.cases, accepted, t.refused, t.serverErrors, t.failed].map((n) => String(n).padStart(5));
      const which = [...t.accepted].map(([key, count]) => `${key} ×${count}`).join(', ');
      return [`${t.subject.padEnd(58)} ${columns.join(' ')}`, ...(which ? [`    2xx: ${which}`] : [])];
    });
    console.log(
      [
        `fuzz seed ${SEED}, ${RUNS} runs`,
        `${'route / event'.padEnd(58)} cases   2xx   4xx   5xx  failed`,
        ...table,
      ].join('\n'),
    );
    await app.close();
  });

  const timeout = (perCaseMs: number) => 60_000 + RUNS * perCaseMs;

  async function fuzzRoute(route: Route): Promise<void> {
    fuzzedRoutes.add(route.key);
    const cases = sampleCases(route.key, routeTargets(route), RUNS, SEED, REST_CALLERS);
    const tally = newTally(route.key, cases.length);
    const failures: Failure[] = [];
    for (const fuzzCase of cases) {
      const request = buildRequest(route, fuzzCase, context());
      const {
        result: { status, json, text },
        writes,
      } = await watchWrites(app, () =>
        send(app.url, request.method, request.pathAndQuery, request.headers, request.body),
      );
      if (status >= 200 && status < 300) {
        countAccepted(tally, fuzzCase);
        // it may have changed or removed what later cases rely on
        if (route.method !== 'GET') fixtures = await makeFixtures();
        continue;
      }
      if (status >= 500) tally.serverErrors += 1;
      else tally.refused += 1;
      const problems = [
        ...(status >= 500 ? ['server error'] : status < 400 ? [`status ${status} is neither 2xx nor 4xx`] : []),
        ...(status >= 400 ? errorShapeProblems(json, status).map((problem) => `error body ${problem}`) : []),
        ...refusalWrites(writes).map((write) => `wrote: ${write}`),
      ];
      if (problems.length > 0) {
        failures.push({
          target: targetOf(fuzzCase),
          input: describeCase(fuzzCase),
          status: String(status),
          body: preview(json ?? text, 300),
          problems,
        });
      }
    }
    tally.failed = failures.length;
    if (failures.length > 0) throw new Error(failureReport(route.key, cases.length, failures, SEED));
  }

  async function socketOf(namespace: string, who: 'admin' | 'member'): Promise<Socket> {
    const key = `${namespace} ${who}`;
    const open = sockets.get(key);
    if (open?.connected) return open;
    open?.disconnect();
    const socket = io(namespace === '/' ? app.url : `${app.url}${namespace}`, {
      auth: { token: fixtures[who].accessToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    sockets.set(key, socket);
    return socket;
  }

  type Ack = { ack: unknown } | { lost: string };

  async function emit(socket: Socket, event: string, args: unknown[]): Promise<Ack> {
    try {
      return { ack: await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args) };
    } catch {
      return { lost: socket.connected ? `no ack within ${ACK_TIMEOUT_MS} ms` : 'the server closed the socket' };
    }
  }

  /** Problems of an ack: `{ ok: true, data }`, or `{ ok: false, error }` with a 4xx error in the one shape. */
  function ackProblems(ack: unknown): string[] {
    const { ok, ...rest } = (typeof ack === 'object' && ack !== null ? ack : {}) as Record<string, unknown>;
    const keys = Object.keys(rest).join();
    if (ok === true && keys === 'data') return [];
    if (ok !== false || keys !== 'error') return ['ack is neither {ok: true, data} nor {ok: false, error}'];
    const statusCode = (rest.error as { statusCode?: unknown } | null)?.statusCode;
    const status = typeof statusCode === 'number' ? statusCode : NaN;
    return [
      ...(status >= 400 && status < 500 ? [] : [`error.statusCode ${String(statusCode)} is not a 4xx`]),
      ...errorShapeProblems(rest.error, status).map((problem) => `error ${problem}`),
    ];
  }

  describe('fuzzing every route of the OpenAPI document', () => {
    for (const route of routes) {
      it(route.key, () => fuzzRoute(route), timeout(3_000));
    }
  });

  describe('fuzzing every socket event of every gateway', () => {
    for (const { namespace, event, payload } of events) {
      const subject = `socket ${namespace} ${event}`;
      it(
        subject,
        async () => {
          fuzzedEvents.add(`${namespace} ${event}`);
          const cases = sampleCases(subject, payloadTargets(payload), RUNS, SEED, SOCKET_CALLERS);
          const tally = newTally(subject, cases.length);
          const failures: Failure[] = [];
          for (const fuzzCase of cases) {
            const socket = await socketOf(namespace, fuzzCase.who === 'member' ? 'member' : 'admin');
            const { result, writes } = await watchWrites(app, () =>
              emit(socket, event, payloadArgs(payload, fuzzCase, fixtures.ids)),
            );
            const ack =
              'ack' in result ? (result.ack as { ok?: unknown; error?: { statusCode?: unknown } }) : undefined;
            if (ack?.ok === true) countAccepted(tally, fuzzCase);
            else if (typeof ack?.error?.statusCode === 'number' && ack.error.statusCode >= 500) tally.serverErrors += 1;
            else tally.refused += 1;
            const problems = [
              ...('lost' in result ? [result.lost] : ackProblems(result.ack)),
              ...(ack?.ok === true ? [] : refusalWrites(writes).map((write) => `wrote: ${write}`)),
            ];
            if (problems.length > 0) {
              const status = 'lost' in result ? 'no ack' : `ack ok=${String(ack?.ok)}`;
              failures.push({
                target: targetOf(fuzzCase),
                input: describeCase(fuzzCase),
                status,
                body: preview(ack, 300),
                problems,
              });
            }
          }
          tally.failed = failures.length;
          if (failures.length > 0) throw new Error(failureReport(subject, cases.length, failures, SEED));
        },
        timeout(ACK_TIMEOUT_MS + 1_000),
      );
    }

    const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
    for (const namespace of mine([...new Set(gatewayEvents(app.app).map((event) => event.namespace))])) {
      it(`socket ${namespace}: an unknown event is acked with { ok: false, error: { code: 'unknown_event' } }`, async () => {
        const known = gatewayEvents(app.app).flatMap((event) => (event.namespace === namespace ? [event.event] : []));
        const generated = fc.sample(fc.stringMatching(/^[a-z][a-z0-9.:_-]{0,24}$/), { seed: SEED, numRuns: 3 });
        const names = [
          ...new Set([
            ...known.flatMap((event) => [`${event}x`, event.toUpperCase()]),
            'constructor',
            'toString',
            '__proto__',
            'connection.ready',
            ...generated,
          ]),
        ].filter((name) => !known.includes(name) && !RESERVED.includes(name));
        const socket = await socketOf(namespace, 'admin');
        const { result: results, writes: allWrites } = await watchWrites(app, () =>
          Promise.all(names.map((name) => emit(socket, name, [{ echo: 'x' }]))),
        );
        const failures: Failure[] = names.flatMap((name, index): Failure[] => {
          const result = results[index];
          const ack = 'ack' in result ? (result.ack as { ok?: unknown; error?: { code?: unknown } }) : undefined;
          const problems = [
            ...('lost' in result ? [result.lost] : ackProblems(result.ack)),
            ...(ack && ack.error?.code !== 'unknown_event' ? ['error.code is not unknown_event'] : []),
          ];
          const status = 'lost' in result ? 'no ack' : `ack ok=${String(ack?.ok)}`;
          return problems.length
            ? [{ target: 'unknown event', input: `event ${preview(name)}`, status, body: preview(ack, 300), problems }]
            : [];
        });
        const writes = refusalWrites(allWrites);
        if (writes.length > 0) {
          failures.push({
            target: 'all of them',
            input: names.map((name) => preview(name)).join(', '),
            status: '',
            body: '',
            problems: writes.map((write) => `wrote: ${write}`),
          });
        }
        if (failures.length > 0) {
          throw new Error(failureReport(`socket ${namespace} unknown events`, names.length, failures, SEED));
        }
      }, 60_000);
    }
  });

  describe('fuzz coverage', () => {
    it(`fuzzed every route and gateway event of shard ${shard} of ${shards}, and found some`, () => {
      const documented = routes.map((route) => route.key);
      expect(documented.length).toBeGreaterThan(0);
      expect([...fuzzedRoutes].sort()).toEqual([...new Set(documented)].sort());
      // the realtime layer always has its ping: none found means the enumeration broke
      expect(events.length).toBeGreaterThan(0);
      expect([...fuzzedEvents].sort()).toEqual(events.map((event) => `${event.namespace} ${event.event}`).sort());
    });
  });
}
