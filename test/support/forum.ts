import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import type { mongo } from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import type { ErrorBody } from './fixtures.js';
import type { Auth } from './http.js';
import { BACKGROUND_WRITES, startTestApp, type TestApp } from './test-app.js';
import { uniqueDatabaseUri } from './test-database.js';
import type { SignedIn } from './users.js';

/** Shared by the forum specs: response shapes, fixtures built through the API, sockets, and "nothing written". */

export const API = '/api/v1';

export interface PersonBody {
  id: string | null;
  displayName: string;
}

export interface CategoryBody {
  id: string;
  name: string;
  slug: string;
  groupId: string | null;
  postingPolicy: string;
  language: string;
  threadCount: number;
  unreadThreadCount: number;
  viewer: { canStartThread: boolean; canManage: boolean; canModerate: boolean };
}

export interface ThreadBody {
  id: string;
  categoryId: string;
  groupId: string | null;
  title: string;
  author: PersonBody;
  tags: string[];
  objectives: number[];
  language: string;
  status: string;
  pinned: boolean;
  locked: boolean;
  replyCount: number;
  lastActivityAt: string;
  acceptedPostId: string | null;
  unreadCount: number;
  following: boolean;
}

export interface PostBody {
  id: string;
  threadId: string;
  number: number;
  author: PersonBody;
  body: string | null;
  html: string;
  replyTo: string | null;
  reactions: { counts: Record<string, number>; mine: string[] };
  status: string;
  editCount: number;
  editedAt: string | null;
  createdAt: string;
}

export interface GroupBody {
  id: string;
  name: string;
  visibility: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A name no other run uses. */
export function uniqueName(label: string): string {
  return `${label} ${randomBytes(4).toString('hex')}`;
}

export function headers(caller: SignedIn | null): Auth | Record<string, never> {
  return caller ? caller.auth : {};
}

/** Fails with the route and the answer when the status is not the one expected. */
export function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
}

export async function createGroup(
  app: TestApp,
  owner: SignedIn,
  visibility: 'public' | 'members' | 'private',
  label = 'Forum group',
): Promise<GroupBody> {
  const response = await app.http
    .post(`${API}/groups`)
    .set(owner.auth)
    .send({
      name: uniqueName(label),
      type: 'working_group',
      visibility,
      joinPolicy: visibility === 'private' ? 'invite' : 'open',
    });
  expectStatus(response, 201, `create a ${visibility} group`);
  return response.body as GroupBody;
}

/** Makes `user` an active member of the group (by joining, or by invitation for an invite-only group), with `role`. */
export async function addToGroup(
  app: TestApp,
  owner: SignedIn,
  group: GroupBody,
  user: SignedIn,
  role: 'member' | 'facilitator' | 'owner' = 'member',
): Promise<void> {
  if (group.visibility === 'private') {
    expectStatus(
      await app.http.post(`${API}/groups/${group.id}/invitations`).set(owner.auth).send({ userId: user.id }),
      201,
      'invite',
    );
    expectStatus(
      await app.http.post(`${API}/groups/${group.id}/invitations/accept`).set(user.auth),
      200,
      'accept invitation',
    );
  } else {
    expectStatus(await app.http.post(`${API}/groups/${group.id}/join`).set(user.auth), 201, 'join');
  }
  if (role !== 'member') {
    expectStatus(
      await app.http.patch(`${API}/groups/${group.id}/members/${user.id}`).set(owner.auth).send({ role }),
      200,
      `make ${role}`,
    );
  }
}

export async function createCategory(
  app: TestApp,
  caller: SignedIn,
  body: { name?: string; groupId?: string; postingPolicy?: 'members' | 'moderators'; language?: string } = {},
): Promise<CategoryBody> {
  const response = await app.http
    .post(`${API}/categories`)
    .set(caller.auth)
    .send({ name: uniqueName('Category'), ...body });
  expectStatus(response, 201, 'create a category');
  return response.body as CategoryBody;
}

export async function startThread(
  app: TestApp,
  caller: SignedIn,
  categoryId: string,
  body: { title?: string; body?: string; tags?: string[]; objectives?: number[]; language?: string } = {},
): Promise<ThreadBody> {
  const response = await app.http
    .post(`${API}/categories/${categoryId}/threads`)
    .set(caller.auth)
    .send({ title: uniqueName('Thread'), body: 'The opening post.', ...body });
  expectStatus(response, 201, 'start a thread');
  return response.body as ThreadBody;
}

export async function reply(
  app: TestApp,
  caller: SignedIn,
  threadId: string,
  body = 'A reply.',
  replyTo?: string,
): Promise<PostBody> {
  const response = await app.http
    .post(`${API}/threads/${threadId}/posts`)
    .set(caller.auth)
    .send({ body, ...(replyTo ? { replyTo } : {}) });
  expectStatus(response, 201, 'reply');
  return response.body as PostBody;
}

/** Every post of the thread the caller may see (one page of 100). */
export async function postsOf(app: TestApp, caller: SignedIn | null, threadId: string): Promise<PostBody[]> {
  const response = await app.http.get(`${API}/threads/${threadId}/posts`).set(headers(caller)).query({ limit: 100 });
  expectStatus(response, 200, 'list posts');
  return (response.body as Page<PostBody>).items;
}

