import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionGateway, room } from '@plenary/realtime';
import { io, type Socket } from 'socket.io-client';
import { eventually } from './support/eventually.js';
import type { ErrorBody } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { uniqueDatabaseUri } from './support/test-database.js';
import { loginAdmin, register } from './support/users.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type ConnectError = Error & { data?: ErrorBody };
type Ack = { ok: true; data: { echo: string | null; serverTime: string } } | { ok: false; error: ErrorBody };

/** Every socket a test opens, disconnected after each test. */
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

function connect(url: string, token?: string): Socket {
  const socket = io(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, listener);
  });
}

/** Resolves with the connect_error, and fails if the socket connects instead. */
function connectError(socket: Socket, timeoutMs = 5_000): Promise<ConnectError> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connect_error within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('connected, but a connect_error was expected'));
    });
    socket.once('connect_error', (error: ConnectError) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** Connects with the token and waits for the server's connection.ready. */
async function connectReady(url: string, token: string): Promise<{ socket: Socket; ready: unknown }> {
  const socket = connect(url, token);
  const ready = await nextEvent(socket, 'connection.ready');
  expect(socket.connected).toBe(true);
  return { socket, ready };
}

function ping(socket: Socket, payload: unknown): Promise<Ack> {
  return socket.timeout(5_000).emitWithAck('ping', payload) as Promise<Ack>;
}

/** Changes one character in the middle of the signature, so its bytes really differ. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const i = 10;
  const replacement = signature[i] === 'A' ? 'B' : 'A';
  return [header, payload, signature.slice(0, i) + replacement + signature.slice(i + 1)].join('.');
}

describe('one instance', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('realtime');
  }, 60_000);
  afterAll(() => app.close());

  it('refuses a connection without a token with a 401 that says why', async () => {
    for (const socket of [connect(app.url), connect(app.url, '')]) {
      const error = await connectError(socket);
      expect(error.message).toBe('An access token is required');
      expect(error.data).toEqual({
        statusCode: 401,
        code: 'unauthenticated',
        error: 'Unauthorized',
        message: 'An access token is required',
        details: [],
      });
      expect(socket.connected).toBe(false);
    }
  });

  it('refuses a tampered, garbage or refresh token with a 401, and accepts a valid one', async () => {
    const member = await register(app);
    for (const token of [tamper(member.accessToken), 'not-a-jwt', member.refreshToken]) {
      const error = await connectError(connect(app.url, token));
      expect(error.message).toBe('The access token is invalid or expired');
      expect(error.data).toEqual({
        statusCode: 401,
        code: 'unauthenticated',
        error: 'Unauthorized',
        message: 'The access token is invalid or expired',
        details: [],
      });
    }
    const { socket, ready } = await connectReady(app.url, member.accessToken);
    expect(ready).toEqual({ userId: member.id, recovered: false });
    expect(await app.app.get(ConnectionGateway).devicesOf(member.id)).toBe(1);
    // a second device of the same user joins the same room
    await connectReady(app.url, member.accessToken);
    expect(await app.app.get(ConnectionGateway).devicesOf(member.id)).toBe(2);
    socket.disconnect();
    await eventually(async () => expect(await app.app.get(ConnectionGateway).devicesOf(member.id)).toBe(1));
  });

  it("refuses a suspended user's token with a 403", async () => {
    const admin = await loginAdmin(app);
    const member = await register(app);
    await app.http
      .patch(`/api/v1/users/${member.id}`)
      .set(admin.auth)
      .send({ status: 'suspended', reason: 'Spam' })
      .expect(200);
    const error = await connectError(connect(app.url, member.accessToken));
    expect(error.message).toBe('This account is suspended');
    expect(error.data).toEqual({
      statusCode: 403,
      code: 'forbidden',
      error: 'Forbidden',
      message: 'This account is suspended',
      details: [],
    });
    await app.http.patch(`/api/v1/users/${member.id}`).set(admin.auth).send({ status: 'active' }).expect(200);
    await connectReady(app.url, member.accessToken);
  });

  it("closes the open sockets of a user who is suspended or signs out everywhere, and nobody else's", async () => {
    const admin = await loginAdmin(app);
    const member = await register(app);
    const bystander = await register(app);
    const { socket: phone } = await connectReady(app.url, member.accessToken);
    const { socket: laptop } = await connectReady(app.url, member.accessToken);
    const { socket: other } = await connectReady(app.url, bystander.accessToken);
    const phoneGone = nextEvent<string>(phone, 'disconnect');
    const laptopGone = nextEvent<string>(laptop, 'disconnect');
    await app.http
      .patch(`/api/v1/users/${member.id}`)
      .set(admin.auth)
      .send({ status: 'suspended', reason: 'Spam' })
      .expect(200);
    expect(await phoneGone).toBe('io server disconnect');
    expect(await laptopGone).toBe('io server disconnect');
    expect(other.connected).toBe(true);
    expect(await app.app.get(ConnectionGateway).devicesOf(member.id)).toBe(0);

    const otherGone = nextEvent<string>(other, 'disconnect');
    await app.http.post('/api/v1/auth/logout').set(bystander.auth).send({ everywhere: true }).expect(204);
    expect(await otherGone).toBe('io server disconnect');
  });

  it('acks ping with the echo and the server time, and refuses bad payloads with a 400', async () => {
    const member = await register(app);
    const { socket } = await connectReady(app.url, member.accessToken);

    const pong = await ping(socket, { echo: 'hello' });
    expect(pong).toEqual({ ok: true, data: { echo: 'hello', serverTime: expect.any(String) } });
    const { serverTime } = (pong as Extract<Ack, { ok: true }>).data;
    expect(Math.abs(Date.parse(serverTime) - Date.now())).toBeLessThan(5_000);
    expect(await ping(socket, {})).toEqual({ ok: true, data: { echo: null, serverTime: expect.any(String) } });
    const longest = 'é'.repeat(200);
    expect(await ping(socket, { echo: longest })).toMatchObject({ ok: true, data: { echo: longest } });

    const bad: [unknown, string][] = [
      [{ echo: 42 }, 'echo'],
      [{ echo: 'x'.repeat(201) }, 'echo'],
      [{ echo: 'hi', extra: true }, 'extra'],
    ];
    for (const [payload, field] of bad) {
      const ack = await ping(socket, payload);
      expect({ payload, ack }).toEqual({
        payload,
        ack: {
          ok: false,
          error: {
            statusCode: 400,
            code: 'validation_failed',
            error: 'Bad Request',
            message: expect.stringContaining(field),
            details: [{ field, problem: expect.any(String) }],
          },
        },
      });
    }
    // the socket stays usable after refused events
    expect(await ping(socket, { echo: 'still here' })).toMatchObject({ ok: true, data: { echo: 'still here' } });
    expect(socket.connected).toBe(true);
  });

  it('works with a Python Socket.IO client (python3-socketio)', async () => {
    const python = findPythonWithSocketIo();
    if (!python) {
      throw new Error('No python3 can import socketio: apt-get install python3-socketio python3-websocket');
    }
    const member = await register(app);
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        python,
        ['-c', PYTHON_CLIENT, app.url, member.accessToken],
        { timeout: 30_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    const result = JSON.parse(output.trim().split('\n').pop() as string);
    expect(result).toEqual({
      ready: { userId: member.id, recovered: false },
      pong: { ok: true, data: { echo: 'from python', serverTime: expect.any(String) } },
      bad: {
        ok: false,
        error: {
          statusCode: 400,
          code: 'validation_failed',
          error: 'Bad Request',
          message: expect.any(String),
          details: [{ field: 'echo', problem: expect.any(String) }],
        },
      },
      refused: {
        message: 'The access token is invalid or expired',
        data: {
          statusCode: 401,
          code: 'unauthenticated',
          error: 'Unauthorized',
          message: 'The access token is invalid or expired',
          details: [],
        },
      },
    });
  }, 40_000);
});

describe('several instances (Redis streams adapter)', () => {
  it('counts and reaches a user connected to another instance', async () => {
    const shared = {
      MONGODB_URI: uniqueDatabaseUri('scale'),
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL,
    };
    const a = await startTestApp('scale_a', shared);
    let b: TestApp | undefined;
    try {
      b = await startTestApp('scale_b', shared);
      expect(b.url).not.toBe(a.url);
      const member = await register(a);
      const bystander = await register(b);
      const gatewayA = a.app.get(ConnectionGateway);
      const gatewayB = b.app.get(ConnectionGateway);

      // a token from A is valid on B
      const { socket: onB, ready } = await connectReady(b.url, member.accessToken);
      expect(ready).toEqual({ userId: member.id, recovered: false });
      const { socket: bystanderOnB } = await connectReady(b.url, bystander.accessToken);
      expect(await ping(onB, { echo: 'via B' })).toMatchObject({ ok: true, data: { echo: 'via B' } });

      // A counts the device connected to B
      await eventually(async () => expect(await gatewayA.devicesOf(member.id)).toBe(1));
      expect(await gatewayB.devicesOf(member.id)).toBe(1);
      // a second device, on A: both instances count two
      await connectReady(a.url, member.accessToken);
      await eventually(async () => {
        expect(await gatewayA.devicesOf(member.id)).toBe(2);
        expect(await gatewayB.devicesOf(member.id)).toBe(2);
      });

      // an event emitted on A to the user's room reaches the client on B, and only that user
      const strayEvents: unknown[] = [];
      bystanderOnB.on('connection.ready', (payload: unknown) => strayEvents.push(payload));
      const payload = { userId: member.id, recovered: true };
      let received: unknown;
      await eventually(async () => {
        const arrival = nextEvent(onB, 'connection.ready', 1_000);
        gatewayA.server.to(room.user(member.id)).emit('connection.ready', payload);
        received = await arrival;
      });
      expect(received).toEqual(payload);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(strayEvents).toEqual([]);

      // when the client on B leaves, A stops counting it
      onB.disconnect();
      await eventually(async () => expect(await gatewayA.devicesOf(member.id)).toBe(1));

      // suspending on A closes the user's sockets on B too
      const { socket: againOnB } = await connectReady(b.url, member.accessToken);
      const goneFromB = nextEvent<string>(againOnB, 'disconnect', 10_000);
      const admin = await loginAdmin(a);
      await a.http
        .patch(`/api/v1/users/${member.id}`)
        .set(admin.auth)
        .send({ status: 'suspended', reason: 'Spam' })
        .expect(200);
      expect(await goneFromB).toBe('io server disconnect');
      await eventually(async () => expect(await gatewayB.devicesOf(member.id)).toBe(0));
    } finally {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await b?.close({ keepDatabase: true });
      await a.close();
    }
  }, 90_000);
});

/** The first python3 that can import socketio and websocket (Debian: python3-socketio, python3-websocket). */
function findPythonWithSocketIo(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import socketio, websocket'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

const PYTHON_CLIENT = `
import json, sys, threading
import socketio

url, token = sys.argv[1], sys.argv[2]
result = {}

refused = socketio.Client(reconnection=False)
refusal = threading.Event()

@refused.on('connect_error')
def on_connect_error(data):
    result['refused'] = data
    refusal.set()

try:
    refused.connect(url, auth={'token': token[:-12] + 'x' * 12}, transports=['websocket'], wait=False)
    if not refusal.wait(10):
        result['refused'] = 'connected' if refused.connected else 'no connect_error'
finally:
    refused.disconnect()

client = socketio.Client(reconnection=False)
ready = threading.Event()

@client.on('connection.ready')
def on_ready(payload, *_offset):
    result['ready'] = payload
    ready.set()

client.connect(url, auth={'token': token}, transports=['websocket'], wait_timeout=10)
try:
    if not ready.wait(10):
        raise SystemExit('no connection.ready')
    result['pong'] = client.call('ping', {'echo': 'from python'}, timeout=10)
    result['bad'] = client.call('ping', {'echo': 7}, timeout=10)
finally:
    client.disconnect()
print(json.dumps(result))
`;

describe.each([
  ['the in-memory adapter', {}],
  ['the Redis streams adapter', { REDIS_URL }],
])('connection-state recovery with %s', (_label, variables: Record<string, string>) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('recovery', variables);
  }, 60_000);
  afterAll(() => app.close());

  it('gives a client that drops and comes back its rooms and the events it missed', async () => {
    const member = await register(app);
    const gateway = app.app.get(ConnectionGateway);
    const socket = io(app.url, {
      auth: { token: member.accessToken },
      transports: ['websocket'],
      // Long enough for the server to see the drop before the client comes back.
      reconnectionDelay: 1_500,
      reconnectionDelayMax: 1_500,
      randomizationFactor: 0,
      forceNew: true,
    });
    sockets.push(socket);
    await nextEvent(socket, 'connection.ready');
    const received: unknown[] = [];
    socket.on('connection.ready', (payload: unknown) => received.push(payload));

    // A room broadcast carries the offset the client presents when it comes back.
    gateway.server.to(room.user(member.id)).emit('connection.ready', { userId: member.id, recovered: false });
    await eventually(async () => expect(received).toHaveLength(1));

    // The network drops: the transport closes without a goodbye, the server keeps the session.
    const dropped = nextEvent<string>(socket, 'disconnect');
    socket.io.engine.close();
    await dropped;
    await eventually(async () => expect(await gateway.devicesOf(member.id)).toBe(0), 5_000);
    const missed = { userId: member.id, recovered: false, note: 'sent while offline' };
    gateway.server.to(room.user(member.id)).emit('connection.ready', missed);

    await eventually(async () => expect(socket.connected && socket.recovered).toBe(true), 10_000);
    await eventually(async () => expect(received).toContainEqual(missed), 5_000);
    // It is back in its user's room without having joined again.
    expect(await gateway.devicesOf(member.id)).toBe(1);
    expect(received).toContainEqual({ userId: member.id, recovered: true });
  }, 30_000);
});