export async function threadOf(app: TestApp, caller: SignedIn | null, threadId: string): Promise<ThreadBody> {
  const response = await app.http.get(`${API}/threads/${threadId}`).set(headers(caller));
  expectStatus(response, 200, 'get thread');
  return response.body as ThreadBody;
}

export async function categoriesOf(app: TestApp, caller: SignedIn | null): Promise<CategoryBody[]> {
  const response = await app.http.get(`${API}/categories`).set(headers(caller));
  expectStatus(response, 200, 'list categories');
  return (response.body as { items: CategoryBody[] }).items;
}

/** The real server, its database driver reporting every command it sends (for watchWrites). */
export function startForumApp(label: string, variables: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp(label, { MONGODB_URI: `${uniqueDatabaseUri(label)}?monitorCommands=true`, ...variables });
}

const WRITE_COMMANDS = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'bulkWrite',
  'create',
  'drop',
  'dropDatabase',
  'createIndexes',
  'dropIndexes',
  'renameCollection',
]);

/** How many documents a write command's reply says it changed (a guarded update that matched nothing changed none). */
function changedBy(commandName: string, reply: Record<string, unknown>): number {
  if (commandName === 'findAndModify') {
    const last = reply.lastErrorObject as { n?: number } | undefined;
    return last?.n ?? (reply.value ? 1 : 0);
  }
  if (['insert', 'update', 'delete', 'bulkWrite'].includes(commandName)) {
    const upserted = Array.isArray(reply.upserted) ? reply.upserted.length : 0;
    const modified = typeof reply.nModified === 'number' ? reply.nModified : Number(reply.n ?? 0);
    return commandName === 'update' ? modified + upserted : Number(reply.n ?? 0);
  }
  return 1;
}

/**
 * What `work` answers, and every write the server made meanwhile ("findAndModify forum_threads"):
 * each write command whose reply says it changed a document. None: nothing was written, updates
 * included (which document counts alone would miss). Needs an app from startForumApp.
 */
export async function watchWrites<T>(
  app: TestApp,
  work: () => PromiseLike<T>,
): Promise<{ result: T; writes: string[] }> {
  const pending = new Map<number, string>();
  const writes: string[] = [];
  const started = (event: mongo.CommandStartedEvent) => {
    if (WRITE_COMMANDS.has(event.commandName)) {
      pending.set(event.requestId, `${event.commandName} ${String(event.command[event.commandName])}`);
    }
  };
  const succeeded = (event: mongo.CommandSucceededEvent) => {
    const write = pending.get(event.requestId);
    const counts = write && !BACKGROUND_WRITES.has(write);
    if (counts && changedBy(event.commandName, event.reply as Record<string, unknown>) > 0) writes.push(write);
    pending.delete(event.requestId);
  };
  const client = app.connection.getClient();
  client.on('commandStarted', started);
  client.on('commandSucceeded', succeeded);
  try {
    return { result: await work(), writes };
  } finally {
    client.off('commandStarted', started);
    client.off('commandSucceeded', succeeded);
  }
}

/** The error shape with this status, or the problem with the body. */
export function errorProblem(body: unknown, statusCode: number): string | null {
  const error = body as Partial<ErrorBody> | null;
  const ok =
    !!error &&
    error.statusCode === statusCode &&
    typeof error.code === 'string' &&
    typeof error.error === 'string' &&
    typeof error.message === 'string' &&
    Array.isArray(error.details);
  return ok ? null : `not the error shape: ${JSON.stringify(body)}`;
}

// ---------------------------------------------------------------------------------------------
// Sockets

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Every socket a spec opens, for its afterEach to close. */
export const openSockets: Socket[] = [];

export function closeSockets(): void {
  for (const socket of openSockets.splice(0)) socket.disconnect();
}

/** A connected socket of the user (after the server's connection.ready). */
export async function connectSocket(app: TestApp, user: SignedIn): Promise<Socket> {
  const socket = io(app.url, {
    auth: { token: user.accessToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  openSockets.push(socket);
  await nextEvent(socket, 'connection.ready');
  return socket;
}

export function emitAck<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Joins a room and fails unless the server acked it. */
export async function joinRoom(socket: Socket, event: 'thread:join' | 'category:join', payload: object): Promise<void> {
  const ack = await emitAck(socket, event, payload);
  expect({ event, payload, ack }).toEqual({ event, payload, ack: { ok: true, data: payload } });
}

/** The next `event` whose payload passes `match`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  timeoutMs = 5_000,
  match: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Records every forum event the socket receives, in order, as [event, payload]. */
export function recordForumEvents(socket: Socket): [string, unknown][] {
  const seen: [string, unknown][] = [];
  const events = ['post:created', 'post:updated', 'post:deleted', 'thread:created', 'thread:updated', 'thread:removed'];
  for (const event of events) {
    socket.on(event, (payload: unknown) => seen.push([event, payload]));
  }
  return seen;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
